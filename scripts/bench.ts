// `npm run bench`: how fast the engine runs the benchmark scenario (see docs/engine.md).
// Reports the median wall time of 5 runs, simulated seconds per wall second, engine events
// per second and peak heap, then checks that doubling the records per second at a fixed
// BatchSize and invocation count costs at most 1.3× the time.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRun, simulate, type ScenarioInput } from '../engine/index.ts';

const RUNS = 5;
const TARGET_MS = 150;
const TARGET_HEAP_MB = 100;
const TARGET_DOUBLING = 1.3;

const gc = (globalThis as { gc?: () => void }).gc;
const scenario = JSON.parse(readFileSync(new URL('../scenarios/bench-kinesis-100-shards.json', import.meta.url), 'utf8')) as ScenarioInput;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall time of `RUNS` runs after one warm-up run, and the last result. */
function time(input: ScenarioInput) {
  simulate(input);
  const times: number[] = [];
  let result = simulate(input);
  for (let i = 0; i < RUNS; i++) {
    gc?.();
    const start = performance.now();
    result = simulate(input);
    times.push(performance.now() - start);
  }
  return { ms: median(times), times, result };
}

/** Peak heap in use while the scenario runs, sampled every simulated minute. */
function peakHeapMb(input: ScenarioInput): number {
  gc?.();
  let peak = process.memoryUsage().heapUsed;
  const run = createRun(input);
  for (let t = 60; !run.done; t += 60) {
    run.advanceTo(t);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  run.snapshot();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return peak / 1_048_576;
}

const main = time(scenario);
const summary = main.result.summary;
const heap = peakHeapMb(scenario);
const seconds = main.ms / 1000;

// Doubling: batches bounded by the window (BatchSize far above what a window collects), so
// the invocation count stays the same when the rate doubles.
const windowBound = (rate: number): ScenarioInput => ({
  ...scenario,
  name: `doubling-${rate}`,
  producer: { ...scenario.producer, rate: [{ at: 0, recordsPerSecond: rate }] },
  eventSourceMapping: { BatchSize: 10_000, MaximumBatchingWindowInSeconds: 1, ParallelizationFactor: 1 },
});
const single = time(windowBound(9_000));
const double = time(windowBound(18_000));
const ratio = double.ms / single.ms;

const line = (label: string, value: string, target?: string, ok?: boolean) =>
  console.log(`${label.padEnd(44)} ${value.padStart(14)}${target ? `   target ${target} ${ok ? '✔' : '✘'}` : ''}`);

console.log(`Benchmark: ${scenario.name} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}`);
console.log(`  ${summary.writtenRecords.toLocaleString('en-US')} records, ${summary.invocations.toLocaleString('en-US')} invocations, ${summary.engineEvents.toLocaleString('en-US')} engine events`);
line('wall time, median of 5 (ms)', main.ms.toFixed(1), `≤ ${TARGET_MS}`, main.ms <= TARGET_MS);
line('  all runs (ms)', main.times.map((t) => t.toFixed(0)).join(' '));
line('simulated seconds per wall second', Math.round(1800 / seconds).toLocaleString('en-US'));
line('engine events per second', Math.round(summary.engineEvents / seconds).toLocaleString('en-US'));
line('peak heap (MB)', heap.toFixed(1), `≤ ${TARGET_HEAP_MB}`, heap <= TARGET_HEAP_MB);
line('doubling 9,000 → 18,000 records/s (× time)', ratio.toFixed(2), `≤ ${TARGET_DOUBLING}`, ratio <= TARGET_DOUBLING);
line('  invocations at 9,000 / 18,000', `${single.result.summary.invocations} / ${double.result.summary.invocations}`);
if (!gc) console.log('(run with node --expose-gc for steadier figures; npm run bench does)');
