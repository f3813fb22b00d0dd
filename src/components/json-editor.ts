/**
 * A JSON code editor: CodeMirror 6 with JSON highlighting, line numbers, problem markers and
 * the site's colours. JsonEditor.svelte imports this module dynamically, so CodeMirror is
 * downloaded only when an island that uses it hydrates, and only on pages that have one.
 *
 * With the `help` option (the scenario editor's src/workbench/scenario-help.ts), it also
 * completes field names and values (as the reader types, or on Ctrl-Space), explains the
 * field under the pointer, and F1 explains the field at the cursor for keyboard users.
 */
import { autocompletion, pickedCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { history, historyKeymap, defaultKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, hoverTooltip, keymap, lineNumbers, showTooltip, type Tooltip } from '@codemirror/view';
import { tags } from '@lezer/highlight';
// Types only: the help itself is passed in, so an editor without it never downloads it.
import type { EditorHelp, FieldHelp, HelpChoice } from '../workbench/scenario-help.ts';

/** A problem to mark in the text: `from` inclusive, `to` exclusive. */
export interface EditorProblem {
  from: number;
  to: number;
  message: string;
}

export interface EditorOptions {
  text: string;
  /** Id of the element that names the editor. */
  labelledBy: string;
  /** Ids of elements that describe it (help text, the problems' status region). */
  describedBy: string;
  onChange: (text: string) => void;
  /** Completion and hover help for the document's fields; without it the editor is a plain JSON editor. */
  help?: EditorHelp;
}

export interface JsonEditorHandle {
  /** Replaces the whole text (examples, Reset) without reporting it through onChange; the change is undoable. */
  setText(text: string): void;
  /** Shows these problems as markers; an empty list clears them. */
  setProblems(problems: readonly EditorProblem[]): void;
  destroy(): void;
}

// Colours come from CSS variables set per theme in site.css, so the editor follows
// Starlight's data-theme switch without being reconfigured.
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--lab-code-key)' },
  { tag: tags.string, color: 'var(--lab-code-string)' },
  { tag: tags.number, color: 'var(--lab-code-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--lab-code-keyword)' },
  { tag: [tags.separator, tags.brace, tags.squareBracket], color: 'var(--lab-code-punctuation)' },
]);

const theme = EditorView.theme({
  '&': {
    color: 'var(--lab-code-text)',
    backgroundColor: 'var(--lab-code-bg)',
    border: '1px solid var(--sl-color-gray-4)',
    borderRadius: '0.35rem',
    fontSize: 'var(--sl-text-sm)',
  },
  '&.cm-focused': { outline: '2px solid var(--sl-color-text-accent)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--__sl-font-mono, ui-monospace, monospace)', lineHeight: '1.55', minHeight: '9rem' },
  '.cm-content': { caretColor: 'var(--lab-code-text)', padding: '0.5rem 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--lab-code-text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'var(--lab-code-selection)',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--lab-code-bg)',
    color: 'var(--lab-code-gutter)',
    borderRight: '1px solid var(--sl-color-gray-5)',
    borderTopLeftRadius: '0.35rem',
    borderBottomLeftRadius: '0.35rem',
  },
  // Matching brackets are marked only while the reader is editing, so the resting editor looks plain.
  '.cm-matchingBracket, .cm-nonmatchingBracket': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--lab-code-selection)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--lab-code-error)', textDecorationSkipInk: 'none' },
  '.cm-tooltip': {
    backgroundColor: 'var(--sl-color-bg)',
    color: 'var(--sl-color-white)',
    border: '1px solid var(--sl-color-gray-4)',
    maxWidth: 'min(30rem, 90vw)',
  },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--lab-code-error)' },
  // The completion list and the field help: the site's colours in both themes, readable on a phone.
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--__sl-font-mono, ui-monospace, monospace)', maxHeight: 'min(14em, 40vh)', maxWidth: 'min(28rem, calc(100vw - 2rem))' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li': { padding: '0.2rem 0.5rem', lineHeight: '1.4' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--sl-color-accent-low)', color: 'var(--sl-color-white)' },
  '.cm-completionLabel': { color: 'var(--lab-code-key)' },
  '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionLabel': { color: 'var(--sl-color-white)', fontWeight: '600' },
  '.cm-completionMatchedText': { textDecoration: 'underline', textUnderlineOffset: '2px' },
  '.cm-completionDetail': { color: 'var(--sl-color-gray-2)', fontStyle: 'normal', marginLeft: '0.75em' },
  '.cm-tooltip.cm-completionInfo': { padding: '0.5rem 0.65rem', width: 'max-content', maxWidth: 'min(24rem, calc(100vw - 2rem))' },
  '.cm-field-help': { fontFamily: 'var(--sl-font, system-ui, sans-serif)', fontSize: 'var(--sl-text-sm)', lineHeight: '1.45', whiteSpace: 'normal' },
  '.cm-tooltip-hover .cm-field-help, .cm-tooltip.cm-field-help-tooltip .cm-field-help': { padding: '0.5rem 0.65rem', maxWidth: 'min(26rem, calc(100vw - 2rem))' },
  '.cm-field-help p, .cm-field-help ul': { margin: '0' },
  '.cm-field-help > * + *': { marginTop: '0.35rem' },
  '.cm-field-help ul': { paddingLeft: '1.1rem' },
  '.cm-field-help code': { fontFamily: 'var(--__sl-font-mono, ui-monospace, monospace)', color: 'var(--lab-code-key)', overflowWrap: 'anywhere' },
  '.cm-field-help-type': { color: 'var(--sl-color-gray-2)' },
  '.cm-field-help-limits': { fontWeight: '600' },
  '.cm-panels': { backgroundColor: 'var(--sl-color-bg)', color: 'var(--sl-color-white)' },
  '.cm-panel.cm-panel-lint ul [aria-selected]': { backgroundColor: 'var(--lab-code-selection)', color: 'var(--sl-color-white)' },
});

