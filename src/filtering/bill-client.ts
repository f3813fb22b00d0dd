/**
 * Gets the bill for the reader's pattern without blocking typing. A run takes from a few
 * milliseconds (a filter that drops nearly everything) to well over 50 ms in a browser (one
 * that keeps nearly everything), so it runs in a Web Worker. One run is in flight at a time;
 * a newer request replaces any that has not started, and answers to replaced requests are
 * dropped (resolved as undefined). Where a worker cannot run, the bill is computed here.
 */
import { billWithPattern, type BillOutcome } from './bill.ts';
import type { BillRequest, BillResponse } from './filter-worker.ts';

export interface BillClient {
  /** The bill with this pattern; undefined when a newer request replaced this one. */
  request(patternText: string): Promise<BillOutcome | undefined>;
  dispose(): void;
}

interface Waiting {
  id: number;
  patternText: string;
  resolve: (outcome: BillOutcome | undefined) => void;
}

export function createBillClient(): BillClient {
  let worker: Worker | undefined;
  let nextId = 1;
  let inFlight: Waiting | undefined;
  let queued: Waiting | undefined;

  function startWorker(): Worker | undefined {
    if (typeof Worker === 'undefined') return undefined;
    try {
      const w = new Worker(new URL('./filter-worker.ts', import.meta.url), { type: 'module', name: 'filter-bill' });
      w.onmessage = (event: MessageEvent<BillResponse>) => settle(event.data.id, event.data.outcome);
      w.onerror = (event) => {
        // The worker failed to load or crashed: finish the work on this thread from now on.
        event.preventDefault();
        console.warn('The bill worker stopped; computing bills on the page instead.', event.message);
        w.terminate();
        worker = undefined;
        const lost = inFlight;
        inFlight = undefined;
        if (lost) void runHere(lost);
      };
      return w;
    } catch {
      return undefined;
    }
  }

  async function runHere(job: Waiting): Promise<void> {
    inFlight = job;
    // Let the page paint the reader's keystroke before the run blocks this thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
    settle(job.id, billWithPattern(job.patternText));
  }

  function settle(id: number, outcome: BillOutcome): void {
    if (!inFlight || inFlight.id !== id) return;
    inFlight.resolve(outcome);
    inFlight = undefined;
    const next = queued;
    queued = undefined;
    if (next) send(next);
  }

  function send(job: Waiting): void {
    if (worker) {
      inFlight = job;
      const message: BillRequest = { id: job.id, patternText: job.patternText };
      worker.postMessage(message);
    } else {
      void runHere(job);
    }
  }

  worker = startWorker();

  return {
    request(patternText) {
      return new Promise((resolve) => {
        const job = { id: nextId++, patternText, resolve };
        if (inFlight) {
          // Replace whatever was waiting: its pattern is already out of date.
          queued?.resolve(undefined);
          queued = job;
          // The run in flight is out of date too; its answer will be dropped.
          inFlight.resolve(undefined);
          inFlight.resolve = () => {};
        } else send(job);
      });
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
      queued?.resolve(undefined);
      inFlight?.resolve(undefined);
      queued = inFlight = undefined;
    },
  };
}
