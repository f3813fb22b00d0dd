/**
 * The reader's edits to an experiment, kept in local storage so they survive a reload.
 * Stored data may be stale (an older version of the lab) or tampered with, so it is
 * validated on read like any other scenario; data that cannot be used is discarded, and the
 * caller gets a notice to show instead of a broken page.
 */
import type { Scenario, Validated } from '../../engine/index.ts';

/** The part of the Storage interface used here (a test can pass a Map-based stand-in). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * The browser's local storage, or undefined where it is switched off (some private modes throw
 * on the mere access): callers then keep things in memory for the visit.
 */
export function browserStorage(): KeyValueStore | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const PREFIX = 'lab.experiment.v1.';
/** More than any scenario needs; a bigger value is not ours or is damaged. */
const MAX_STORED_CHARS = 65_536;

export type StoredExperiment = { kind: 'none' } | { kind: 'restored'; scenario: Scenario } | { kind: 'discarded'; notice: string };

/**
 * The stored edits of experiment `id`, if any and usable, checked with `parse` (the engine's
 * parseScenario: passed in so that saving and forgetting edits need not load the schema).
 * Never throws.
 */
export function loadExperiment(store: KeyValueStore | undefined, id: string, parse: (input: unknown) => Validated<Scenario>): StoredExperiment {
  let text: string | null;
  try {
    text = store?.getItem(PREFIX + id) ?? null;
  } catch {
    // Storage can be switched off or full; then there is simply nothing stored.
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  const discard = (why: string): StoredExperiment => {
    try {
      store?.removeItem(PREFIX + id);
    } catch {
      // Nothing more to do: the data is ignored either way.
    }
    return { kind: 'discarded', notice: `Your saved changes to this experiment could not be read (${why}), so it starts from its default.` };
  };
  if (text.length > MAX_STORED_CHARS) return discard('they are too large');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return discard('they are damaged');
  }
  const checked = parse(json);
  if (!checked.ok) return discard(`they no longer make a valid scenario: ${checked.problems[0]?.message ?? 'unknown problem'}`);
  return { kind: 'restored', scenario: checked.value };
}

/** Whether anything is stored for experiment `id` (usable or not: loadExperiment decides). */
export function hasSavedExperiment(store: KeyValueStore | undefined, id: string): boolean {
  try {
    return (store?.getItem(PREFIX + id) ?? null) !== null;
  } catch {
    return false;
  }
}

/** Keeps the reader's edits of experiment `id`; returns false when storage refused them. */
export function saveExperiment(store: KeyValueStore | undefined, id: string, scenario: unknown): boolean {
  try {
    store?.setItem(PREFIX + id, JSON.stringify(scenario));
    return store !== undefined;
  } catch {
    return false;
  }
}

/** Forgets the reader's edits of experiment `id` (a reset). */
export function forgetExperiment(store: KeyValueStore | undefined, id: string): void {
  try {
    store?.removeItem(PREFIX + id);
  } catch {
    // Storage switched off: nothing was kept.
  }
}
