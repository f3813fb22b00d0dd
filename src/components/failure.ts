/**
 * How an island part reports a failure it cannot recover from to the FailureBoundary around
 * it. Errors thrown while Svelte renders reach the boundary by themselves; errors in timers,
 * promises and worker answers do not, so the island hands them to `reportFailure` instead.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('failure-boundary');

export type FailureReporter = (error: unknown) => void;

/** The sentence a reader sees after "This experiment stopped:". */
export function failureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const reason = text.trim().replace(/\s+/g, ' ');
  if (reason === '') return 'an unexpected error, without a message.';
  // Each browser words a module that failed to download differently; say what it means.
  if (/dynamically imported module|Importing a module script failed|Failed to fetch|NetworkError/i.test(reason)) {
    return 'part of its code could not be downloaded (is the network down?). Try again once you are back online.';
  }
  // A stack or a long message is for the console; a short reason is for the page.
  const short = reason.length > 240 ? `${reason.slice(0, 239)}…` : reason;
  return /[.!?…]$/.test(short) ? short : `${short}.`;
}

/** Called by FailureBoundary: its children report through `report`. */
export function provideFailureReporter(report: FailureReporter): void {
  setContext(KEY, report);
}

/**
 * The reporter of the nearest FailureBoundary. Outside one (a unit test mounting a part
 * alone), the error is rethrown so it is never silently lost.
 */
export function failureReporter(): FailureReporter {
  return (
    getContext<FailureReporter | undefined>(KEY) ??
    ((error) => {
      throw error;
    })
  );
}
