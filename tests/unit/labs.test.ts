import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type ScenarioInput } from '../../engine/index.ts';
import { checkLab, labScenario } from '../../scripts/cli/lab-check.ts';
import { parseSimArgs } from '../../scripts/cli/sim-args.ts';
import { LAB_PRESETS, LAB_SOURCES, LABS } from '../../src/labs/catalog.ts';
import { judgeLabRun, knobValues, measuredRun } from '../../src/labs/lab-check.ts';
import { checkScenario } from '../../src/labs/lab-scenario-check.ts';
import { solutionScenario, stepStart, withKnobs, type Lab } from '../../src/labs/lab-definition.ts';
import { parseLab } from '../../src/labs/lab-parse.ts';
import { checksum, decodeResult, encodeResult } from '../../src/labs/result-code.ts';
import { codeLines, MAX_CODES, prepare, rank, verify } from '../../src/labs/scoreboard.ts';
import { keepsWorkload } from '../../src/labs/workload-guard.ts';

/** Each lab test runs the engine (Kafka labs for a second or more): room for a loaded machine. */
const SLOW = 60_000;
const labsDir = join(import.meta.dirname, '..', '..', 'labs');
const resultOf = (scenario: ScenarioInput) => {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  return simulate(parsed.value);
};
const runOf = (lab: Lab, scenario: ScenarioInput) => measuredRun(lab, scenario, resultOf(scenario));

describe('the lab catalog', () => {
  it('holds every file in labs/, so a new lab cannot be forgotten', () => {
    const files = readdirSync(labsDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    expect(LAB_SOURCES.length).toBe(files.length);
    expect(LABS.map((l) => l.id).sort()).toEqual(files);
  });

  it('has at least four labs, numbered 1, 2, 3… in order', () => {
    expect(LABS.length).toBeGreaterThanOrEqual(4);
    expect(LABS.map((l) => l.number)).toEqual(LABS.map((_, i) => i + 1));
  });
});

describe.each(LABS.map((lab) => [lab.id, lab] as const))('lab %s', (_, lab) => {
  it('starts broken: the start fails the lab’s check', () => {
    const checked = checkScenario(lab, lab.start);
    expect(checked.ok && checked.submission.pass.met).toBe(false);
  }, SLOW);

  it.each(lab.steps.map((step, i) => [step.id, i] as const))('step %s: fails at its start and passes with its solution', (_, i) => {
    const step = lab.steps[i]!;
    const start = stepStart(lab, i);
    expect(judgeLabRun(lab, step.check, runOf(lab, start)).met).toBe(false);
    const solved = withKnobs(start, step.solution.change);
    const verdict = judgeLabRun(lab, step.check, runOf(lab, solved));
    expect(verdict.checks.filter((c) => !c.met).map((c) => c.text)).toEqual([]);
    expect(verdict.met).toBe(true);
  }, SLOW);

  it('passes with the documented solution of every step', () => {
    const checked = checkScenario(lab, solutionScenario(lab));
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.submission.pass.met).toBe(true);
  }, SLOW);

  it('refuses a run that changes the workload, naming the field', () => {
    const cheat = { ...solutionScenario(lab), seed: lab.start.seed + 1 };
    const verdict = keepsWorkload(lab.start, cheat, []);
    expect(verdict).toEqual({ ok: false, message: expect.stringContaining('seed') });
    expect(checkScenario(lab, cheat)).toEqual({ ok: false, message: expect.stringContaining('seed') });
  });

  it('gives a result code the scoreboard verifies by re-running it', () => {
    const scenario = solutionScenario(lab);
    const checked = checkScenario(lab, scenario);
    if (!checked.ok) throw new Error(checked.message);
    const code = encodeResult({ lab: lab.id, name: 'Ada', knobs: knobValues(lab, scenario), claim: checked.submission.rankValue! });
    const prepared = prepare(1, code);
    if (!prepared.ok) throw new Error(prepared.rejected.reason);
    const verdict = verify(1, code, prepared, resultOf(prepared.scenario));
    expect(verdict.ok).toBe(true);
    // A claim that the re-run does not measure is refused.
    const lying = encodeResult({ lab: lab.id, name: 'Ada', knobs: knobValues(lab, scenario), claim: checked.submission.rankValue! / 2 });
    const preparedLie = prepare(2, lying);
    if (!preparedLie.ok) throw new Error(preparedLie.rejected.reason);
    const refused = verify(2, lying, preparedLie, resultOf(preparedLie.scenario));
    expect(refused).toEqual({ ok: false, rejected: expect.objectContaining({ reason: expect.stringContaining('re-run measures') }) });
  }, SLOW);
});

describe('lab definitions are validated', () => {
  const base = LAB_SOURCES[0] as Record<string, unknown>;
  const steps = base['steps'] as Record<string, unknown>[];
  it('names an unknown knob, an unknown preset and a solution knob the step does not open', () => {
    const broken = {
      ...base,
      preset: 'no-such-preset',
      steps: [{ ...steps[0], knobs: ['Shards'], solution: { change: { BatchSize: 10 }, why: 'x' } }],
    };
    const parsed = parseLab(broken, LAB_PRESETS);
    expect(parsed.ok).toBe(false);
    const text = parsed.ok ? '' : parsed.problems.join('\n');
    expect(text).toContain('preset: "no-such-preset" is not a file in scenarios/');
    expect(text).toContain('steps[0].knobs[0]: "Shards" is not a knob');
    expect(text).toContain('steps[0].solution.change.BatchSize: the solution sets a knob the step does not open');
  });

  it('names a missing field', () => {
    const { goal: _goal, ...rest } = base;
    const parsed = parseLab(rest, LAB_PRESETS);
    expect(parsed.ok ? '' : parsed.problems.join('\n')).toMatch(/goal/);
  });
});

