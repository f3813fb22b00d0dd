/**
 * The Web Worker that simulates the filter playground's bill, so a long run never stalls
 * typing. It answers each request with the bill for its pattern; the client decides which
 * answers still matter.
 */
import { serveJobs } from '../workbench/job-client.ts';
import { billWithPattern, type BillOutcome } from './bill.ts';

serveJobs<string, BillOutcome>(
  (patternText) => billWithPattern(patternText),
  // Anything unexpected still gets an answer, so the page never waits forever.
  (error) => ({ ok: false, messages: [`The simulation failed: ${error instanceof Error ? error.message : String(error)}`] }),
);
