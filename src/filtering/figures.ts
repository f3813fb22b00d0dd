/**
 * The figures the filtering chapter's prose quotes, computed by the engine when the site is
 * built, so the text always agrees with the playground.
 */
import { formatNumber } from '../components/number-format.ts';
import { billWithPattern, savedShare } from './bill.ts';
import { TALK_PATTERN } from './examples.ts';
import { formatMoney, formatShare } from './format.ts';
import { checkPattern } from './pattern-check.ts';
import { decide, presetSample, presetSampleSource, SAMPLE_SIZE } from './sample.ts';
import type { PlaygroundStart } from './start.ts';
import esmPreset from '../../scenarios/filtering-iot-esm.json';

export interface ChapterFigures {
  sampleSize: string;
  fleets: string;
  defaultShare: string;
  inCodeMonthly: string;
  defaultMonthly: string;
  defaultSaved: string;
  talkShare: string;
  talkMonthly: string;
  /** The Lambda part of talkMonthly (requests and duration). */
  talkLambdaMonthly: string;
  /** The Lambda part (requests and duration) of inCodeMonthly and defaultMonthly, and the share saved: the talk's table. */
  inCodeLambdaMonthly: string;
  defaultLambdaMonthly: string;
  lambdaSaved: string;
  monthDays: string;
  requestPricePerMillion: string;
  gbSecondPrice: string;
  freeTier: string;
  /** The function of both presets: memory, and time per record it acts on or skips. */
  memoryMb: string;
  actionMs: string;
  skipMs: string;
}

export function chapterFigures(start: PlaygroundStart): ChapterFigures {
  const sample = presetSample(SAMPLE_SIZE, presetSampleSource());
  const share = (pattern: string): number => {
    const check = checkPattern(pattern);
    if (!check.ok) throw new Error(`a chapter pattern must compile: ${check.problems[0]?.message}`);
    return decide(check.filter, sample).share;
  };
  const talk = billWithPattern(TALK_PATTERN);
  if (!talk.ok) throw new Error(`the talk's pattern must simulate: ${talk.messages.join('; ')}`);
  const { inCode, initial, basis } = start;
  const lambda = (bill: { requests: number; duration: number }): number => bill.requests + bill.duration;
  return {
    sampleSize: formatNumber(SAMPLE_SIZE, 0),
    fleets: formatNumber(esmPreset.producer.payload.fleets, 0),
    defaultShare: formatShare(share(esmPreset.eventSourceMapping.FilterCriteria.Filters[0]?.Pattern ?? '')),
    inCodeMonthly: formatMoney(inCode.total),
    defaultMonthly: formatMoney(initial.total),
    defaultSaved: formatShare(savedShare(inCode, initial)),
    talkShare: formatShare(share(TALK_PATTERN)),
    talkMonthly: formatMoney(talk.bill.total),
    talkLambdaMonthly: formatMoney(talk.bill.requests + talk.bill.duration),
    inCodeLambdaMonthly: formatMoney(lambda(inCode)),
    defaultLambdaMonthly: formatMoney(lambda(initial)),
    lambdaSaved: formatShare(lambda(inCode) > 0 ? 1 - lambda(initial) / lambda(inCode) : 0),
    monthDays: String(basis.monthDays),
    requestPricePerMillion: formatMoney(basis.requestPrice * 1_000_000),
    gbSecondPrice: `$${basis.gbSecondPrice.toFixed(10).replace(/0+$/, '')}`,
    freeTier: basis.freeTierIncluded ? 'after subtracting the free tier' : 'without the free tier',
    memoryMb: formatNumber(esmPreset.function.MemorySize, 0),
    actionMs: formatNumber(esmPreset.function.duration.perActionableRecordMs, 0),
    skipMs: formatNumber(esmPreset.function.duration.perRecordMs, 0),
  };
}
