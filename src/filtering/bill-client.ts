/**
 * Gets the bill for the reader's pattern without blocking typing. A run takes from a few
 * milliseconds (a filter that drops nearly everything) to well over 50 ms in a browser (one
 * that keeps nearly everything), so it runs in a Web Worker, through the workbench's job
 * client: the newest pattern wins, and answers for replaced patterns resolve as undefined.
 */
import { createJobClient, type JobClient } from '../workbench/job-client.ts';
import type { BillOutcome } from './bill.ts';

export type BillClient = JobClient<string, BillOutcome>;

export function createBillClient(): BillClient {
  return createJobClient<string, BillOutcome>({
    makeWorker: () => new Worker(new URL('./filter-worker.ts', import.meta.url), { type: 'module', name: 'filter-bill' }),
    // The simulation is loaded on the page only when no worker can run (the worker has its own copy).
    runHere: async (patternText) => (await import('./bill.ts')).billWithPattern(patternText),
  });
}
