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

export type SimCommand = RunCommand | HelpCommand;

export const USAGE = `Usage:
  npm run sim -- <scenario.json> [--seed N] [--period S] [--json]

  <scenario.json>  a scenario file (see scenarios/ for examples)
  --seed N         use seed N instead of the scenario's (a whole number, 0 to 4294967295)
  --period S       metric period in seconds instead of the scenario's (1 to 60)
  --json           print the whole result as JSON and nothing else
  --help           show this help`;

/** Parses the arguments after `npm run sim --`. */
export function parseSimArgs(argv: readonly string[]): { ok: true; command: SimCommand } | { ok: false; message: string } {
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

function wholeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function show(value: string | undefined): string {
  return value === undefined ? 'missing, and' : JSON.stringify(value);
}
