import type { FilterSource } from './types.ts';

/**
 * What each event source adds to the common EventBridge syntax. Sources:
 * invocation-eventfiltering ("Using filters with different AWS services": the filtering keys),
 * with-kinesis-filtering, kafka-filtering, and the SQS and stream format tables.
 */
export interface SourceRules {
  /** Name used in messages. */
  readonly label: string;
  /** The key that holds the record's payload. */
  readonly dataKey: string;
  /** Whether the data key is the only top-level key a pattern may use. */
  readonly onlyDataKey: boolean;
  /** Whether a pattern on the data key must be a JSON pattern (an object), never a plain-string one (a list). */
  readonly dataPatternMustBeJson: boolean;
  /**
   * What happens to a filter when the payload's format (JSON or plain string) differs from its data
   * pattern's: `drop` fails that part of the filter; `metadata-only` ignores it and decides on the rest.
   */
  readonly onFormatMismatch: 'drop' | 'metadata-only';
}

/** Per-source filtering rules, as the Lambda documentation states them. */
export const SOURCE_RULES: Readonly<Record<FilterSource, SourceRules>> = {
  // "Kinesis event source mappings only support filtering on the data key." A non-JSON pattern for
  // data is rejected when the mapping is created; non-JSON data with a JSON pattern is dropped.
  kinesis: { label: 'Kinesis', dataKey: 'data', onlyDataKey: true, dataPatternMustBeJson: true, onFormatMismatch: 'drop' },
  // "Amazon MSK and self-managed Apache Kafka event source mappings only support filtering on the
  // value key." Messages may be JSON or plain strings; a mismatch means "Lambda filters (on the
  // other metadata properties only)".
  kafka: { label: 'Amazon MSK and self-managed Apache Kafka', dataKey: 'value', onlyDataKey: true, dataPatternMustBeJson: false, onFormatMismatch: 'metadata-only' },
  // SQS filters metadata too (messageId, attributes, …); a body whose format differs from the
  // pattern's makes "Lambda drop the message".
  sqs: { label: 'Amazon SQS', dataKey: 'body', onlyDataKey: false, dataPatternMustBeJson: false, onFormatMismatch: 'drop' },
};

/** The sources a caller may name, for validating options. */
export const FILTER_SOURCES: readonly FilterSource[] = ['kinesis', 'kafka', 'sqs'];

/** Payload key when no source is named: Kinesis's (and Amazon MQ's) `data`, the simulator's main source. */
export const DEFAULT_DATA_KEY = 'data';
