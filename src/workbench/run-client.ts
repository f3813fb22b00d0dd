/**
 * Runs scenarios for an island in the workbench's worker; the newest request wins.
 */
import { createJobClient, type JobClient } from './job-client.ts';
import type { RunOutcome, RunRequest } from './run-job.ts';

export type RunClient = JobClient<RunRequest, RunOutcome>;

/** A run client; `onProgress` hears how far the current run has got (0–1). */
export function createRunClient(onProgress?: (fraction: number) => void): RunClient {
  return createJobClient<RunRequest, RunOutcome>({
    makeWorker: () => new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module', name: 'workbench-run' }),
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