/** Turns problems into CodeMirror diagnostics, clamped to the current text. */
function diagnostics(problems: readonly EditorProblem[], length: number): Diagnostic[] {
  return problems.map((p) => {
    const from = Math.max(0, Math.min(p.from, length));
    return { from, to: Math.max(from, Math.min(p.to, length)), severity: 'error', message: p.message };
  });
}

/** A field's help as an element: name and type, meaning, range and default, and its values' meanings. */
function helpElement(help: FieldHelp): HTMLElement {
  const box = document.createElement('div');
  box.className = 'cm-field-help';
  const head = box.appendChild(document.createElement('p'));
  head.appendChild(document.createElement('code')).textContent = help.name;
  const type = head.appendChild(document.createElement('span'));
  type.className = 'cm-field-help-type';
  type.textContent = ` · ${help.type}${help.onlyWhen ? `, only with ${help.onlyWhen}` : ''}`;
  if (help.meaning) box.appendChild(document.createElement('p')).textContent = help.meaning;
  if (help.summary) {
    const limits = box.appendChild(document.createElement('p'));
    limits.className = 'cm-field-help-limits';
    limits.textContent = help.summary;
  }
  const explained = help.values?.filter((v) => v.meaning) ?? [];
  if (explained.length > 0) {
    const list = box.appendChild(document.createElement('ul'));
    for (const v of explained) {
      const item = list.appendChild(document.createElement('li'));
      item.appendChild(document.createElement('code')).textContent = v.json;
      item.append(` — ${v.meaning}`);
    }
  }
  return box;
}

function messageElement(text: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'cm-field-help';
  box.textContent = text;
  return box;
}

/** The help tooltip F1 opens at the cursor; a new edit, a cursor move or Escape closes it. */
const setKeyboardHelp = StateEffect.define<Tooltip | null>();
const keyboardHelp = StateField.define<Tooltip | null>({
  create: () => null,
  update(tooltip, tr) {
    for (const effect of tr.effects) if (effect.is(setKeyboardHelp)) return effect.value;
    return tr.docChanged || tr.selection ? null : tooltip;
  },
  provide: (field) => showTooltip.from(field),
});

