/**
 * A learner's result as a short code to paste into the class scoreboard: which lab, who, the
 * knob values they submitted (the rest of the scenario is the lab's own, so it need not
 * travel), and the outcome the page measured. A checksum catches a typo or a code cut short;
 * it is not a signature, and the scoreboard trusts none of it: it re-runs the scenario.
 *
 *   SSL1.<base64url of {"lab","name","knobs","claim"}>.<8 hex digits>
 */
import { z } from 'zod';
import { fromBase64Url, toBase64Url } from '../workbench/permalink.ts';
import { NAME_PATTERN } from './learner-name.ts';

export { isValidName, keepName, readStoredName } from './learner-name.ts';

const PREFIX = 'SSL1';
/** Longer than any real code (a few knobs), short enough that junk is refused at once. */
const MAX_CODE_CHARS = 2_000;

const payloadSchema = z.strictObject({
  lab: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64),
  name: z.string().regex(NAME_PATTERN),
  knobs: z.record(z.string().regex(/^[A-Za-z]{1,40}$/), z.number().finite()),
  /** The lab's ranking outcome as the learner's page measured it. */
  claim: z.number().finite(),
});

export type ResultPayload = z.output<typeof payloadSchema>;
export type DecodedCode = { ok: true; payload: ResultPayload } | { ok: false; message: string };

/**
 * FNV-1a over the text's UTF-16 code units, twice with different offsets, as 8 hex digits. Any
 * one changed character changes it; collisions are possible, and that is fine for a typo check.
 */
export function checksum(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return ((a ^ (b >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

/** The code for a result. Knobs are written in a fixed (sorted) order so a result has one code. */
export function encodeResult(payload: ResultPayload): string {
  const knobs = Object.fromEntries(Object.entries(payload.knobs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const json = JSON.stringify({ lab: payload.lab, name: payload.name, knobs, claim: payload.claim });
  const body = `${PREFIX}.${toBase64Url(new TextEncoder().encode(json))}`;
  return `${body}.${checksum(body)}`;
}

/** The result in a code, or a sentence saying why the code cannot be read. Never throws. */
export function decodeResult(input: string): DecodedCode {
  const code = typeof input === 'string' ? input.trim() : '';
  if (code === '') return { ok: false, message: 'the code is empty' };
  if (code.length > MAX_CODE_CHARS) return { ok: false, message: `the code is ${code.length} characters long; a result code is at most ${MAX_CODE_CHARS}` };
  const parts = code.split('.');
  if (parts[0] !== PREFIX) return { ok: false, message: `a result code starts with "${PREFIX}."; this one starts with "${code.slice(0, 8)}"` };
  if (parts.length !== 3) return { ok: false, message: 'a result code has three parts separated by dots; part of this one is missing' };
  const [, body, sum] = parts as [string, string, string];
  if (checksum(`${PREFIX}.${body}`) !== sum.toLowerCase()) return { ok: false, message: 'its checksum does not match: the code was mistyped, cut short or changed' };
  const bytes = fromBase64Url(body);
  if (!bytes) return { ok: false, message: 'its middle part is not valid base64url' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, message: 'its middle part is not valid JSON text' };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `it does not describe a result (${issue?.path.join('.') || 'the whole code'}: ${issue?.message ?? 'unexpected shape'})` };
  }
  return { ok: true, payload: parsed.data };
}
