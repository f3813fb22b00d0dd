/**
 * Runs scenarios for an island in the workbench's worker; the newest request wins.
 *
 * Two things spare the reader a wait. Runs are kept (RunCache): the same request again is
 * answered at once. And an island may ask for runs ahead of the reader (`runAhead`): when a
 * slider of a slow experiment moves, the values one step either side are simulated in a
 * second worker, on another core, beside the run asked for; the next arrow key press then
 * finds its run already made. A request whose run ahead is still under way
 * waits for it rather than simulating the same scenario twice.
 */
import { createJobClient, type JobClient } from './job-client.ts';
import { RunCache, runKey } from './run-cache.ts';
import type { RunOutcome, RunRequest } from './run-job.ts';

export interface RunClient {
  /** The run's outcome; undefined when a newer request replaced this one. */
  request(request: RunRequest): Promise<RunOutcome | undefined>;
  /**
   * Simulates these requests one after another in the background and keeps their answers.
   * A newer call replaces the list of an older one. Resolves when the list is done or replaced.
   */
  runAhead(requests: readonly RunRequest[]): Promise<void>;
  /** How long (ms) the last run this client simulated for a request took, answer included; undefined before any. */
  readonly lastSimulatedMs: number | undefined;
  dispose(): void;
}

/** Runs kept per island: the current one, the two either side and a few the reader went back to. */
const KEPT_RUNS = 6;

function jobClient(name: string, onProgress?: (fraction: number) => void): JobClient<RunRequest, RunOutcome> {
  return createJobClient<RunRequest, RunOutcome>({
    makeWorker: () => new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module', name }),
    // The engine's run code is loaded on the page only when no worker can run: the worker
    // carries its own copy, so the page's bundle stays without it.
    runHere: async (request) => {
      const { runJob, failedRun } = await import('./run-job.ts');
      try {
        return runJob(request);
      } catch (error) {
        return failedRun(error);
      }
    },
    ...(onProgress ? { onProgress } : {}),
  });
}

/** A run client; `onProgress` hears how far the current run has got (0–1). */
export function createRunClient(onProgress?: (fraction: number) => void, cache = new RunCache(KEPT_RUNS)): RunClient {
  const main = jobClient('workbench-run', onProgress);
  let ahead: JobClient<RunRequest, RunOutcome> | undefined;
  /** Runs ahead under way, by key. */
  const pending = new Map<string, Promise<RunOutcome | undefined>>();
  let latestRequest = 0;
  let latestList = 0;
  let lastSimulatedMs: number | undefined;

  return {
    get lastSimulatedMs() {
      return lastSimulatedMs;
    },

    async request(request) {
      const mine = ++latestRequest;
      const key = runKey(request);
      // A kept run, or a run ahead under way for exactly this request: whatever the main
      // worker is doing is out of date now.
      const found = cache.get(key) ?? pending.get(key);
      if (found !== undefined) main.cancel();
      let outcome = await found;
      if (mine !== latestRequest) return undefined;
      if (outcome === undefined) {
        const started = performance.now();
        outcome = await main.request(request);
        if (outcome !== undefined) {
          lastSimulatedMs = performance.now() - started;
          cache.set(key, outcome);
        }
      }
      return mine === latestRequest ? outcome : undefined;
    },

    async runAhead(requests) {
      const list = ++latestList;
      for (const request of requests) {
        if (list !== latestList) return;
        const key = runKey(request);
        const underWay = pending.get(key);
        // An older list may be running this one: let it finish rather than start it again.
        if (underWay !== undefined) await underWay;
        if (list !== latestList) return;
        if (cache.has(key)) continue;
        ahead ??= jobClient('workbench-run-ahead');
        const coming = ahead.request(request);
        pending.set(key, coming);
        const outcome = await coming;
        if (pending.get(key) === coming) pending.delete(key);
        if (outcome !== undefined) cache.set(key, outcome);
      }
    },

    dispose() {
      latestRequest++;
      latestList++;
      main.dispose();
      ahead?.dispose();
      pending.clear();
    },
  };
}
