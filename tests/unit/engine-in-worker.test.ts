import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../engine/index.ts';
import { kinesisScenario } from './support/scenarios.ts';

// The engine runs where there is no DOM and no main thread: a worker gets the scenario as a
// message, runs it, and posts back the JSON result, which must match a run on this thread.
describe('the engine in a worker thread', () => {
  it('runs a scenario and posts back the same result', async () => {
    const scenario = kinesisScenario({ durationSeconds: 60, source: { type: 'kinesis', ShardCount: 2, consumer: 'shared' } });
    const code = `
      import { parentPort, workerData } from 'node:worker_threads';
      const { simulate } = await import(workerData.engine);
      parentPort.postMessage(JSON.stringify(simulate(workerData.scenario)));
    `;
    const engine = new URL('../../engine/index.ts', import.meta.url).href;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
      workerData: { scenario, engine },
      execArgv: ['--import', 'tsx'],
    });
    const posted = await new Promise<string>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(posted).toBe(JSON.stringify(simulate(scenario)));
  }, 30_000);
});
