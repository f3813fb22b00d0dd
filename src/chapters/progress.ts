/**
 * The reader's progress through the chapters: tasks done and bets placed, kept in local
 * storage under one key so a sidebar or a wrap-up page can read all chapters at once.
 *
 *   lab:progress:v1 → { [chapter]: { tasks: { [id]: true }, bets: { [id]: optionIndex },
 *                                    diagnoses?: { [id]: optionIndex } } }
 *
 * Stored data may be damaged or from another version, so it is validated on read; data that
 * cannot be used is dropped with a notice, never thrown. With storage switched off the
 * progress lives in memory for the page's lifetime. Each change is announced on `window` as
 * a `lab:progress` event so every widget on the page (the chapter's counter above all) follows.
 */
import { browserStorage, type KeyValueStore } from '../workbench/stored-experiment.ts';

export const PROGRESS_KEY = 'lab:progress:v1';
export const PROGRESS_EVENT = 'lab:progress';
/** Far more than every chapter's tasks and bets need; a bigger value is not ours. */
const MAX_STORED_CHARS = 65_536;

/** What one chapter keeps: tasks done, the option chosen in each bet and each diagnosis. */
export interface ChapterProgress {
  tasks: Record<string, true>;
  bets: Record<string, number>;
  /** The cause the reader named for each mystery (a diagnosis); absent until the first one. */
  diagnoses?: Record<string, number>;
}

// Checked by hand rather than with zod: every chapter page reads progress as it loads, and
// the schema library is loaded only when a page needs the scenario schema.
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isId = (key: string): boolean => key.length >= 1 && key.length <= 100;

