/**
 * The one way islands run engine work off the page's thread: a Web Worker answers jobs, one
 * at a time, and the newest request wins. While a job runs, a newer request replaces any
 * that has not started (those resolve as undefined), and the answer to a job that was
 * overtaken is dropped (it resolves as undefined too). Where a worker cannot run, or stops,
 * the work is done on the page instead.
 */

/** What a job worker receives. */
export interface JobRequest<Req> {
  id: number;
  request: Req;
}

/** What a job worker sends back: progress while it works, then the answer. */
export type JobMessage<Res> = { id: number; kind: 'progress'; fraction: number } | { id: number; kind: 'done'; value: Res };

export interface JobClient<Req, Res> {
  /** The answer to this request; undefined when a newer request replaced it. Rejects only when the job cannot be done at all. */
  request(request: Req): Promise<Res | undefined>;
  /** Drops the answers to every request made so far (they resolve as undefined); the worker stays. */
  cancel(): void;
  dispose(): void;
}

export interface JobClientOptions<Req, Res> {
  /** Starts the worker (`new Worker(new URL('./x-worker.ts', import.meta.url), …)` in the caller's module, so the bundler finds it). */
  makeWorker: () => Worker;
  /**
   * Does the job on the page, when no worker can. It may be asynchronous, so that the code
   * for it is loaded only if it is ever needed (most readers' browsers run the worker).
   */
  runHere: (request: Req) => Res | Promise<Res>;
  /** Hears how far the current job has got (0–1), when the worker reports it. */
  onProgress?: (fraction: number) => void;
}

interface Waiting<Req, Res> {
  id: number;
  request: Req;
  resolve: (value: Res | undefined) => void;
  reject: (error: unknown) => void;
}

export function createJobClient<Req, Res>(options: JobClientOptions<Req, Res>): JobClient<Req, Res> {
  let worker: Worker | undefined;
  let nextId = 1;
  let inFlight: Waiting<Req, Res> | undefined;
  let queued: Waiting<Req, Res> | undefined;

  function startWorker(): Worker | undefined {
    if (typeof Worker === 'undefined') return undefined;
    try {
      const w = options.makeWorker();
      w.onmessage = (event: MessageEvent<JobMessage<Res>>) => {
        const message = event.data;
        if (message.kind === 'progress') {
          if (inFlight?.id === message.id) options.onProgress?.(message.fraction);
        } else settle(message.id, message.value);
      };
      w.onerror = (event) => {
        // The worker failed to load or crashed: finish the work on this thread from now on.
        event.preventDefault();
        console.warn('A worker stopped; its work now runs on the page.', event.message);
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

  async function runHere(job: Waiting<Req, Res>): Promise<void> {
    inFlight = job;
    // Let the page paint the reader's last change before the job blocks this thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
    let value: Res;
    try {
      value = await options.runHere(job.request);
    } catch (error) {
      // Neither the worker nor the page can do the job (its code failed to load, say): the
      // caller hears why, instead of waiting for an answer that will never come.
      if (inFlight?.id === job.id) {
        inFlight = undefined;
        job.reject(error);
        const next = queued;
        queued = undefined;
        if (next) send(next);
      }
      return;
    }
    settle(job.id, value);
  }

  function settle(id: number, value: Res): void {
    if (!inFlight || inFlight.id !== id) return;
    inFlight.resolve(value);
    inFlight = undefined;
    const next = queued;
    queued = undefined;
    if (next) send(next);
  }

  function send(job: Waiting<Req, Res>): void {
    if (worker) {
      inFlight = job;
      const message: JobRequest<Req> = { id: job.id, request: job.request };
      worker.postMessage(message);
    } else {
      void runHere(job);
    }
  }

  /** Settles the job in flight as out of date: it still occupies the worker, but its answer will be dropped. */
  function dropInFlight(): void {
    if (!inFlight) return;
    inFlight.resolve(undefined);
    inFlight.resolve = () => {};
    inFlight.reject = () => {};
  }

  worker = startWorker();

  return {
    request(request) {
      return new Promise((resolve, reject) => {
        const job = { id: nextId++, request, resolve, reject };
        if (inFlight) {
          // Replace whatever was waiting: it is already out of date, and so is the job in flight.
          queued?.resolve(undefined);
          queued = job;
          dropInFlight();
        } else send(job);
      });
    },
    cancel() {
      queued?.resolve(undefined);
      queued = undefined;
      dropInFlight();
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

/**
 * The worker side: answers each job with `work(request)`, and anything unexpected with
 * `onError(error)`, so the page never waits forever. `work` may report progress.
 */
export function serveJobs<Req, Res>(work: (request: Req, progress: (fraction: number) => void) => Res, onError: (error: unknown) => Res): void {
  // Typed loosely on purpose: the site's TypeScript setup has the DOM library, not the worker one.
  const scope = self as unknown as { onmessage: ((event: MessageEvent<JobRequest<Req>>) => void) | null; postMessage(message: JobMessage<Res>): void };
  scope.onmessage = (event) => {
    const { id, request } = event.data;
    let value: Res;
    try {
      value = work(request, (fraction) => scope.postMessage({ id, kind: 'progress', fraction }));
    } catch (error) {
      value = onError(error);
    }
    scope.postMessage({ id, kind: 'done', value });
  };
}
