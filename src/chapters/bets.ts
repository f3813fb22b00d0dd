/**
 * "Place your bets": the reader predicts how a measure moves when one setting changes. The
 * author writes options as ranges of that move, either a ratio (after ÷ before) or a
 * difference (after − before), each range [min, max) with min included and max not:
 *
 *   [{ label: 'It halves', ratio: [0, 0.75] }, { label: 'About the same', ratio: [0.75, 1.5] },
 *    { label: 'It doubles', ratio: [1.5, Infinity] }]
 *
 * The engine's two runs then pick the one right option. Exactly one must match, or the bet
 * would mark a reader wrong for a defensible answer (or have no answer at all), so anything
 * else stops the build with the figures the author needs to fix the ranges.
 */
import { z } from 'zod';
import { formatNumber } from '../components/number-format.ts';
import type { Reading } from './measures.ts';
import { problemsOf } from './problems.ts';

export type BetKind = 'ratio' | 'difference';

export interface BetOption {
  label: string;
  /** [min, max): the move this option stands for, as a ratio or a difference (the bet's kind). */
  range: [number, number];
}

export interface BetOptions {
  kind: BetKind;
  options: BetOption[];
}

// Infinity (and -Infinity) close a range that is open at one end; NaN never makes sense.
const bound = z.union([z.number(), z.literal(Infinity), z.literal(-Infinity)], { error: 'must be a number (or Infinity)' });
const range = z
  .tuple([bound, bound], { error: 'must be [min, max]' })
  .refine(([min, max]) => min < max, { error: 'must have min below max' });
const optionSchema = z
  .strictObject({
    label: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }),
    ratio: range.optional(),
    difference: range.optional(),
  })
  .superRefine((option, ctx) => {
    if ((option.ratio === undefined) === (option.difference === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of ratio or difference' });
    }
  });
const optionsSchema = z.array(optionSchema, { error: 'must be a list of options' }).min(2, { error: 'must offer at least two options' });

export type ParsedBetOptions = { ok: true; value: BetOptions } | { ok: false; problems: string[] };

/** Validates an author's options; all of them must be of one kind. Never throws. */
export function parseBetOptions(input: unknown, root = 'options'): ParsedBetOptions {
  const parsed = optionsSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error.issues, root, ['label', 'ratio', 'difference']) };
  const kinds = new Set(parsed.data.map((o) => (o.ratio ? 'ratio' : 'difference')));
  if (kinds.size > 1) return { ok: false, problems: [`${root}: mixes ratio and difference; give every option the same kind`] };
  const kind: BetKind = kinds.has('ratio') ? 'ratio' : 'difference';
  return { ok: true, value: { kind, options: parsed.data.map((o) => ({ label: o.label, range: (o.ratio ?? o.difference)! })) } };
}

/** The move from `before` to `after`: after ÷ before, or after − before. Undefined for a ratio from 0. */
export function moveOf(kind: BetKind, before: number, after: number): number | undefined {
  if (kind === 'difference') return after - before;
  return before === 0 ? undefined : after / before;
}

/** The indexes of the options whose range holds `move` (min included, max not). */
export function matchingOptions(options: readonly BetOption[], move: number): number[] {
  return options.flatMap((o, i) => (move >= o.range[0] && move < o.range[1] ? [i] : []));
}

/** "×0.49" or "+410 ms". */
export function formatMove(kind: BetKind, move: number, format: (value: number) => string): string {
  if (kind === 'ratio') return `×${formatNumber(move, 2)}`;
  return `${move < 0 ? '−' : '+'}${format(Math.abs(move))}`;
}

export type BetDecision = { ok: true; correct: number; explanation: string } | { ok: false; problem: string };

/**
 * Which option is right, given the measure on the run before and after the change, and the
 * line that explains it: "Average ConcurrentExecutions went from 49.8 to 99.6: ×2".
 */
export function decideBet(bet: BetOptions, before: Reading, after: Reading): BetDecision {
  const went = `${before.label} went from ${before.format(before.value)} to ${after.format(after.value)}`;
  const move = moveOf(bet.kind, before.value, after.value);
  if (move === undefined) return { ok: false, problem: `${went}; a ratio from 0 means nothing, so use difference ranges` };
  const moved = formatMove(bet.kind, move, before.format);
  const matches = matchingOptions(bet.options, move);
  const listed = (indexes: number[]) => indexes.map((i) => `"${bet.options[i]!.label}" [${bet.options[i]!.range.join(', ')})`).join(', ');
  if (matches.length === 0) {
    return { ok: false, problem: `${went} (${bet.kind} ${formatNumber(move, 3)}), which no option covers: ${listed(bet.options.map((_, i) => i))}` };
  }
  if (matches.length > 1) {
    return { ok: false, problem: `${went} (${bet.kind} ${formatNumber(move, 3)}), which several options cover: ${listed(matches)}; make the ranges not overlap` };
  }
  return { ok: true, correct: matches[0]!, explanation: `${went}: ${moved}` };
}
