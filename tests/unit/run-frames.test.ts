import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createRun,
  MAX_PICTURED_ENVIRONMENTS,
  MAX_PICTURED_LANES,
  MAX_RUN_FRAMES,
  simulate,
  type RunFrame,
  type ScenarioInput,
  type SimulationResult,
} from '../../engine/index.ts';
import { kinesisScenario } from './support/scenarios.ts';

const load = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));
const count = (text: string, c: string) => [...text].filter((x) => x === c).length;

/** Checks what every frame of a stream run must say, whatever the scenario. */
function expectConsistentFrames(result: SimulationResult, lanes: number): void {
  const frames = result.frames!;
  for (const frame of frames) {
    const { busyLanes, waitingLanes } = frame;
    expect(busyLanes).toBeLessThanOrEqual(lanes);
    expect(busyLanes + waitingLanes).toBeLessThanOrEqual(lanes);
    expect(frame.lanes).toHaveLength(Math.min(lanes, MAX_PICTURED_LANES));
    expect(frame.lanes).toMatch(/^[bw.]*$/);
    if (lanes <= MAX_PICTURED_LANES) {
      expect(count(frame.lanes, 'b')).toBe(busyLanes);
      expect(count(frame.lanes, 'w')).toBe(waitingLanes);
    }
    const e = frame.environments;
    // Each lane with an invocation in flight holds one environment, initializing or active.
    expect(e.active + e.initializing).toBe(busyLanes);
    expect(e.states).toMatch(/^[aci]*$/);
    const live = e.active + e.initializing + e.idle;
    expect(e.states).toHaveLength(Math.min(live, MAX_PICTURED_ENVIRONMENTS));
    if (live <= MAX_PICTURED_ENVIRONMENTS) {
      expect([count(e.states, 'a'), count(e.states, 'c'), count(e.states, 'i')]).toEqual([e.active, e.initializing, e.idle]);
    }
  }
}

/** The result without its frames, as JSON. */
function withoutFrames(result: SimulationResult): string {
  const { frames, ...rest } = result;
  expect(frames).toBeDefined();
  return JSON.stringify(rest);
}

describe('pictures of a Kinesis run', () => {
  const scenario = load('kinesis-4-shards');
  const plain = simulate(scenario);
  const framed = simulate(scenario, { frameEverySeconds: 5 });

  it('are absent without the option, and change nothing else when asked for', () => {
    expect(plain.frames).toBeUndefined();
    expect('frames' in plain).toBe(false);
    expect(withoutFrames(framed)).toBe(JSON.stringify(plain));
  });

  it('are taken at 0, f, 2f, … up to the end, and agree with themselves', () => {
    expect(framed.frames!.map((f) => f.t)).toEqual(Array.from({ length: scenario.durationSeconds / 5 + 1 }, (_, k) => k * 5));
    expect(framed.frames![0]).toEqual({ t: 0, environments: { initializing: 0, active: 0, idle: 0, states: '' }, lanes: '........', busyLanes: 0, waitingLanes: 0 });
    expectConsistentFrames(framed, 8);
    expect(framed.frames!.some((f) => f.busyLanes > 0 && f.waitingLanes > 0)).toBe(true);
  });

  it('show the in-flight invocations that ConcurrentExecutions measured in that period', () => {
    const concurrency = framed.metrics['AWS/Lambda']!.ConcurrentExecutions!;
    const period = scenario.metrics?.periodSeconds ?? 60;
    for (const frame of framed.frames!.slice(1, -1)) {
      const p = Math.floor(frame.t / period);
      // Just before any event at t: at a period's start, the value may still be the last one of the period before.
      const candidates = [concurrency[p]!, ...(frame.t % period === 0 && p > 0 ? [concurrency[p - 1]!] : [])];
      expect(frame.busyLanes).toBeGreaterThanOrEqual(Math.min(...candidates.map((d) => d.Minimum!)));
      expect(frame.busyLanes).toBeLessThanOrEqual(Math.max(...candidates.map((d) => d.Maximum!)));
    }
  });

  it('come out the same however the run is advanced', () => {
    const run = createRun(scenario, { frameEverySeconds: 5 });
    for (let t = 3.3; !run.done; t += 17.1) run.advanceTo(t);
    expect(JSON.stringify(run.snapshot())).toBe(JSON.stringify(framed));
  });

  it('are byte-identical for the same scenario and seed', () => {
    expect(JSON.stringify(simulate(scenario, { frameEverySeconds: 5 }))).toBe(JSON.stringify(framed));
  });

  it('cap the lanes and environments drawn, but count them all', () => {
    const wide = load('lambda-scaling-rate');
    const result = simulate(wide, { frameEverySeconds: 30 });
    const last = result.frames!.at(-1)!;
    expect(last.lanes).toHaveLength(MAX_PICTURED_LANES);
    expect(last.busyLanes).toBeGreaterThan(MAX_PICTURED_LANES);
    expect(last.environments.states).toHaveLength(MAX_PICTURED_ENVIRONMENTS);
    expect(last.environments.active + last.environments.initializing).toBe(last.busyLanes);
    expectConsistentFrames(result, 3_000);
  });

  it('show a lane holding its records through a batching window, a throttle and a retry', () => {
    const result = simulate(kinesisScenario({ function: { ReservedConcurrentExecutions: 0 } }), { frameEverySeconds: 1 });
    // Nothing may run: every lane holds its records and waits.
    expect(result.frames!.slice(2).every((f) => f.waitingLanes === 1 && f.busyLanes === 0)).toBe(true);
    const windowed = simulate(kinesisScenario({ eventSourceMapping: { MaximumBatchingWindowInSeconds: 5, BatchSize: 10_000 } }), { frameEverySeconds: 0.5 });
    expect(count(windowed.frames!.map((f) => f.lanes).join(''), 'w')).toBeGreaterThan(windowed.frames!.length / 2);
  });
});

