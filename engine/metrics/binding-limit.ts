import { POLLER_CONCURRENT_INVOCATIONS } from '../kafka/limits.ts';
import { EFO_BYTES_PER_SECOND, SHARD_READ_BYTES_PER_SECOND, shardWriteLimit } from '../kinesis/limits.ts';
import { functionConcurrencyLimit, SCALING_ENVIRONMENTS_PER_10_SECONDS } from '../lambda/concurrency-control.ts';
import type { SimulationResult } from '../simulation/result.ts';
import type { Datapoint } from './recorder.ts';

/** How much of one documented limit a run used in one period. */
export interface LimitUse {
  /** The limit, as the documentation states it. */
  limit: string;
  /** Share of the limit in use (1 = all of it). */
  used: number;
  /** A sentence for the reader: the limit, how much of it was used, and what it cost. */
  text: string;
}

/**
 * Which documented limit bound the run hardest in each period: for each limit that applies
 * to the source, the share of it in use (from the run's own metrics), and the largest. This
 * answers "what holds this pipeline back right now", computed rather than written by hand.
 *
 * Limits considered: Kinesis's per-shard write limit and read limit (shared throughput or
 * enhanced fan-out), the mapping's concurrent batches (shards × ParallelizationFactor, or
 * partitions and pollers × 5 on Kafka), and the function's concurrency limit; for requests
 * straight to the function, its concurrency limit and the scaling rate (the environments
 * created in the period against the most the rate allowed in it, from `result.scaling`).
 */
export function bindingLimits(result: SimulationResult): (LimitUse | undefined)[] {
  const s = result.scenario;
  const lambda = result.metrics['AWS/Lambda'] ?? {};
  const concurrency = lambda.ConcurrentExecutions ?? [];
  const period = s.metrics.periodSeconds;
  const end = result.summary.simulatedSeconds;
  const seconds = (p: Datapoint) => Math.max(1e-9, Math.min(period, end - p.t));
  const limit = functionConcurrencyLimit(s.account, s.function.ReservedConcurrentExecutions);
  const pct = (used: number) => `${Math.round(used * 100)}% used`;
  const n = (v: number) => Math.round(v).toLocaleString('en-US');

  return concurrency.map((c, i) => {
    const candidates: LimitUse[] = [];
    const peak = c.Maximum ?? 0;
    if (limit > 0) {
      const used = peak / limit;
      candidates.push({ limit: 'function concurrency', used, text: `function concurrency: ${n(limit)} concurrent executions, ${pct(used)} at the peak` });
    }
    if (s.source.type === 'kinesis') {
      const kinesis = result.metrics['AWS/Kinesis'] ?? {};
      const shards = s.source.ShardCount;
      const incoming = kinesis.IncomingRecords?.[i];
      const rejected = kinesis.WriteProvisionedThroughputExceeded?.[i];
      if (incoming) {
        const perShard = shardWriteLimit(s.producer.recordSizeBytes);
        const offered = (incoming.Sum + (rejected?.Sum ?? 0)) / seconds(incoming) / shards;
        const used = offered / perShard;
        const lost = (rejected?.Sum ?? 0) / seconds(incoming);
        candidates.push({
          limit: 'shard write limit',
          used,
          text: `shard write limit: 1 MB/s or 1,000 records/s per shard (${n(perShard)} records/s of this size), ${pct(Math.min(1, used))}${lost > 0 ? `, ${n(lost)} records/s rejected` : ''}`,
        });
      }
      const outgoing = kinesis.OutgoingBytes?.[i];
      if (outgoing) {
        const efo = s.source.consumer === 'efo';
        const perShard = efo ? EFO_BYTES_PER_SECOND : SHARD_READ_BYTES_PER_SECOND / (1 + s.source.otherSharedConsumers);
        const used = outgoing.Sum / seconds(outgoing) / shards / perShard;
        candidates.push({
          limit: 'shard read limit',
          used,
          // A large GetRecords call may overdraw the budget and be paid back by the throttles
          // that follow, so a period can read more than its share; it is still the whole limit.
          text: `shard read limit: 2 MB/s per shard${efo ? ' for this enhanced fan-out consumer' : s.source.otherSharedConsumers > 0 ? `, shared with ${s.source.otherSharedConsumers} other consumers` : ''}, ${pct(Math.min(1, used))}`,
        });
      }
      const lanes = shards * (s.eventSourceMapping.ParallelizationFactor ?? 1);
      const used = (c.Average ?? 0) / lanes;
      candidates.push({
        limit: 'concurrent batches',
        used,
        text: `concurrent batches: ${n(lanes)} (${n(shards)} shards × ParallelizationFactor ${s.eventSourceMapping.ParallelizationFactor ?? 1}), ${pct(used)} on average`,
      });
    } else if (s.source.type === 'kafka') {
      const partitions = s.source.partitions;
      const pollers = pollersAt(result, c.t + seconds(c) / 2);
      const slots = Math.min(partitions, pollers * POLLER_CONCURRENT_INVOCATIONS);
      const used = (c.Average ?? 0) / slots;
      candidates.push({
        limit: 'poller slots',
        used,
        text: `pollers: ${n(pollers)} × 5 concurrent invocations${slots < pollers * POLLER_CONCURRENT_INVOCATIONS ? `, capped by ${n(partitions)} partitions` : ''}, ${pct(used)} on average`,
      });
    }
    const scaling = s.source.type === 'requests' ? result.scaling?.[i] : undefined;
    if (scaling && scaling.allowedNewEnvironments > 0) {
      const used = scaling.newEnvironments / scaling.allowedNewEnvironments;
      candidates.push({
        limit: 'scaling rate',
        used,
        text: `scaling rate: +${n(SCALING_ENVIRONMENTS_PER_10_SECONDS)} environments every 10 s, ${pct(Math.min(1, used))} (${n(scaling.newEnvironments)} new environments of the ${n(scaling.allowedNewEnvironments)} it allowed in the period)`,
      });
    }
    let best: LimitUse | undefined;
    for (const candidate of candidates) if (!best || candidate.used > best.used) best = candidate;
    return best;
  });
}

/** The Kafka mapping's poller count at time t (1 when the run reports none). */
function pollersAt(result: SimulationResult, t: number): number {
  let pollers = 1;
  for (const change of result.pollers ?? []) if (change.t <= t) pollers = change.pollers;
  return pollers;
}
