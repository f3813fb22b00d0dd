import type { SimulationResult } from '../../engine/index.ts';

/** A readable summary of a run, for the terminal. */
export function summaryText(result: SimulationResult): string {
  const { scenario, summary, ledger } = result;
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const esm = scenario.eventSourceMapping;
  const source = scenario.source;
  const lines = [
    `${scenario.name} — ${n(scenario.durationSeconds)} s simulated, seed ${scenario.seed}`,
    `  source: Kinesis, ${source.ShardCount} shards, ${source.consumer === 'efo' ? 'enhanced fan-out' : 'shared throughput'}`,
    `  mapping: BatchSize ${esm.BatchSize}, window ${esm.MaximumBatchingWindowInSeconds} s, ParallelizationFactor ${esm.ParallelizationFactor}`,
    `  function: ${scenario.function.MemorySize} MB, Timeout ${scenario.function.Timeout} s`,
    '',
    'Records',
    `  produced            ${n(ledger.produced)}`,
    `  write-throttled     ${n(ledger.writeThrottled)}`,
    `  written             ${n(ledger.written)}`,
    `  processed           ${n(ledger.processed)}`,
    `  filtered out        ${n(ledger.filteredOut)}`,
    `  dropped             ${n(ledger.dropped)}`,
    `  to destination      ${n(ledger.destination)}`,
    `  expired             ${n(ledger.expired)}`,
    `  waiting at the end  ${n(ledger.backlog)} (unread ${n(ledger.backlogParts.unread)}, read ${n(ledger.backlogParts.buffered)}, in invocations ${n(ledger.backlogParts.inFlight)})`,
    '',
    'Function',
    `  invocations         ${n(summary.invocations)}`,
    `  errors              ${n(summary.errors)}`,
    `  throttles           ${n(summary.throttles)}`,
    `  cold starts         ${n(summary.coldStarts)}`,
    `  max concurrency     ${n(summary.maxConcurrency)}`,
    `  max IteratorAge     ${n(summary.maxIteratorAgeMs ?? 0)} ms`,
  ];
  return lines.join('\n');
}
