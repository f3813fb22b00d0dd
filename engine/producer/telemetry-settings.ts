import { scenarioSchema, type TelemetryInput, type TelemetryPayload } from '../scenario/schema.ts';
import { decodePayload } from '../filter/match.ts';
import { telemetryRecords } from './telemetry.ts';

/**
 * Fills in the defaults of a telemetry description written by hand (throws on invalid input).
 * Apart from telemetry.ts, which draws the records, because it needs the scenario schema: a
 * page that draws records from settings filled in at build time does not load the schema.
 */
export function telemetrySettings(input: TelemetryInput | undefined): TelemetryPayload {
  const parsed = scenarioSchema.shape.producer.shape.payload.parse(input ?? { type: 'telemetry' });
  return parsed as TelemetryPayload;
}

/**
 * `count` telemetry payloads as JSON text, the same for the same settings and seed. Used
 * for the samples filters are tried on, and to show readers what the records look like.
 */
export function sampleTelemetry(payload: TelemetryInput | undefined, seed: number, count: number): string[] {
  return telemetryRecords(telemetrySettings(payload), seed, count);
}

/**
 * The same sample decoded as a filter sees each payload (a JSON value, or the text itself when
 * it is not JSON). Remembered for the last few settings: while a reader edits a filter, the
 * payloads stay the same and only the filter changes, so each run would otherwise rebuild them.
 */
export function decodedTelemetrySample(payload: TelemetryInput | undefined, seed: number, count: number): readonly unknown[] {
  const key = JSON.stringify([payload ?? null, seed, count]);
  const known = decodedSamples.get(key);
  if (known) return known;
  const decoded = Object.freeze(sampleTelemetry(payload, seed, count).map(decodePayload));
  decodedSamples.set(key, decoded);
  // Keep only the most recent few: each holds thousands of records.
  if (decodedSamples.size > 4) decodedSamples.delete(decodedSamples.keys().next().value as string);
  return decoded;
}

const decodedSamples = new Map<string, readonly unknown[]>();
