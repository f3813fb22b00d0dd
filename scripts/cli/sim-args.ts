/**
 * Command-line arguments of `npm run sim`, parsed without side effects so they can be
 * tested. Every mistake is reported in one sentence that names the argument.
 */

export interface RunCommand {
  kind: 'run';
  scenarioPath: string;
  seed?: number;
  period?: number;
  json: boolean;
}

export interface HelpCommand {
  kind: 'help';
}

/** `test-pattern`: does one record pass a filter, as `aws events test-event-pattern` answers. */
export interface TestPatternCommand {
  kind: 'test-pattern';
  /** FilterCriteria, or one pattern, as JSON text. */
  pattern: string;
  /** The record as the filter sees it, as JSON text (for Kinesis: {"data": {…}} with the payload decoded). */
  event: string;
  source: 'kinesis' | 'kafka' | 'sqs';
}

/** `check`: does a scenario pass a lab, by the rules the lab page and the scoreboard use? */
export interface CheckCommand {
  kind: 'check';
  lab: string;
  scenarioPath: string;
}

/** `lab-scenario`: print a lab's broken starting scenario or its documented solution as JSON. */
export interface LabScenarioCommand {
  kind: 'lab-scenario';
  lab: string;
  which: 'start' | 'solution';
}

export type SimCommand = RunCommand | HelpCommand | TestPatternCommand | CheckCommand | LabScenarioCommand;

export const USAGE = `Usage:
  npm run sim -- <scenario.json> [--seed N] [--period S] [--json]
  npm run sim -- test-pattern --pattern '<FilterCriteria or pattern>' --event '<record>' [--source kinesis|kafka|sqs]

  <scenario.json>  a scenario file (see scenarios/ for examples)
  --seed N         use seed N instead of the scenario's (a whole number, 0 to 4294967295)
  --period S       metric period in seconds instead of the scenario's (1 to 60)
  --json           print the whole result as JSON and nothing else
  --help           show this help

  npm run sim -- check <lab-id> <scenario.json>
  npm run sim -- lab-scenario <lab-id> start|solution

  check            run the scenario and judge it by the lab's check (exit status 0 when it
                   passes, 1 when it does not, naming each condition that fails)
  lab-scenario     print the lab's broken starting scenario, or its documented solution
  test-pattern     print true or false: would the filter keep this record?
    --pattern      FilterCriteria ({"Filters":[{"Pattern":"…"}]}) or one pattern object, as JSON
    --event        the record as the filter sees it, as JSON (Kinesis: {"data": {…}})
    --source       the mapping's source (default kinesis): it decides the payload key`;

/** Parses the arguments after `npm run sim --`. */
export function parseSimArgs(argv: readonly string[]): { ok: true; command: SimCommand } | { ok: false; message: string } {
  if (argv[0] === 'test-pattern') return parseTestPattern(argv.slice(1));
  if (argv[0] === 'check') {
    const [lab, scenarioPath, extra] = argv.slice(1);
    if (lab === undefined || scenarioPath === undefined) return { ok: false, message: 'check: needs a lab id and a scenario file, e.g. npm run sim -- check poison-pill my-scenario.json' };
    if (extra !== undefined) return { ok: false, message: `check: ${JSON.stringify(extra)} is one argument too many (give a lab id and a scenario file)` };
    return { ok: true, command: { kind: 'check', lab, scenarioPath } };
  }
  if (argv[0] === 'lab-scenario') {
    const [lab, which, extra] = argv.slice(1);
    if (lab === undefined || (which !== 'start' && which !== 'solution') || extra !== undefined) {
      return { ok: false, message: `lab-scenario: needs a lab id and then start or solution (got ${JSON.stringify(argv.slice(1))})` };
    }
    return { ok: true, command: { kind: 'lab-scenario', lab, which } };
  }
  let scenarioPath: string | undefined;
  let seed: number | undefined;
  let period: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    switch (arg) {
      case '--help':
      case '-h':
        return { ok: true, command: { kind: 'help' } };
      case '--json':
        json = true;
        break;
      case '--seed': {
        const value = argv[++i];
        const n = wholeNumber(value);
        if (n === undefined || n > 4_294_967_295) return { ok: false, message: `--seed: ${show(value)} must be a whole number from 0 to 4294967295` };
        seed = n;
        break;
      }
      case '--period': {
        const value = argv[++i];
        const n = wholeNumber(value);
        if (n === undefined || n < 1 || n > 60) return { ok: false, message: `--period: ${show(value)} must be a whole number of seconds from 1 to 60` };
        period = n;
        break;
      }
      default:
        if (arg.startsWith('-')) return { ok: false, message: `${arg}: is not an option of sim (allowed: --seed, --period, --json, --help)` };
        if (scenarioPath !== undefined) return { ok: false, message: `${arg}: only one scenario file may be given (already have ${scenarioPath})` };
        scenarioPath = arg;
    }
  }
  if (scenarioPath === undefined) return { ok: false, message: 'a scenario file is required, e.g. npm run sim -- scenarios/kinesis-4-shards.json' };
  return { ok: true, command: { kind: 'run', scenarioPath, json, ...(seed === undefined ? {} : { seed }), ...(period === undefined ? {} : { period }) } };
}

function parseTestPattern(argv: readonly string[]): { ok: true; command: TestPatternCommand } | { ok: false; message: string } {
  let pattern: string | undefined;
  let event: string | undefined;
  let source: TestPatternCommand['source'] = 'kinesis';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    switch (arg) {
      case '--pattern':
        if (value === undefined) return { ok: false, message: '--pattern: missing, and must be a FilterCriteria or pattern as JSON' };
        pattern = value;
        i++;
        break;
      case '--event':
        if (value === undefined) return { ok: false, message: '--event: missing, and must be a record as JSON' };
        event = value;
        i++;
        break;
      case '--source':
        if (value !== 'kinesis' && value !== 'kafka' && value !== 'sqs') return { ok: false, message: `--source: ${show(value)} must be kinesis, kafka or sqs` };
        source = value;
        i++;
        break;
      default:
        return { ok: false, message: `${arg}: is not an option of test-pattern (allowed: --pattern, --event, --source)` };
    }
  }
  if (pattern === undefined) return { ok: false, message: '--pattern is required' };
  if (event === undefined) return { ok: false, message: '--event is required' };
  return { ok: true, command: { kind: 'test-pattern', pattern, event, source } };
}

function wholeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function show(value: string | undefined): string {
  return value === undefined ? 'missing, and' : JSON.stringify(value);
}
