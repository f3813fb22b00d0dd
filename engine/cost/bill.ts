import { PRICES, type Architecture } from './prices.ts';

/** One line of a bill: what is charged, how much of it, and what it costs over the run and per month. */
export interface CostLine {
  service: 'AWS Lambda' | 'Amazon Kinesis Data Streams' | 'Amazon MSK';
  item: string;
  /** Quantity over the run. */
  quantity: number;
  unit: string;
  /** Price of one unit, in dollars. */
  unitPrice: number;
  /** Dollars over the simulated time. */
  run: number;
  /** Dollars over a month at the run's rate. */
  monthly: number;
}

/** What a run costs, itemised, and the monthly projection. */
export interface CostReport {
  currency: 'USD';
  region: string;
  /** When the prices were read from the AWS pricing pages. */
  priceDate: string;
  /** The month the run is extended to. */
  monthDays: number;
  /** Whether the monthly free tier is subtracted (its lines are negative). */
  freeTierIncluded: boolean;
  lines: CostLine[];
  /** Totals, in dollars. */
  run: number;
  monthly: number;
}

/** What a run used that AWS charges for. */
export interface Usage {
  /** Simulated seconds the usage covers. */
  seconds: number;
  invocations: number;
  /** Sum of billed durations (init and handler time, each rounded up to a whole ms). */
  billedMs: number;
  memoryMb: number;
  architecture: Architecture;
  kinesis?: {
    shards: number;
    retentionHours: number;
    writtenRecords: number;
    recordSizeBytes: number;
    /** Enhanced fan-out: bytes pushed to the mapping; absent for a shared-throughput consumer. */
    efoBytes?: number;
  };
  kafka?: {
    brokers: number;
    brokerInstanceType: keyof typeof PRICES.msk.perBrokerHour;
    /** Provisioned mode: event poller units × seconds; absent on demand. */
    eventPollerUnitSeconds?: number;
  };
}

const SECONDS_PER_DAY = 86_400;
const GB = 1024 ** 3;

/**
 * Prices a run's usage with the price table, and projects it to a month by extending the
 * run's rate: monthly = run × (month / simulated time).
 */
export function priceUsage(usage: Usage, settings: { monthDays: number; includeFreeTier: boolean }): CostReport {
  const scale = usage.seconds > 0 ? (settings.monthDays * SECONDS_PER_DAY) / usage.seconds : 0;
  const lines: CostLine[] = [];
  const add = (service: CostLine['service'], item: string, quantity: number, unit: string, unitPrice: number): void => {
    const run = quantity * unitPrice;
    lines.push({ service, item, quantity, unit, unitPrice, run, monthly: run * scale });
  };

  const lambda = PRICES.lambda;
  const gbSeconds = (usage.billedMs / 1000) * (usage.memoryMb / 1024);
  add('AWS Lambda', 'Requests', usage.invocations, 'requests', lambda.perRequest);
  add('AWS Lambda', `Duration (${usage.architecture})`, gbSeconds, 'GB-seconds', lambda.perGbSecond[usage.architecture]);
  if (settings.includeFreeTier && scale > 0) {
    // The free tier is monthly: subtract it from the month, and its share from the run.
    const freeRequests = Math.min(usage.invocations * scale, lambda.freeTier.requests);
    const freeGbSeconds = Math.min(gbSeconds * scale, lambda.freeTier.gbSeconds);
    add('AWS Lambda', 'Free tier: requests', -freeRequests / scale, 'requests', lambda.perRequest);
    add('AWS Lambda', 'Free tier: duration', -freeGbSeconds / scale, 'GB-seconds', lambda.perGbSecond[usage.architecture]);
  }

  const k = usage.kinesis;
  if (k) {
    const p = PRICES.kinesis;
    const shardHours = (k.shards * usage.seconds) / 3600;
    add('Amazon Kinesis Data Streams', 'Shard hours', shardHours, 'shard-hours', p.perShardHour);
    const unitsPerRecord = Math.ceil(k.recordSizeBytes / p.putPayloadUnitBytes);
    add('Amazon Kinesis Data Streams', 'PUT payload units', k.writtenRecords * unitsPerRecord, 'units of 25 KB', p.perPutPayloadUnit);
    if (k.retentionHours > 24) add('Amazon Kinesis Data Streams', 'Extended retention', shardHours, 'shard-hours', p.perExtendedRetentionShardHour);
    if (k.efoBytes !== undefined) {
      add('Amazon Kinesis Data Streams', 'Enhanced fan-out consumer', shardHours, 'consumer-shard-hours', p.perEfoConsumerShardHour);
      add('Amazon Kinesis Data Streams', 'Enhanced fan-out retrievals', k.efoBytes / GB, 'GB', p.perEfoGbRetrieved);
    }
  }

  const kafka = usage.kafka;
  if (kafka) {
    add('Amazon MSK', `Broker hours (${kafka.brokerInstanceType})`, (kafka.brokers * usage.seconds) / 3600, 'broker-hours', PRICES.msk.perBrokerHour[kafka.brokerInstanceType]);
    if (kafka.eventPollerUnitSeconds !== undefined) {
      add('AWS Lambda', 'Provisioned mode event poller units', kafka.eventPollerUnitSeconds / 3600, 'EPU-hours', lambda.perKafkaEventPollerUnitHour);
    }
  }

  let run = 0;
  let monthly = 0;
  for (const line of lines) {
    run += line.run;
    monthly += line.monthly;
  }
  return {
    currency: 'USD',
    region: PRICES.region,
    priceDate: PRICES.date,
    monthDays: settings.monthDays,
    freeTierIncluded: settings.includeFreeTier,
    lines,
    run,
    monthly,
  };
}