/** Completion, hover help and the F1 help, from a help provider. */
function helpExtensions(help: EditorHelp): Extension[] {
  // Options whose field takes a choice: after one is applied, the list opens again on its values.
  const reopen = new WeakSet<Completion>();

  const toCompletion = (choice: HelpChoice): Completion => {
    const completion: Completion = {
      label: choice.label,
      ...(choice.display === undefined ? {} : { displayLabel: choice.display }),
      detail: choice.detail,
      type: choice.kind === 'field' ? 'property' : 'enum',
      boost: choice.boost,
      info: () => {
        if (choice.field) return helpElement(choice.field);
        return choice.value?.meaning ? messageElement(choice.value.meaning) : null;
      },
      apply: (view, picked) => {
        // Work from the text as it is now: it may have changed since the list was made.
        const head = view.state.selection.main.head;
        const fresh = help.complete(view.state.doc.toString(), head, true)?.choices.find((c) => c.label === choice.label && c.kind === choice.kind) ?? choice;
        view.dispatch({
          changes: fresh.changes,
          selection: { anchor: fresh.cursor },
          annotations: pickedCompletion.of(picked),
          userEvent: 'input.complete',
          scrollIntoView: true,
        });
      },
    };
    if (choice.reopen) reopen.add(completion);
    return completion;
  };

  const source = (context: CompletionContext): CompletionResult | null => {
    const found = help.complete(context.state.doc.toString(), context.pos, context.explicit);
    if (!found || found.choices.length === 0) return null;
    return { from: found.from, options: found.choices.map(toCompletion) };
  };

  const showHelpAtCursor = (view: EditorView): boolean => {
    const head = view.state.selection.main.head;
    const found = help.describe(view.state.doc.toString(), head, { side: 'either', container: true });
    const message = 'No field here. Ctrl+Space lists the fields allowed at the cursor.';
    const tooltip: Tooltip = {
      pos: found?.from ?? head,
      above: false,
      create: () => {
        const dom = found ? helpElement(found.help) : messageElement(message);
        dom.classList.add('cm-field-help-tooltip');
        return { dom };
      },
    };
    view.dispatch({ effects: [setKeyboardHelp.of(tooltip), EditorView.announce.of(found ? found.text : message)] });
    return true;
  };

  const hideHelp = (view: EditorView): boolean => {
    if (!view.state.field(keyboardHelp, false)) return false;
    view.dispatch({ effects: setKeyboardHelp.of(null) });
    return true;
  };

  return [
    autocompletion({
      override: [source],
      icons: false,
      activateOnCompletion: (completion) => reopen.has(completion),
    }),
    hoverTooltip(
      (view, pos, side) => {
        const found = help.describe(view.state.doc.toString(), pos, { side: side < 0 ? 'before' : 'after' });
        if (!found) return null;
        return { pos: found.from, end: found.to, above: true, create: () => ({ dom: helpElement(found.help) }) };
      },
      { hoverTime: 350 },
    ),
    keyboardHelp,
    Prec.high(
      keymap.of([
        { key: 'F1', run: showHelpAtCursor, preventDefault: true },
        { key: 'Escape', run: hideHelp },
      ]),
    ),
  ];
}

export function createJsonEditor(parent: HTMLElement, options: EditorOptions): JsonEditorHandle {
  // Text set from outside is not the reader's edit, so it is not reported back as one.
  let settingText = false;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        lintGutter(),
        history(),
        drawSelection(),
        bracketMatching(),
        json(),
        syntaxHighlighting(highlight),
        theme,
        // Long values wrap rather than scroll sideways on a phone.
        EditorView.lineWrapping,
        // Tab is left to the browser (no indentWithTab), so keyboard users can move on.
        keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
        EditorView.contentAttributes.of({
          'aria-labelledby': options.labelledBy,
          'aria-describedby': options.describedBy,
          spellcheck: 'false',
          autocapitalize: 'off',
          autocorrect: 'off',
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !settingText) options.onChange(update.state.doc.toString());
        }),
        options.help ? helpExtensions(options.help) : [],
      ],
    }),
  });

  return {
    setText(text) {
      if (text === view.state.doc.toString()) return;
      settingText = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      } finally {
        settingText = false;
      }
    },
    setProblems(problems) {
      view.dispatch(setDiagnostics(view.state, diagnostics(problems, view.state.doc.length)));
    },
    destroy() {
      view.destroy();
    },
  };
}
