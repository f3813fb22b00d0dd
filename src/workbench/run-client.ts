/**
 * Runs scenarios for an island in the workbench's worker; the newest request wins.
 */
import { createJobClient, type JobClient } from './job-client.ts';
import { runJob, type RunOutcome, type RunRequest } from './run-job.ts';

export type RunClient = JobClient<RunRequest, RunOutcome>;

/** A run client; `onProgress` hears how far the current run has got (0–1). */
export function createRunClient(onProgress?: (fraction: number) => void): RunClient {
  return createJobClient<RunRequest, RunOutcome>({
    makeWorker: () => new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module', name: 'workbench-run' }),
    runHere: (request) => runJob(request),
    ...(onProgress ? { onProgress } : {}),
  });
}
