// `npm run sim`: runs a scenario file with the engine and prints a summary or the JSON result.
// Exit status: 0 on success, 2 on bad arguments or an invalid scenario (never a stack trace).
import { readFileSync } from 'node:fs';
import { formatProblems, parseScenario, simulate } from '../engine/index.ts';
import { parseSimArgs, USAGE } from './cli/sim-args.ts';
import { summaryText } from './cli/summary-text.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const parsed = parseSimArgs(process.argv.slice(2));
if (!parsed.ok) fail(`${parsed.message}\n\n${USAGE}`);
const command = parsed.command;
if (command.kind === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

let text: string;
try {
  text = readFileSync(command.scenarioPath, 'utf8');
} catch (error) {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
  fail(`${command.scenarioPath}: cannot be read (${reason})`);
}

let input: unknown;
try {
  input = JSON.parse(text);
} catch (error) {
  fail(`${command.scenarioPath}: is not valid JSON (${(error as Error).message})`);
}

if (input && typeof input === 'object' && !Array.isArray(input)) {
  const raw = input as Record<string, unknown>;
  if (command.seed !== undefined) raw['seed'] = command.seed;
  if (command.period !== undefined) raw['metrics'] = { ...(raw['metrics'] as object | undefined), periodSeconds: command.period };
}

const checked = parseScenario(input);
if (!checked.ok) fail(`${command.scenarioPath}: the scenario is not valid:\n${formatProblems(checked.problems)}`);

const result = simulate(checked.value);
process.stdout.write(command.json ? `${JSON.stringify(result)}\n` : `${summaryText(result)}\n`);
