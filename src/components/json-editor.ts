/**
 * A JSON code editor: CodeMirror 6 with JSON highlighting, line numbers, problem markers and
 * the site's colours. JsonEditor.svelte imports this module dynamically, so CodeMirror is
 * downloaded only when an island that uses it hydrates, and only on pages that have one.
 */
import { history, historyKeymap, defaultKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';

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
