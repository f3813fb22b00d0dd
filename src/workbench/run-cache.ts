/**
 * The last few runs an island asked for, by request. The engine is deterministic, so a
 * request made again (a slider moved back, a reset, a value run ahead of the reader) has the
 * same answer, and the answer can be shown at once instead of being simulated again.
 */
import type { RunOutcome, RunRequest } from './run-job.ts';

/** What tells two requests apart: their JSON (a scenario built the same way writes its keys in the same order). */
export function runKey(request: RunRequest): string {
  return JSON.stringify(request);
}

/** Keeps the `capacity` most recently used successful runs. */
export class RunCache {
  private readonly entries = new Map<string, RunOutcome>();

  constructor(private readonly capacity: number) {}

  /** The answer kept for `key`, now the most recently used; undefined when none is kept. */
  get(key: string): RunOutcome | undefined {
    const outcome = this.entries.get(key);
    if (outcome !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, outcome);
    }
    return outcome;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Keeps a successful run; a refused scenario is cheap to refuse again and is not kept. */
  set(key: string, outcome: RunOutcome): void {
    if (!outcome.ok) return;
    this.entries.delete(key);
    this.entries.set(key, outcome);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
