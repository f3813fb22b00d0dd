/**
 * The event source mapping a scenario describes, as the CreateEventSourceMapping request
 * names its fields. Every exporter (CLI JSON, CloudFormation, Terraform) renders this one
 * object, so the three always agree on which settings appear and with which values.
 */
import { batchingWindowSeconds, type Scenario } from '../../../engine/index.ts';

/**
 * Stand-ins for what the simulator cannot know: the reader's account, Region and resource
 * names. Upper case with underscores, so they are easy to find and replace.
 */
export const PLACEHOLDERS = {
  functionName: 'FUNCTION_NAME',
  kinesisStreamArn: 'arn:aws:kinesis:REGION:ACCOUNT_ID:stream/STREAM_NAME',
  // Enhanced fan-out: the mapping reads through a registered stream consumer, named by its own ARN.
  kinesisConsumerArn: 'arn:aws:kinesis:REGION:ACCOUNT_ID:stream/STREAM_NAME/consumer/CONSUMER_NAME:CONSUMER_CREATION_TIMESTAMP',
  mskClusterArn: 'arn:aws:kafka:REGION:ACCOUNT_ID:cluster/CLUSTER_NAME/CLUSTER_UUID',
  topic: 'TOPIC_NAME',
} as const;

/**
 * A CreateEventSourceMapping request. Optional fields are present only when the scenario
 * chose a value other than AWS's default for its source; the rest are required.
 */
export interface MappingRequest {
  EventSourceArn: string;
  FunctionName: string;
  Topics?: string[];
  StartingPosition: 'LATEST' | 'TRIM_HORIZON';
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  ParallelizationFactor?: number;
  ProvisionedPollerConfig?: { MinimumPollers: number; MaximumPollers: number };
  FilterCriteria?: { Filters: { Pattern: string }[] };
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  BisectBatchOnFunctionError?: boolean;
  FunctionResponseTypes?: 'ReportBatchItemFailures'[];
  DestinationConfig?: { OnFailure: { Destination: string } };
}

/** AWS's defaults, from the CreateEventSourceMapping reference (the same for Kinesis and MSK). */
const DEFAULT_BATCH_SIZE = 100;
const NO_LIMIT = -1;

/** Why a requests scenario cannot be exported as a mapping document. */
export const NO_MAPPING_TO_EXPORT = 'this experiment has no event source mapping to export';

/**
 * The scenario's CreateEventSourceMapping request. Throws for a requests scenario: its
 * clients invoke the function directly, so there is no mapping to create (the CLI input,
 * SAM and Terraform exporters all start here, so all three refuse it the same way).
 */
export function mappingRequest(scenario: Scenario): MappingRequest {
  const esm = scenario.eventSourceMapping;
  const source = scenario.source;
  if (source.type === 'requests') throw new Error(`${NO_MAPPING_TO_EXPORT}: its requests go straight to the function (synchronous Invoke)`);
  const kafka = source.type === 'kafka';
  const request: MappingRequest = {
    EventSourceArn: kafka
      ? PLACEHOLDERS.mskClusterArn
      : source.consumer === 'efo'
        ? PLACEHOLDERS.kinesisConsumerArn
        : PLACEHOLDERS.kinesisStreamArn,
    FunctionName: PLACEHOLDERS.functionName,
    // MSK mappings must name exactly one topic; the scenario's topic has no name.
    ...(kafka ? { Topics: [PLACEHOLDERS.topic] } : {}),
    StartingPosition: esm.StartingPosition,
  };

  if (esm.BatchSize !== DEFAULT_BATCH_SIZE) request.BatchSize = esm.BatchSize;
  // Left unset, the window is the source's default (0 s on Kinesis, 500 ms on Kafka). Any
  // window written on Kafka differs from that default, since the API takes whole seconds.
  if (esm.MaximumBatchingWindowInSeconds !== undefined) {
    const window = batchingWindowSeconds(scenario);
    if (kafka || window !== 0) request.MaximumBatchingWindowInSeconds = window;
  }
  if (!kafka && esm.ParallelizationFactor !== undefined && esm.ParallelizationFactor !== 1) {
    request.ParallelizationFactor = esm.ParallelizationFactor;
  }
  // The parsed scenario never carries pollers on Kinesis, but the check keeps the rule local.
  if (kafka && esm.ProvisionedPollerConfig) {
    const { MinimumPollers, MaximumPollers } = esm.ProvisionedPollerConfig;
    request.ProvisionedPollerConfig = { MinimumPollers, MaximumPollers };
  }
  const filters = esm.FilterCriteria?.Filters ?? [];
  if (filters.length > 0) request.FilterCriteria = { Filters: filters.map(({ Pattern }) => ({ Pattern })) };
  if (esm.MaximumRetryAttempts !== NO_LIMIT) request.MaximumRetryAttempts = esm.MaximumRetryAttempts;
  if (esm.MaximumRecordAgeInSeconds !== NO_LIMIT) request.MaximumRecordAgeInSeconds = esm.MaximumRecordAgeInSeconds;
  if (esm.BisectBatchOnFunctionError) request.BisectBatchOnFunctionError = true;
  if (esm.FunctionResponseTypes.length > 0) request.FunctionResponseTypes = [...esm.FunctionResponseTypes];
  if (esm.DestinationConfig) request.DestinationConfig = { OnFailure: { Destination: esm.DestinationConfig.OnFailure.Destination } };
  return request;
}

/** Text safe to put on one comment line: no line breaks or other control characters. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}
