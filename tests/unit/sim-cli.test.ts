import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimArgs } from '../../scripts/cli/sim-args.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

function sim(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sim arguments', () => {
  it('reads a scenario path and the options', () => {
    expect(parseSimArgs(['a.json', '--seed', '7', '--json', '--period', '10'])).toEqual({
      ok: true,
      command: { kind: 'run', scenarioPath: 'a.json', seed: 7, period: 10, json: true },
    });
  });

  it('names the argument and what is allowed when one is wrong', () => {
    expect(parseSimArgs(['a.json', '--seed', '-1'])).toEqual({ ok: false, message: '--seed: "-1" must be a whole number from 0 to 4294967295' });
    expect(parseSimArgs(['a.json', '--period', '61'])).toEqual({ ok: false, message: '--period: "61" must be a whole number of seconds from 1 to 60' });
    expect(parseSimArgs(['a.json', '--period'])).toEqual({ ok: false, message: '--period: missing, and must be a whole number of seconds from 1 to 60' });
    expect(parseSimArgs(['--fast'])).toMatchObject({ ok: false, message: expect.stringMatching(/^--fast: is not an option/) });
    expect(parseSimArgs([])).toMatchObject({ ok: false, message: expect.stringMatching(/scenario file is required/) });
    expect(parseSimArgs(['a.json', 'b.json'])).toMatchObject({ ok: false, message: expect.stringMatching(/only one scenario file/) });
  });
});

describe('test-pattern arguments', () => {
  it('reads the pattern, the event and the source', () => {
    expect(parseSimArgs(['test-pattern', '--pattern', '{}', '--event', '{"a":1}', '--source', 'kafka'])).toEqual({
      ok: true,
      command: { kind: 'test-pattern', pattern: '{}', event: '{"a":1}', source: 'kafka' },
    });
    expect(parseSimArgs(['test-pattern', '--event', '{}'])).toEqual({ ok: false, message: '--pattern is required' });
    expect(parseSimArgs(['test-pattern', '--pattern', '{}', '--source', 'sns'])).toEqual({ ok: false, message: '--source: "sns" must be kinesis, kafka or sqs' });
  });
});

describe('npm run sim -- test-pattern', () => {
  const telemetry = '{ "data": { "fleet_id": ["fleet-452"], "tire_pressure": [{ "numeric": ["<", 32] }] } }';

  it('prints true for a record the filter keeps and false for one it drops', () => {
    expect(sim('test-pattern', '--pattern', telemetry, '--event', '{"data":{"fleet_id":"fleet-452","tire_pressure":30,"speed":88}}')).toMatchObject({ status: 0, stdout: 'true\n' });
    expect(sim('test-pattern', '--pattern', telemetry, '--event', '{"data":{"fleet_id":"fleet-452","tire_pressure":35}}')).toMatchObject({ status: 0, stdout: 'false\n' });
  }, 30_000);

  it('takes a whole FilterCriteria, and compares plain numbers by their written form', () => {
    const criteria = JSON.stringify({ Filters: [{ Pattern: '{"data":{"rpm":[300]}}' }, { Pattern: '{"data":{"fleet_id":[{"prefix":"fleet-9"}]}}' }] });
    expect(sim('test-pattern', '--pattern', criteria, '--event', '{"data":{"fleet_id":"fleet-900"}}')).toMatchObject({ status: 0, stdout: 'true\n' });
    expect(sim('test-pattern', '--pattern', '{"data":{"rpm":[300]}}', '--event', '{"data":{"rpm":300.0}}')).toMatchObject({ status: 0, stdout: 'false\n' });
  }, 30_000);

  it('exits with status 2 and names the filter, the path and why for a pattern AWS would reject', () => {
    const { status, stdout, stderr } = sim('test-pattern', '--pattern', '{ "data": { "speed": [{ "wildcard": "1*" }] } }', '--event', '{}');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Filters[0].Pattern: data.speed: "wildcard" is not a supported operator');
  }, 30_000);
});

describe('npm run sim', () => {
  it('runs the documented example and prints only JSON with --json', () => {
    const { status, stdout } = sim('scenarios/kinesis-4-shards.json', '--json');
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.scenario.name).toBe('kinesis-4-shards');
    for (const key of ['producedRecords', 'writeThrottledRecords', 'writtenRecords', 'processedRecords', 'filteredOutRecords', 'droppedRecords', 'destinationRecords', 'backlogRecords', 'invocations', 'throttles', 'maxConcurrency', 'maxIteratorAgeMs']) {
      expect(result.summary).toHaveProperty(key);
    }
    expect(Object.keys(result.metrics)).toEqual(['AWS/Lambda', 'AWS/Kinesis']);
  }, 30_000);

  it('prints a readable summary by default, and --seed changes the traffic', () => {
    const a = sim('scenarios/kinesis-4-shards.json');
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/^kinesis-4-shards — 600 s simulated, seed 42/);
    expect(a.stdout).toContain('write-throttled');
    const b = sim('scenarios/kinesis-4-shards.json', '--seed', '43');
    expect(b.stdout).toMatch(/seed 43/);
    expect(b.stdout).not.toBe(a.stdout);
  }, 30_000);

  it('prints the itemised bill with its monthly projection', () => {
    const run = sim('scenarios/filtering-iot-esm.json');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Cost \(us-east-1, prices of \d{4}-\d{2}-\d{2}; month of 31 days/);
    expect(run.stdout).toMatch(/AWS Lambda: Requests\s+[\d,]+ requests\s+\$[\d.,]+\s+\$1\.\d\d/);
    expect(run.stdout).toMatch(/AWS Lambda subtotal\s+\$1[45]\.\d\d/);
    expect(run.stdout).toMatch(/filtered out\s+9\d,\d{3}/);
    // Like the other CLI tests: a new Node process with tsx, slow to start on a busy machine.
  }, 30_000);

  it('exits with status 2 and the list of problems for an invalid scenario, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'bad', durationSeconds: 60, source: { type: 'kinesis', ShardCount: 1 }, producer: { rate: [{ at: 0, recordsPerSecond: 1 }], recordSizeBytes: 10 }, eventSourceMapping: { ParallelizationFactor: 12 }, function: { duration: { baseMs: 1 } } }));
    const { status, stdout, stderr } = sim(file);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('eventSourceMapping.ParallelizationFactor: 12 must be a whole number from 1 to 10');
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  }, 30_000);

  it('exits with status 2 for a missing file and for a file that is not JSON', () => {
    expect(sim('no-such-file.json')).toMatchObject({ status: 2, stderr: expect.stringContaining('no-such-file.json: cannot be read (no such file)') });
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "name": ');
    expect(sim(file)).toMatchObject({ status: 2, stderr: expect.stringContaining('is not valid JSON') });
  }, 30_000);
});
