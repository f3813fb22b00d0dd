import { describe, expect, it } from 'vitest';
import { decideBet, formatMove, matchingOptions, moveOf, parseBetOptions, type BetOptions } from '../../src/chapters/bets.ts';
import { betStart } from '../../src/chapters/bet-start.ts';
import type { Reading } from '../../src/chapters/measures.ts';
import { formatNumber } from '../../src/components/number-format.ts';

const ratios = [
  { label: 'halve', ratio: [0, 0.75] },
  { label: 'about the same', ratio: [0.75, 1.5] },
  { label: 'double', ratio: [1.5, Infinity] },
];

function options(input: unknown): BetOptions {
  const parsed = parseBetOptions(input);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.value;
}

const reading = (value: number, label = 'Highest IteratorAge'): Reading => ({ label, value, format: (v) => `${formatNumber(v)} ms` });

describe('bet options', () => {
  it('are ranges of one kind, min included and max not', () => {
    const bet = options(ratios);
    expect(bet.kind).toBe('ratio');
    expect(matchingOptions(bet.options, 0.75)).toEqual([1]);
    expect(matchingOptions(bet.options, 0.7499)).toEqual([0]);
    expect(matchingOptions(bet.options, 1e9)).toEqual([2]);
    expect(matchingOptions(bet.options, -1)).toEqual([]);
  });

  it('name the field and what is allowed when an author gets them wrong', () => {
    const problems = (input: unknown) => {
      const parsed = parseBetOptions(input);
      return parsed.ok ? [] : parsed.problems;
    };
    expect(problems([{ label: 'one', ratio: [0, 1] }])).toEqual(['options: [{"label":"one","ratio":[0,1]}] must offer at least two options']);
    expect(problems([{ label: 'a', ratio: [1, 0] }, { label: 'b', ratio: [1, 2] }])).toEqual(['options[0].ratio: [1,0] must have min below max']);
    expect(problems([{ label: 'a', ratio: [0, 1], difference: [0, 1] }, { label: '', ratio: [1, 2] }])).toEqual([
      'options[0]: needs exactly one of ratio or difference',
      'options[1].label: "" must not be empty',
    ]);
    expect(problems([{ label: 'a', ratio: [0, 1] }, { label: 'b', difference: [1, 2] }])).toEqual(['options: mixes ratio and difference; give every option the same kind']);
    expect(problems([{ label: 'a', ration: [0, 1] }, { label: 'b', ratio: [1, 2] }])[0]).toBe('options[0]: "ration" is not a known field; allowed: label, ratio, difference');
  });
});

describe('deciding a bet', () => {
  it('picks the one option that covers the move and explains it with both values', () => {
    expect(decideBet(options(ratios), reading(1_665), reading(820))).toEqual({
      ok: true,
      correct: 0,
      explanation: 'Highest IteratorAge went from 1,665 ms to 820 ms: ×0.49',
    });
  });

  it('works on differences too, with the sign written out', () => {
    const bet = options([
      { label: 'falls', difference: [-Infinity, 0] },
      { label: 'rises', difference: [0, Infinity] },
    ]);
    expect(decideBet(bet, reading(1_665), reading(820))).toEqual({ ok: true, correct: 0, explanation: 'Highest IteratorAge went from 1,665 ms to 820 ms: −845 ms' });
    expect(formatMove('difference', 12, (v) => `${v} ms`)).toBe('+12 ms');
  });

  it('refuses options that leave the move uncovered or cover it twice, with the figures', () => {
    const gap = decideBet(options([{ label: 'less', ratio: [0, 0.4] }, { label: 'more', ratio: [1, 2] }]), reading(1_665), reading(820));
    expect(gap).toEqual({
      ok: false,
      problem: 'Highest IteratorAge went from 1,665 ms to 820 ms (ratio 0.492), which no option covers: "less" [0, 0.4), "more" [1, 2)',
    });
    const overlap = decideBet(options([{ label: 'a', ratio: [0, 1] }, { label: 'b', ratio: [0.4, 2] }]), reading(1_665), reading(820));
    expect(overlap.ok).toBe(false);
    expect(!overlap.ok && overlap.problem).toMatch(/several options cover: "a" \[0, 1\), "b" \[0.4, 2\); make the ranges not overlap$/);
  });

  it('has no ratio from zero', () => {
    expect(moveOf('ratio', 0, 5)).toBeUndefined();
    expect(decideBet(options(ratios), reading(0), reading(5))).toMatchObject({ ok: false, problem: expect.stringMatching(/use difference ranges$/) });
  });
});

describe('a bet built from the engine', () => {
  const props = {
    id: 'slower-requests',
    question: 'If each request took twice as long, the average concurrency would…',
    preset: 'concurrency-steady-requests',
    change: { requestDurationMs: 1000 },
    measure: 'lawAverage',
    options: ratios,
  };

  it('runs the preset and the changed preset and finds the answer', () => {
    const start = betStart(props, 'concurrency');
    expect(start).toMatchObject({ id: 'slower-requests', chapter: 'concurrency', options: ['halve', 'about the same', 'double'], correct: 2 });
    expect(start.explanation).toMatch(/^Average ConcurrentExecutions went from 50\.4 to 100\.7: ×2$/);
  });

  it('stops the build on a wrong preset, knob, measure or options, naming the bet', () => {
    expect(() => betStart({ ...props, preset: 'nope' }, 'concurrency')).toThrow('Bet "slower-requests" in chapter "concurrency": no preset named "nope" in scenarios/');
    expect(() => betStart({ ...props, change: { requestDuration: 1000 } }, 'concurrency')).toThrow(/change\.requestDuration: is not a knob; allowed: ShardCount/);
    expect(() => betStart({ ...props, change: { ShardCount: 4 } }, 'concurrency')).toThrow(/with ShardCount 4 is not a valid scenario: source\.ShardCount: is not a known field/);
    expect(() => betStart({ ...props, measure: 'latency' }, 'concurrency')).toThrow(/measure: "latency" is not a measure; allowed: worstLag/);
    expect(() => betStart({ ...props, options: ratios.slice(0, 2) }, 'concurrency')).toThrow(/went from 50\.4 to 100\.7 \(ratio 1\.998\), which no option covers/);
  });
});
