/**
 * The workbench's Web Worker: runs scenarios so that the page never freezes while the
 * reader drags a slider. A run cannot be interrupted once started (the engine is
 * synchronous); the client drops answers that a newer request has overtaken.
 */
import { serveJobs } from './job-client.ts';
import { runJob, type RunOutcome, type RunRequest } from './run-job.ts';

serveJobs<RunRequest, RunOutcome>(runJob, (error) => ({
  ok: false,
  problems: [{ path: '', value: '', allowed: '', message: `The simulation failed: ${error instanceof Error ? error.message : String(error)}` }],
}));
