/**
 * Deciding records with a compiled FilterCriteria.
 */
import { parseJsonText } from './json-text.ts';
import type { CompiledFilter } from './types.ts';

/**
 * Whether Lambda keeps a record. `event` is the record as the filter sees it, its payload already
 * decoded under the source's key (`{ data: {…}, partitionKey: … }` for Kinesis, `{ value: … }` for
 * Kafka, `{ body: …, attributes: … }` for SQS). Filters are ORed: "If a record … satisfies one or
 * more of your filters, Lambda includes the record"; with no filters every record is kept.
 */
export function matches(filter: CompiledFilter, event: unknown): boolean {
  const filters = filter.filters;
  if (filters.length === 0) return true;
  for (const compiled of filters) if (compiled.test(event)) return true;
  return false;
}

/**
 * Decodes a record's payload text the way the filter sees it: a JSON object or array (numbers keep
 * their written form), or, for anything else, the text itself as a plain string. A bare JSON
 * scalar such as `42` or `"ok"` counts as a plain string: the documents contrast "valid JSON" with
 * "plain strings" and filter plain strings with list patterns such as `[ "error" ]`.
 */
export function decodePayload(payload: string): unknown {
  let i = 0;
  while (i < payload.length) {
    const c = payload.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else break;
  }
  const first = payload.charCodeAt(i);
  // Only text that opens an object or array can be a JSON document here, so the rest skips parsing.
  if (first !== 123 && first !== 91) return payload;
  const parsed = parseJsonText(payload);
  return parsed.ok ? parsed.value : payload;
}

/**
 * Decides a record from its raw payload text (a Kinesis record's decoded `data`, a Kafka `value`,
 * an SQS `body`) plus optional metadata fields. Follows the documented format rules: for Kinesis
 * and SQS a payload whose format differs from the filter's data pattern is dropped; for Kafka that
 * filter is decided on its other fields only. Decoding once with {@link decodePayload} and calling
 * {@link matches} is equivalent, and cheaper when several filters see the same record.
 */
export function matchesPayload(filter: CompiledFilter, payload: string, metadata?: Readonly<Record<string, unknown>>): boolean {
  if (filter.filters.length === 0) return true;
  const event: Record<string, unknown> = metadata === undefined ? {} : { ...metadata };
  event[filter.dataKey] = decodePayload(payload);
  return matches(filter, event);
}