/** A record whose keys are ids and whose values `read` accepts (as it returns them); undefined otherwise. */
function recordOf<T>(value: unknown, read: (v: unknown) => T | undefined): Record<string, T> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, T> = {};
  for (const [key, v] of Object.entries(value)) {
    const accepted = read(v);
    if (!isId(key) || accepted === undefined) return undefined;
    // defineProperty: a key such as "__proto__" stays plain data, never a prototype.
    Object.defineProperty(out, key, { value: accepted, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const doneTask = (v: unknown): true | undefined => (v === true ? true : undefined);
const choice = (v: unknown): number | undefined => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 99 ? (v as number) : undefined);

/** One chapter's stored progress, or undefined when it is not in the form this version keeps. */
function chapterProgressOf(value: unknown): ChapterProgress | undefined {
  if (!isRecord(value)) return undefined;
  const tasks = value['tasks'] === undefined ? {} : recordOf(value['tasks'], doneTask);
  const bets = value['bets'] === undefined ? {} : recordOf(value['bets'], choice);
  const diagnoses = value['diagnoses'] === undefined ? undefined : recordOf(value['diagnoses'], choice);
  if (!tasks || !bets || (value['diagnoses'] !== undefined && !diagnoses)) return undefined;
  return { tasks, bets, ...(diagnoses ? { diagnoses } : {}) };
}

export type Progress = Record<string, ChapterProgress>;

export interface ReadProgress {
  progress: Progress;
  /** Set when stored data was damaged and has been dropped: a sentence to show the reader. */
  notice?: string;
}

/** Reads progress from stored text (null when nothing is stored). Never throws. */
export function parseProgress(text: string | null): ReadProgress {
  if (text === null) return { progress: {} };
  const dropped = (why: string): ReadProgress => ({
    progress: {},
    notice: `Your saved progress could not be read (${why}), so it starts again from nothing.`,
  });
  if (text.length > MAX_STORED_CHARS) return dropped('it is too large');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return dropped('it is damaged');
  }
  const progress = recordOf(json, chapterProgressOf);
  return progress ? { progress } : dropped('it is not in the form this version of the lab keeps');
}

/**
 * The value stored under `key`, if `record` has it as its own: an id that happens to name a
 * property every object inherits ("constructor", "toString") is not a chapter, task or bet.
 */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function chapterOf(progress: Progress, chapter: string): ChapterProgress {
  return own(progress, chapter) ?? { tasks: {}, bets: {} };
}

/** Progress with task `task` of `chapter` marked done, or no longer done. */
export function withTask(progress: Progress, chapter: string, task: string, done: boolean): Progress {
  const current = chapterOf(progress, chapter);
  const tasks: Record<string, true> = { ...current.tasks };
  if (done) tasks[task] = true;
  else delete tasks[task];
  return { ...progress, [chapter]: { ...current, tasks } };
}

/** Progress with the reader's choice for bet `bet` of `chapter`, or without one (undefined). */
export function withBet(progress: Progress, chapter: string, bet: string, choice: number | undefined): Progress {
  const current = chapterOf(progress, chapter);
  const bets: Record<string, number> = { ...current.bets };
  if (choice === undefined) delete bets[bet];
  else bets[bet] = choice;
  return { ...progress, [chapter]: { ...current, bets } };
}

/** Progress with the reader's diagnosis (an option's index) for mystery `diagnosis` of `chapter`, or without one. */
export function withDiagnosis(progress: Progress, chapter: string, diagnosis: string, choice: number | undefined): Progress {
  const current = chapterOf(progress, chapter);
  const diagnoses: Record<string, number> = { ...current.diagnoses };
  if (choice === undefined) delete diagnoses[diagnosis];
  else diagnoses[diagnosis] = choice;
  return { ...progress, [chapter]: { ...current, diagnoses } };
}

export function diagnosisChoice(progress: Progress, chapter: string, diagnosis: string): number | undefined {
  return own(chapterOf(progress, chapter).diagnoses, diagnosis);
}

export function isTaskDone(progress: Progress, chapter: string, task: string): boolean {
  return own(chapterOf(progress, chapter).tasks, task) === true;
}

export function betChoice(progress: Progress, chapter: string, bet: string): number | undefined {
  return own(chapterOf(progress, chapter).bets, bet);
}

/** The tasks and bets a page holds, as its widgets declare them. */
export interface ChapterItems {
  tasks: readonly string[];
  /** Each bet with the index of its right option. */
  bets: readonly { id: string; correct: number }[];
  /** Each mystery's diagnosis with the index of its right option (pages without mysteries leave it out). */
  diagnoses?: readonly { id: string; correct: number }[];
}

export interface ChapterCounts {
  tasks: { done: number; total: number };
  bets: { placed: number; right: number; total: number };
  /** Present when the page's items list diagnoses: a mystery is solved when its right cause is named. */
  diagnoses?: { named: number; solved: number; total: number };
}

/**
 * How far the reader is with the items on the page. Only those items count, so progress kept
 * for a task that has since been removed or renamed cannot push a count past its total.
 */
export function countProgress(progress: Progress, chapter: string, items: ChapterItems): ChapterCounts {
  const tasks = [...new Set(items.tasks)];
  const bets = [...new Map(items.bets.map((b) => [b.id, b])).values()];
  const mine = chapterOf(progress, chapter);
  const counts: ChapterCounts = {
    tasks: { done: tasks.filter((t) => own(mine.tasks, t) === true).length, total: tasks.length },
    bets: {
      placed: bets.filter((b) => own(mine.bets, b.id) !== undefined).length,
      right: bets.filter((b) => own(mine.bets, b.id) === b.correct).length,
      total: bets.length,
    },
  };
  if (items.diagnoses) {
    const diagnoses = [...new Map(items.diagnoses.map((d) => [d.id, d])).values()];
    const named = mine.diagnoses ?? {};
    counts.diagnoses = {
      named: diagnoses.filter((d) => own(named, d.id) !== undefined).length,
      solved: diagnoses.filter((d) => own(named, d.id) === d.correct).length,
      total: diagnoses.length,
    };
  }
  return counts;
}

/** "1 of 2 tasks done, 1 of 1 bet placed (1 right), 1 of 3 mysteries solved": the chapter's counter, in words. */
export function progressSentence(counts: ChapterCounts): string {
  const parts: string[] = [];
  if (counts.tasks.total > 0) parts.push(`${counts.tasks.done} of ${counts.tasks.total} ${plural(counts.tasks.total, 'task')} done`);
  if (counts.bets.total > 0) {
    const right = counts.bets.placed > 0 ? ` (${counts.bets.right} right)` : '';
    parts.push(`${counts.bets.placed} of ${counts.bets.total} ${plural(counts.bets.total, 'bet')} placed${right}`);
  }
  if (counts.diagnoses && counts.diagnoses.total > 0) parts.push(mysteriesSolved(counts.diagnoses));
  return parts.length > 0 ? parts.join(', ') : 'this chapter has no tasks or bets';
}

/** The task id under which a lab keeps its closing challenge (LabSubmit), beside its steps' ids. */
export const LAB_CHALLENGE = 'challenge';

/**
 * "1 of 3 steps done, challenge not met yet": a lab page's counter, in words. A lab's tasks
 * are its steps and its closing challenge, counted apart; a diagnosis (naming the cause
 * before a step) reads as on a chapter page.
 */
export function labProgressSentence(progress: Progress, lab: string, items: ChapterItems): string {
  const steps = countProgress(progress, lab, { ...items, tasks: items.tasks.filter((t) => t !== LAB_CHALLENGE) });
  const parts = [`${steps.tasks.done} of ${steps.tasks.total} ${plural(steps.tasks.total, 'step')} done`];
  if (items.tasks.includes(LAB_CHALLENGE)) parts.push(isTaskDone(progress, lab, LAB_CHALLENGE) ? 'challenge met' : 'challenge not met yet');
  if (steps.diagnoses && steps.diagnoses.total > 0) parts.push(mysteriesSolved(steps.diagnoses));
  return parts.join(', ');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function mysteriesSolved({ solved, total }: { solved: number; total: number }): string {
  return `${solved} of ${total} ${total === 1 ? 'mystery' : 'mysteries'} solved`;
}

/** The chapter a page is, from its path: "/chapters/concurrency/" → "concurrency". */
export function chapterFromPath(pathname: string): string {
  const parts = pathname.split('/').filter((part) => part !== '' && part !== 'index.html');
  return (parts.at(-1) ?? 'home').replace(/\.html$/, '');
}

/** Progress read and changed through storage, or in memory when storage is off. */
export interface ProgressStore {
  read(): ReadProgress;
  update(change: (progress: Progress) => Progress): Progress;
}

/**
 * A store over `storage` (undefined, or one that throws, when the browser keeps nothing).
 * `announce` hears every change. Storage is read on every `read`, so widgets that share it
 * agree; the in-memory copy takes over whenever storage fails.
 */
export function createProgressStore(storage: KeyValueStore | undefined, announce: (progress: Progress) => void = () => {}): ProgressStore {
  let memory: Progress = {};
  let usable = storage !== undefined;
  /** Why stored progress was dropped on this page, if it was; every later read repeats it. */
  let notice: string | undefined;
  const withNotice = (progress: Progress): ReadProgress => (notice ? { progress, notice } : { progress });
  return {
    read() {
      if (!usable) return withNotice(memory);
      let text: string | null;
      try {
        text = storage!.getItem(PROGRESS_KEY);
      } catch {
        usable = false;
        return withNotice(memory);
      }
      const read = parseProgress(text);
      if (read.notice) {
        // Dropped for good, so the next page load starts clean; this page keeps the notice
        // for whichever widget shows it, whichever widget happened to read first.
        notice = read.notice;
        try {
          storage!.removeItem(PROGRESS_KEY);
        } catch {
          usable = false;
        }
      }
      memory = read.progress;
      return withNotice(memory);
    },
    update(change) {
      const next = change(this.read().progress);
      memory = next;
      if (usable) {
        try {
          storage!.setItem(PROGRESS_KEY, JSON.stringify(next));
        } catch {
          // Full or switched off: carry on in memory for this page.
          usable = false;
        }
      }
      announce(next);
      return next;
    },
  };
}

let pageStore: ProgressStore | undefined;

/** The page's one store, on localStorage, announcing changes as `lab:progress` events. Browser only. */
export function pageProgress(): ProgressStore {
  if (!pageStore) {
    pageStore = createProgressStore(browserStorage(), (progress) => window.dispatchEvent(new CustomEvent<Progress>(PROGRESS_EVENT, { detail: progress })));
  }
  return pageStore;
}

/** Calls `listener` after each change of progress on the page; returns the way to stop listening. */
export function onProgress(listener: (progress: Progress) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<Progress>).detail);
  window.addEventListener(PROGRESS_EVENT, handler);
  return () => window.removeEventListener(PROGRESS_EVENT, handler);
}
