import { batchingWindowSeconds, recoveryAfterRise, type SimulationResult } from '../../engine/index.ts';

/** A readable summary of a run, for the terminal. */
export function summaryText(result: SimulationResult): string {
  const { scenario, summary, ledger } = result;
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const esm = scenario.eventSourceMapping;
  const source = scenario.source;
  if (source.type === 'requests') return requestsText(result);
  const lines = [
    `${scenario.name} — ${n(scenario.durationSeconds)} s simulated, seed ${scenario.seed}`,
    source.type === 'kinesis'
      ? `  source: Kinesis, ${source.ShardCount} shards, ${source.consumer === 'efo' ? 'enhanced fan-out' : 'shared throughput'}`
      : `  source: Kafka (Amazon MSK), ${source.partitions} partitions, ${source.brokers} brokers`,
    source.type === 'kinesis'
      ? `  mapping: BatchSize ${esm.BatchSize}, window ${batchingWindowSeconds(scenario)} s, ParallelizationFactor ${esm.ParallelizationFactor}`
      : `  mapping: BatchSize ${esm.BatchSize}, window ${batchingWindowSeconds(scenario)} s, ${esm.ProvisionedPollerConfig ? `provisioned mode, ${esm.ProvisionedPollerConfig.MinimumPollers}–${esm.ProvisionedPollerConfig.MaximumPollers} pollers` : 'on-demand pollers'}`,
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
    source.type === 'kinesis' ? `  max IteratorAge     ${n(summary.maxIteratorAgeMs ?? 0)} ms` : `  max OffsetLag       ${n(summary.maxOffsetLag ?? 0)} records`,
  ];
  if (result.pollers) {
    const counts = result.pollers.map((c) => c.pollers);
    lines.push(`  pollers             ${counts[0]} at the start, ${Math.max(...counts)} at most, ${counts[counts.length - 1]} at the end (${result.pollers.length - 1} changes)`);
  }
  const recovery = recoveryAfterRise(result);
  if (recovery) {
    const at = `the rate rose at ${n(recovery.riseAt)} s`;
    lines.push(
      recovery.seconds === null
        ? `  recovery            not recovered by the end: ${at}`
        : `  recovery            ${n(recovery.seconds)} s (${(recovery.seconds / 60).toFixed(1)} min) after ${at}, the lag was back to its level before`,
    );
  }
  if (esm.FilterCriteria && esm.FilterCriteria.Filters.length > 0) {
    lines.splice(3, 0, `  filter: ${esm.FilterCriteria.Filters.map((f) => f.Pattern).join(' OR ')}`);
  }
  if (result.filtering) {
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    lines.push('', `Filtering (tried on ${n(result.filtering.sampleSize)} sample payloads)`);
    lines.push(`  kept by the mapping ${pct(result.filtering.keptShare)}`);
    lines.push(`  acted on by the code ${pct(result.filtering.actionableShareOfKept)} of those kept`);
  }
  lines.push('', ...billText(result));
  return lines.join('\n');
}

/** The function's settings, on one line, with its reservation when it has one. */
function functionLine(result: SimulationResult): string {
  const f = result.scenario.function;
  const reserved = f.ReservedConcurrentExecutions === null ? '' : `, ReservedConcurrentExecutions ${f.ReservedConcurrentExecutions}`;
  return `  function: ${f.MemorySize} MB, Timeout ${f.Timeout} s${reserved}`;
}

/**
 * A run of requests straight to the function: no stream, no mapping. Besides the counts, it
 * puts Little's law beside the measurement: the average concurrency against the rate of
 * invocations times their average Duration, both read from the run's own metrics.
 */
function requestsText(result: SimulationResult): string {
  const { scenario, summary, ledger } = result;
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const one = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const lambda = result.metrics['AWS/Lambda'] ?? {};
  const seconds = summary.simulatedSeconds;
  const invocations = (lambda.Invocations ?? []).reduce((sum, p) => sum + p.Sum, 0);
  const duration = lambda.Duration ?? [];
  const durationCount = duration.reduce((sum, p) => sum + p.SampleCount, 0);
  const averageMs = durationCount > 0 ? duration.reduce((sum, p) => sum + p.Sum, 0) / durationCount : 0;
  const concurrency = lambda.ConcurrentExecutions ?? [];
  const averageConcurrency = seconds > 0 ? concurrency.reduce((sum, p) => sum + p.Sum, 0) / seconds : 0;
  const predicted = seconds > 0 ? (invocations / seconds) * (averageMs / 1000) : 0;
  const lines = [
    `${scenario.name} — ${n(scenario.durationSeconds)} s simulated, seed ${scenario.seed}`,
    '  source: requests straight to the function (synchronous Invoke), no event source mapping',
    functionLine(result),
    '',
    'Requests',
    `  arrived             ${n(ledger.produced)}`,
    `  succeeded           ${n(ledger.processed)}`,
    `  throttled (429)     ${n(summary.throttles)}`,
    `  failed              ${n(summary.errors)}`,
    `  in flight at end    ${n(ledger.backlog)}`,
    '',
    'Function',
    `  invocations         ${n(summary.invocations)}`,
    `  cold starts         ${n(summary.coldStarts)}`,
    `  max concurrency     ${n(summary.maxConcurrency)}`,
    `  average concurrency ${one(averageConcurrency)} (Little's law: ${one(invocations / Math.max(seconds, 1e-9))} invocations/s × ${(averageMs / 1000).toFixed(3)} s = ${one(predicted)})`,
    '',
    ...billText(result),
  ];
  return lines.join('\n');
}

/** The itemised bill: the run and its monthly projection, with the Lambda subtotal the talk compares. */
function billText(result: SimulationResult): string[] {
  const cost = result.cost;
  const usd = (v: number) => {
    const digits = Math.abs(v) < 1 && v !== 0 ? 4 : 2;
    return `$${v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
  };
  const qty = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: v < 100 ? 2 : 0 });
  const rows = cost.lines.map((l) => [`${l.service}: ${l.item}`, `${qty(l.quantity)} ${l.unit}`, usd(l.run), usd(l.monthly)]);
  const lambdaMonthly = cost.lines.filter((l) => l.service === 'AWS Lambda').reduce((sum, l) => sum + l.monthly, 0);
  rows.push(['AWS Lambda subtotal', '', '', usd(lambdaMonthly)]);
  rows.push(['Total', '', usd(cost.run), usd(cost.monthly)]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] as string).length), ['', '', 'run', 'per month'][i]!.length));
  const format = (r: string[]) => `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padStart(widths[2]!)}  ${r[3]!.padStart(widths[3]!)}`;
  return [
    `Cost (${cost.region}, prices of ${cost.priceDate}; month of ${cost.monthDays} days at the run's rate; free tier ${cost.freeTierIncluded ? 'subtracted' : 'not subtracted'})`,
    format(['', '', 'run', 'per month']),
    ...rows.map(format),
  ];
}
