/**
 * The workbench's Web Worker: runs scenarios so that the page never freezes while the
 * reader drags a slider. A run cannot be interrupted once started (the engine is
 * synchronous); the client drops answers that a newer request has overtaken.
 */
import { serveJobs } from './job-client.ts';
import { failedRun, runJob, type RunOutcome, type RunRequest } from './run-job.ts';

serveJobs<RunRequest, RunOutcome>(runJob, failedRun);
