/**
 * The one URL codec of the workbench: a permalink carries a whole experiment (the scenario,
 * its seed inside it, and what the reader was looking at) in the URL's fragment, so opening
 * it restores the experiment exactly and no server sees it.
 *
 * Anyone can craft a link, so decoding never throws and trusts nothing: the text is limited
 * in size and alphabet, decoded as strict UTF-8, parsed as JSON, checked for its shape, and
 * the scenario goes through the same validation as every other scenario. A bad link gives a
 * message for the reader instead of a broken page.
 */
import { z } from 'zod';
import { formatProblems, parseScenario, type Scenario, type ValidationProblem } from '../../engine/index.ts';
import { formatNumber } from '../components/number-format.ts';

export { PERMALINK_KEY, permalinkFromHash } from './permalink-hash.ts';
const VERSION = 'v1';
/** Longest fragment value accepted; a scenario with long filter patterns stays well below it. */
export const MAX_PERMALINK_CHARS = 32_768;

/** What the reader was looking at, besides the scenario. */
const viewSchema = z.strictObject({
  /** Which experiment of the page the link is for. */
  experiment: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
  /** Metric names of the charts shown, in order. */
  charts: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,63}$/)).max(12).optional(),
  /** Simulated second the reader had scrubbed to. */
  at: z.number().finite().min(0).max(604_800).optional(),
});

export type PermalinkView = z.output<typeof viewSchema>;

const documentSchema = z.strictObject({
  scenario: z.unknown(),
  /** Run B of a comparison, when the reader was comparing. */
  compare: z.unknown().optional(),
  view: viewSchema.optional(),
});

export interface PermalinkState {
  scenario: Scenario;
  compare?: Scenario;
  view?: PermalinkView;
}

export type DecodedPermalink = { ok: true; state: PermalinkState } | { ok: false; message: string };

/** The fragment value (without `#x=`) for an experiment. */
export function encodePermalink(state: { scenario: unknown; compare?: unknown; view?: PermalinkView }): string {
  const json = JSON.stringify({
    scenario: state.scenario,
    ...(state.compare !== undefined ? { compare: state.compare } : {}),
    ...(state.view ? { view: state.view } : {}),
  });
  return `${VERSION}.${toBase64Url(new TextEncoder().encode(json))}`;
}

/** The experiment in a fragment value, or a message saying why the link cannot be used. */
export function decodePermalink(value: string): DecodedPermalink {
  if (typeof value !== 'string' || value.length === 0) return fail('it holds no experiment');
  if (value.length > MAX_PERMALINK_CHARS) return fail(`it is ${formatNumber(value.length, 0)} characters long; a link holds at most ${formatNumber(MAX_PERMALINK_CHARS, 0)}`);
  const dot = value.indexOf('.');
  const version = dot < 0 ? '' : value.slice(0, dot);
  if (version !== VERSION) return fail(`it was made by a version of the lab this page does not read (expected "${VERSION}.…")`);
  const bytes = fromBase64Url(value.slice(dot + 1));
  if (!bytes) return fail('it is cut short or altered (it is not valid base64url)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('it is cut short or altered (its text is not valid UTF-8)');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('it is cut short or altered (its content is not valid JSON)');
  }
  const shape = documentSchema.safeParse(json);
  if (!shape.success) return fail('it does not describe an experiment');
  const checked = parseScenario(shape.data.scenario);
  if (!checked.ok) return invalid('its scenario', checked.problems);
  const state: PermalinkState = { scenario: checked.value };
  if (shape.data.compare !== undefined) {
    const b = parseScenario(shape.data.compare);
    if (!b.ok) return invalid('its comparison scenario (B)', b.problems);
    state.compare = b.value;
  }
  if (shape.data.view) state.view = shape.data.view;
  return { ok: true, state };
}

function invalid(what: string, problems: readonly ValidationProblem[]): DecodedPermalink {
  const shown = problems.slice(0, 5);
  const more = problems.length - shown.length;
  return fail(`${what} is not valid:\n${formatProblems(shown)}${more > 0 ? `\n(and ${more} more)` : ''}`);
}

function fail(reason: string): DecodedPermalink {
  return { ok: false, message: `This link's experiment could not be opened: ${reason}. The page shows its default experiment instead.` };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Base64url without padding; written out rather than through btoa, which needs a binary string. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2];
    out += ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)];
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)];
    if (c !== undefined) out += ALPHABET[c & 63];
  }
  return out;
}

/** The bytes of a base64url text, or undefined when it is not one (wrong character or length). */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n: number[] = [];
    for (let j = i; j < Math.min(i + 4, text.length); j++) {
      const v = LOOKUP.get(text[j] as string);
      if (v === undefined) return undefined;
      n.push(v);
    }
    out[o++] = ((n[0] as number) << 2) | ((n[1] as number) >> 4);
    if (n.length > 2) out[o++] = (((n[1] as number) & 15) << 4) | ((n[2] as number) >> 2);
    if (n.length > 3) out[o++] = (((n[2] as number) & 3) << 6) | (n[3] as number);
  }
  return out.subarray(0, o);
}
