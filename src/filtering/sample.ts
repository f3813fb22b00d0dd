/**
 * The sample of records the playground tries the reader's filter on: decoded once, then
 * decided again on every edit, which is the cheap part.
 */
import { decodePayload, matches, telemetryRecords, telemetrySettings, stringifyJson, type CompiledFilter, type TelemetryInput, type TelemetryPayload } from '../../engine/index.ts';
import esmPreset from '../../scenarios/filtering-iot-esm.json';

/** Records the playground measures the kept share on. */
export const SAMPLE_SIZE = 4096;

/** Records shown in the list. */
export const SHOWN_RECORDS = 12;

export interface SampleRecord {
  /** The record as a Kinesis filter sees it: its payload decoded under `data`. */
  event: { data: unknown };
}

/** Which records the list shows. */
export type RecordView = 'first' | 'kept' | 'dropped';

export interface ShownRecord {
  /** Position in the sample, 0-based. */
  index: number;
  /** The payload as one line of JSON (numbers keep their spelling); a non-JSON payload as it is. */
  line: string;
  /**
   * The same line cut after each top-level member (`{"a":1,` `"b":"x"}`), so the page can wrap
   * a long record between fields rather than inside a value. Joined, they are `line`.
   */
  parts: string[];
  kept: boolean;
}

export interface Verdicts {
  kept: boolean[];
  keptCount: number;
  total: number;
  /** keptCount / total, 0 for an empty sample. */
  share: number;
}

/** What the bill's preset workload generates: its telemetry settings (defaults filled in) and seed. */
export interface SampleSource {
  settings: TelemetryPayload;
  seed: number;
}

/** The preset's sample source, read while the page builds (it needs the scenario schema). */
export function presetSampleSource(): SampleSource {
  return { settings: telemetrySettings(esmPreset.producer.payload as TelemetryInput), seed: esmPreset.seed };
}

/** Records of the bill's preset workload: the same generator settings and seed, so the shares agree. */
export function presetSample(count: number, source: SampleSource): SampleRecord[] {
  return prepareSample(telemetryRecords(source.settings, source.seed, count));
}

/** Decodes payload texts once; only the few records on show are turned back into text. */
export function prepareSample(texts: readonly string[]): SampleRecord[] {
  return texts.map((text) => ({ event: { data: decodePayload(text) } }));
}

function memberParts(data: unknown): string[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [stringifyJson(data)];
  const entries = Object.entries(data);
  if (entries.length === 0) return ['{}'];
  return entries.map(([key, value], i) => {
    const member = `${stringifyJson(key)}:${stringifyJson(value)}`;
    return `${i === 0 ? '{' : ''}${member}${i === entries.length - 1 ? '}' : ','}`;
  });
}

/** Decides every record of the sample with the compiled filter. */
export function decide(filter: CompiledFilter, sample: readonly SampleRecord[]): Verdicts {
  const kept = sample.map((record) => matches(filter, record.event));
  const keptCount = kept.reduce((n, k) => (k ? n + 1 : n), 0);
  return { kept, keptCount, total: sample.length, share: sample.length === 0 ? 0 : keptCount / sample.length };
}

/** The records the list shows for a view: the first few of the sample, or the first few kept or dropped. */
export function shownRecords(
  sample: readonly SampleRecord[],
  verdicts: Verdicts,
  view: RecordView,
  count = SHOWN_RECORDS,
): ShownRecord[] {
  const shown: ShownRecord[] = [];
  for (let i = 0; i < sample.length && shown.length < count; i++) {
    const kept = verdicts.kept[i] ?? false;
    if (view === 'kept' && !kept) continue;
    if (view === 'dropped' && kept) continue;
    const data = (sample[i] as SampleRecord).event.data;
    const parts = typeof data === 'string' ? [data] : memberParts(data);
    shown.push({ index: i, line: parts.join(''), parts, kept });
  }
  return shown;
}
