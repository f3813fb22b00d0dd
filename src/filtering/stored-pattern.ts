/**
 * Keeps the reader's pattern across visits in localStorage. What comes back is checked
 * before use: storage is shared with every other script on the site and with older
 * versions of this one, so anything unexpected is ignored rather than trusted.
 */

export const STORAGE_KEY = 'serverless-streaming-lab:filter-pattern';
/** Far above the 4,096 characters a pattern may have, so an over-long draft is still kept. */
export const MAX_STORED_LENGTH = 20_000;

/** The part of the Storage interface used here, so tests can pass a plain object. */
export type PatternStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Stored {
  version: 1;
  text: string;
}

/** The stored pattern text, or undefined when there is none or it is not what this code wrote. */
export function readStoredPattern(storage: PatternStorage | undefined): string | undefined {
  let raw: string | null;
  try {
    // Reading storage throws when the browser blocks it (privacy settings, sandboxed frames).
    raw = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return undefined;
  }
  if (raw === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, text } = value as Partial<Stored>;
  if (version !== 1 || typeof text !== 'string' || text.length > MAX_STORED_LENGTH) return undefined;
  return text;
}

/** Saves the text; a full or blocked storage only means the draft is not kept, so failures are ignored. */
export function writeStoredPattern(storage: PatternStorage | undefined, text: string): void {
  if (text.length > MAX_STORED_LENGTH) return;
  const stored: Stored = { version: 1, text };
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(stored));
  } catch {
    // Nothing to do: the page works the same without a saved draft.
  }
}

/** Forgets the saved pattern (after Reset, the default needs no saving). */
export function clearStoredPattern(storage: PatternStorage | undefined): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // As above: storage is a convenience.
  }
}

/** The page's localStorage, or undefined where reading the property itself throws. */
export function browserStorage(): PatternStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
