/**
 * The class scoreboard's logic, apart from the page: reading pasted result codes, verifying
 * each one by re-running its scenario with the engine, and ranking what passed. The engine
 * run is passed in, so the page can run it in a worker and the tests in Node.
 */
import type { ScenarioInput, SimulationResult } from '../../engine/index.ts';
import { knobSetting, type KnobId } from '../workbench/knobs.ts';
import { findLab } from './catalog.ts';
import { judgeSubmission, measuredRun, scenarioFromKnobs } from './lab-check.ts';
import type { Lab } from './lab-definition.ts';
import type { KeyValueStore } from '../workbench/stored-experiment.ts';
import { decodeResult, type ResultPayload } from './result-code.ts';

/** Most codes one paste may hold: a class, with room to spare, and a bound on the work. */
export const MAX_CODES = 200;

/** Where the page keeps the pasted text, in this browser only. */
const STORE_KEY = 'lab:scoreboard:v1';
/** Room for MAX_CODES codes; longer stored text is not ours, or damaged. */
const MAX_STORED_CHARS = 200_000;

/**
 * The pasted text kept from the last visit, or '' when there is none or it cannot be used.
 * The text is only ever codes to check again: every line of it is then judged like a paste.
 * Never throws (storage may be switched off).
 */
export function readStoredCodes(store: KeyValueStore | undefined): string {
  try {
    const stored = store?.getItem(STORE_KEY);
    return typeof stored === 'string' && stored.length <= MAX_STORED_CHARS ? stored : '';
  } catch {
    return '';
  }
}

/** Keeps the pasted text for the next visit; text too long to keep, or a storage that refuses, keeps nothing. */
export function keepCodes(store: KeyValueStore | undefined, text: string): void {
  if (text.length > MAX_STORED_CHARS) return;
  try {
    store?.setItem(STORE_KEY, text);
  } catch {
    // Full or switched off: the page works the same, the paste is just not kept.
  }
}

export interface VerifiedEntry {
  line: number;
  name: string;
  lab: Lab;
  /** The ranking outcome, measured by the re-run. */
  rankValue: number;
  rankText: string;
  challengeMet: boolean;
  /** The knob values, written as on the sliders. */
  settings: string;
  code: string;
}

export interface RejectedEntry {
  line: number;
  code: string;
  reason: string;
}

export type Verdict = { ok: true; entry: VerifiedEntry } | { ok: false; rejected: RejectedEntry };

/** The non-empty lines of a paste with their line numbers (at most MAX_CODES), and how many were left over. */
export function codeLines(text: string): { lines: { line: number; code: string }[]; leftOver: number } {
  const all = text
    .split(/\r?\n/)
    .map((code, i) => ({ line: i + 1, code: code.trim() }))
    .filter((l) => l.code !== '');
  return { lines: all.slice(0, MAX_CODES), leftOver: Math.max(0, all.length - MAX_CODES) };
}

/** What a code asks to be run, or why it cannot be (before any engine run). */
export function prepare(line: number, code: string): { ok: true; payload: ResultPayload; lab: Lab; scenario: ScenarioInput } | { ok: false; rejected: RejectedEntry } {
  const reject = (reason: string) => ({ ok: false as const, rejected: { line, code, reason } });
  const decoded = decodeResult(code);
  if (!decoded.ok) return reject(decoded.message);
  const lab = findLab(decoded.payload.lab);
  if (!lab) return reject(`it is for a lab named "${decoded.payload.lab}", which this site does not have`);
  const scenario = scenarioFromKnobs(lab, decoded.payload.knobs);
  if (!scenario.ok) return reject(scenario.message);
  return { ok: true, payload: decoded.payload, lab, scenario: scenario.scenario };
}

/** Judges a prepared code on the engine's result for its scenario. */
export function verify(line: number, code: string, prepared: { payload: ResultPayload; lab: Lab; scenario: ScenarioInput }, result: SimulationResult): Verdict {
  const { payload, lab, scenario } = prepared;
  const reject = (reason: string): Verdict => ({ ok: false, rejected: { line, code, reason } });
  const submission = judgeSubmission(lab, measuredRun(lab, scenario, result));
  if (!submission.pass.met) {
    const failed = submission.pass.checks.filter((c) => !c.met).map((c) => c.text);
    return reject(`the re-run does not pass the lab's check (${submission.pass.outsideKnobs ?? failed.join('; ')})`);
  }
  const measured = submission.rankValue;
  if (measured === undefined) return reject('the re-run does not measure the lab’s ranking outcome');
  // The engine is deterministic: a code made by this version of the lab claims exactly what the re-run measures.
  if (Math.abs(measured - payload.claim) > 1e-9 * Math.max(1, Math.abs(measured))) {
    return reject(`it claims ${payload.claim} but the re-run measures ${submission.rankText}: the code was changed, or made by another version of the lab`);
  }
  // prepare() has refused any knob that is not the lab's, so every id here is a knob.
  const settings = Object.entries(payload.knobs)
    .map(([id, value]) => knobSetting(id as KnobId, value))
    .join(', ');
  return { ok: true, entry: { line, name: payload.name, lab, rankValue: measured, rankText: submission.rankText, challengeMet: submission.challenge.met, settings, code } };
}

/** Verified entries grouped by lab (in lab order) and ranked by each lab's outcome; ties keep paste order. */
export function rank(entries: readonly VerifiedEntry[]): { lab: Lab; entries: VerifiedEntry[] }[] {
  const byLab = new Map<string, VerifiedEntry[]>();
  for (const entry of entries) byLab.set(entry.lab.id, [...(byLab.get(entry.lab.id) ?? []), entry]);
  return [...byLab.values()]
    .map((list) => {
      const lab = list[0]!.lab;
      const sign = lab.rank.order === 'lowest' ? 1 : -1;
      return { lab, entries: [...list].sort((a, b) => sign * (a.rankValue - b.rankValue) || a.line - b.line) };
    })
    .sort((a, b) => a.lab.number - b.lab.number);
}