describe('pictures of a Kafka run', () => {
  const scenario = load('kafka-spike-provisioned');
  const framed = simulate(scenario, { frameEverySeconds: 60 });

  it('change nothing else, and draw one character per partition', () => {
    expect(withoutFrames(framed)).toBe(JSON.stringify(simulate(scenario)));
    expectConsistentFrames(framed, 100);
  });

  it('give the pollers serving the topic just before t', () => {
    const changes = framed.pollers!;
    const pollersBefore = (frame: RunFrame) => changes.filter((c) => c.t < frame.t || c.t === 0).at(-1)!.pollers;
    for (const frame of framed.frames!) expect(frame.pollers).toBe(pollersBefore(frame));
    expect(new Set(framed.frames!.map((f) => f.pollers)).size).toBeGreaterThan(1);
  });
});

describe('the frameEverySeconds option', () => {
  const scenario = kinesisScenario();

  it('is refused, naming it, when it is not a finite number of at least 0.1 s', () => {
    for (const bad of [0, 0.05, -1, Number.NaN, Number.POSITIVE_INFINITY, '2' as unknown as number]) {
      expect(() => createRun(scenario, { frameEverySeconds: bad })).toThrow(/^frameEverySeconds: .* must be a finite number of simulated seconds, at least 0\.1$/);
    }
  });

  it('is refused when it would take more pictures than a run may hold', () => {
    const long = kinesisScenario({ durationSeconds: 86_400 });
    expect(() => createRun(long, { frameEverySeconds: 0.1 })).toThrow(new RegExp(`^frameEverySeconds: 0\\.1 gives 864,001 pictures .* at most ${MAX_RUN_FRAMES.toLocaleString('en-US')}`));
  });

  it('gives times free of floating-point drift', () => {
    const short = kinesisScenario({ durationSeconds: 3 });
    const times = simulate(short, { frameEverySeconds: 0.1 }).frames!.map((f) => f.t);
    expect(times).toHaveLength(31);
    expect(times[3]).toBe(0.3);
    expect(times.at(-1)).toBe(3);
    const odd = simulate(short, { frameEverySeconds: 0.7 }).frames!.map((f) => f.t);
    expect(odd).toEqual([0, 0.7, 1.4, 2.1, 2.8]);
  });
});

describe('pictures of a requests run', () => {
  it('leave reclaimed environments out, so a pool left idle empties', () => {
    // 20 requests/s of 200 ms until 0:30, then none: the environments idle for 5 s are reclaimed.
    const scenario: ScenarioInput = {
      name: 'requests-then-quiet',
      seed: 3,
      durationSeconds: 60,
      source: { type: 'requests' },
      producer: { rate: [{ at: 0, recordsPerSecond: 20 }, { at: 30, recordsPerSecond: 0 }], recordSizeBytes: 100 },
      function: { duration: { baseMs: 200, perRecordMs: 0 } },
      assumptions: { idleLifetimeSeconds: 5 },
    };
    const result = simulate(scenario, { frameEverySeconds: 1 });
    const frames = result.frames!;
    for (const frame of frames) {
      const e = frame.environments;
      expect(e.states).toMatch(/^[aci]*$/);
      expect([count(e.states, 'a'), count(e.states, 'c'), count(e.states, 'i')]).toEqual([e.active, e.initializing, e.idle]);
    }
    const at = (t: number) => frames.find((f) => f.t === t)!.environments;
    // Just after the last requests, their environments wait idle; once idle for 5 s, they are gone.
    expect(at(31).idle).toBeGreaterThan(0);
    expect(at(31).active + at(31).initializing).toBe(0);
    expect(at(36)).toEqual({ initializing: 0, active: 0, idle: 0, states: '' });
    expect(frames.at(-1)!.environments.states).toBe('');
  });
});
