/**
 * The one price table: US East (N. Virginia), in US dollars, as published on the AWS pricing
 * pages on the date below. Every figure the cost model uses is here, with its page; when
 * AWS changes a price, change it here and update the date.
 */
export const PRICES = {
  region: 'us-east-1',
  currency: 'USD',
  /** When these figures were read. */
  date: '2026-11-26',
  lambda: {
    source: 'https://aws.amazon.com/lambda/pricing/',
    /** Per request, the same on both architectures ($0.20 per million). */
    perRequest: 0.2 / 1_000_000,
    /** Per GB-second of duration, first pricing tier (up to 6 billion GB-seconds a month). */
    perGbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
    /** Monthly free tier, shared by both architectures. */
    freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
    /** Provisioned mode for event source mappings: per Event Poller Unit hour, Kafka sources. */
    perKafkaEventPollerUnitHour: 0.185,
  },
  kinesis: {
    source: 'https://aws.amazon.com/kinesis/data-streams/pricing/',
    /** Provisioned capacity mode. */
    perShardHour: 0.015,
    /** Per PUT payload unit: each record counts one unit per started 25 KB ($0.014 per million). */
    perPutPayloadUnit: 0.014 / 1_000_000,
    putPayloadUnitBytes: 25 * 1024,
    /** Retention beyond 24 hours, up to 7 days, per shard hour. */
    perExtendedRetentionShardHour: 0.02,
    /** Enhanced fan-out: per consumer-shard hour, and per GB pushed to the consumer. */
    perEfoConsumerShardHour: 0.015,
    perEfoGbRetrieved: 0.013,
  },
  msk: {
    source: 'https://aws.amazon.com/msk/pricing/',
    /** Standard broker kafka.m5.large, per broker hour. */
    perBrokerHour: { 'kafka.m5.large': 0.21 },
  },
} as const;

export type Architecture = keyof typeof PRICES.lambda.perGbSecond;