describe('result codes', () => {
  const payload = { lab: 'poison-pill', name: 'Grace H', knobs: { MaximumRetryAttempts: 2, BisectBatchOnFunctionError: 1 }, claim: 3828.3 };

  it('round-trip, with knobs in a fixed order', () => {
    const code = encodeResult(payload);
    expect(code).toMatch(/^SSL1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(decodeResult(code)).toEqual({ ok: true, payload: { ...payload, knobs: { BisectBatchOnFunctionError: 1, MaximumRetryAttempts: 2 } } });
    expect(encodeResult({ ...payload, knobs: { BisectBatchOnFunctionError: 1, MaximumRetryAttempts: 2 } })).toBe(code);
  });

  it('catch any one changed character with the checksum', () => {
    const code = encodeResult(payload);
    const body = code.slice(0, code.lastIndexOf('.'));
    for (let i = 5; i < body.length; i++) {
      const swapped = body[i] === 'A' ? 'B' : 'A';
      const tampered = `${body.slice(0, i)}${swapped}${body.slice(i + 1)}${code.slice(body.length)}`;
      expect(decodeResult(tampered)).toEqual({ ok: false, message: expect.stringContaining('checksum') });
    }
  });

  it('refuse junk with a sentence and never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const decoded = decodeResult(text);
        if (!decoded.ok) expect(decoded.message.length).toBeGreaterThan(5);
      }),
      { seed: 8, numRuns: 2000 },
    );
    // A well-formed code whose content is not a result.
    const body = `SSL1.${Buffer.from('{"lab":"x"}').toString('base64url')}`;
    expect(decodeResult(`${body}.${checksum(body)}`)).toEqual({ ok: false, message: expect.stringContaining('does not describe a result') });
  });
});

describe('the scoreboard', () => {
  it('reads the non-empty lines of a paste with their line numbers, and counts those beyond the limit', () => {
    expect(codeLines('  a  \r\n\n b\n')).toEqual({ lines: [{ line: 1, code: 'a' }, { line: 3, code: 'b' }], leftOver: 0 });
    const many = codeLines(Array.from({ length: MAX_CODES + 3 }, (_, i) => `c${i}`).join('\n'));
    expect(many.lines.length).toBe(MAX_CODES);
    expect(many.leftOver).toBe(3);
  });

  it('ranks each lab by its outcome and rejects codes for unknown labs or knobs', () => {
    const lab = LABS[0]!;
    const good = encodeResult({ lab: lab.id, name: 'A', knobs: {}, claim: 1 });
    expect(prepare(1, encodeResult({ lab: 'nope', name: 'A', knobs: {}, claim: 1 }))).toEqual({ ok: false, rejected: expect.objectContaining({ reason: expect.stringContaining('"nope"') }) });
    expect(prepare(1, encodeResult({ lab: lab.id, name: 'A', knobs: { Timeout: 3 }, claim: 1 }))).toEqual({ ok: false, rejected: expect.objectContaining({ reason: expect.stringContaining('"Timeout"') }) });
    expect(prepare(1, good).ok).toBe(true);
    const entry = (line: number, rankValue: number) => ({ line, name: `n${line}`, lab, rankValue, rankText: '', challengeMet: false, settings: '', code: '' });
    expect(rank([entry(1, 30), entry(2, 10), entry(3, 20)])[0]!.entries.map((e) => e.line)).toEqual([2, 3, 1]);
  });
});

describe('npm run sim -- check', () => {
  const lab = LABS.find((l) => l.id === 'poison-pill')!;
  const file = (name: string, scenario: unknown) => {
    const path = join(import.meta.dirname, '..', '..', 'test-results', name);
    writeFileSync(path, JSON.stringify(scenario));
    return path;
  };

  it('passes the solution (exit 0) and fails the broken start naming the failed condition (exit 1)', () => {
    const solution = checkLab(lab.id, file('lab-solution.json', JSON.parse(labScenario(lab.id, 'solution').text)));
    expect(solution.status).toBe(0);
    expect(solution.text).toMatch(/^PASS poison-pill/);
    const broken = checkLab(lab.id, file('lab-start.json', JSON.parse(labScenario(lab.id, 'start').text)));
    expect(broken.status).toBe(1);
    expect(broken.text).toMatch(/^FAIL poison-pill: Highest IteratorAge: .* needs at most 60,000 ms/);
  }, SLOW);

  it('says what is wrong with a bad lab id, a missing file and bad arguments', () => {
    expect(checkLab('nope', 'x.json')).toEqual({ status: 2, text: expect.stringContaining('"nope" is not a lab') });
    expect(checkLab(lab.id, '/no/such/file.json')).toEqual({ status: 2, text: expect.stringContaining('no such file') });
    expect(parseSimArgs(['check', 'poison-pill'])).toEqual({ ok: false, message: expect.stringContaining('needs a lab id and a scenario file') });
    expect(parseSimArgs(['check', 'poison-pill', 'a.json'])).toEqual({ ok: true, command: { kind: 'check', lab: 'poison-pill', scenarioPath: 'a.json' } });
  });
});
