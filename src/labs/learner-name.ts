/**
 * The learner's name on a result code: what a name may be, and the name kept in this browser
 * for the next code. Apart from result-code.ts so that the challenge can read and check a name
 * as the page loads without the code's schema.
 */
import type { KeyValueStore } from '../workbench/stored-experiment.ts';

/** Letters, digits, spaces and . _ ' -, up to 32 characters, starting with a letter or digit. */
export const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,31}$/u;

/** Whether a name can go into a code (letters, digits, spaces and . _ ' -; up to 32 characters). */
export function isValidName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/** Where the challenge keeps the learner's name for their next code, in this browser only. */
const NAME_KEY = 'lab:learner-name:v1';

/** The learner's name kept from an earlier code, or '' when none is kept or it is not a valid name. Never throws. */
export function readStoredName(store: KeyValueStore | undefined): string {
  try {
    const stored = store?.getItem(NAME_KEY);
    // Stored text is checked like typed text: a damaged value is simply not used.
    return typeof stored === 'string' && isValidName(stored) ? stored : '';
  } catch {
    return '';
  }
}

/** Keeps a valid name for the learner's next code; a storage that refuses keeps nothing. */
export function keepName(store: KeyValueStore | undefined, name: string): void {
  if (!isValidName(name)) return;
  try {
    store?.setItem(NAME_KEY, name);
  } catch {
    // Full or switched off: the learner types the name again next time.
  }
}
