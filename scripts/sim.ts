// `npm run sim`: runs a scenario file with the engine and prints a summary or the JSON result.
// Exit status: 0 on success, 2 on bad arguments or an invalid or too large scenario (never a stack trace).
import { readFileSync } from 'node:fs';
import { compileFilterCriteria, formatProblems, matches, parseJsonText, parseScenario, ScenarioError, simulate, type SimulationResult } from '../engine/index.ts';
import { parseSimArgs, USAGE } from './cli/sim-args.ts';
import { checkLab, labScenario } from './cli/lab-check.ts';
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

if (command.kind === 'check') {
  const outcome = checkLab(command.lab, command.scenarioPath);
  process.stdout.write(`${outcome.text}\n`);
  process.exit(outcome.status);
}

if (command.kind === 'lab-scenario') {
  const outcome = labScenario(command.lab, command.which);
  (outcome.status === 0 ? process.stdout : process.stderr).write(`${outcome.text}\n`);
  process.exit(outcome.status);
}

if (command.kind === 'test-pattern') {
  // Like `aws events test-event-pattern`: true or false on stdout, or why the filter would be rejected.
  // A whole FilterCriteria goes in as an object; a single pattern stays text, so its numbers
  // keep their written form.
  const criteria = parseJsonText(command.pattern);
  if (!criteria.ok) fail(`--pattern: is not valid JSON (${criteria.message} at character ${criteria.offset})`);
  const isCriteria = typeof criteria.value === 'object' && criteria.value !== null && 'Filters' in criteria.value;
  const compiled = compileFilterCriteria(isCriteria ? criteria.value : command.pattern, { source: command.source });
  if (!compiled.ok) fail(`--pattern: the filter is not valid:\n${formatProblems(compiled.problems)}`);
  // Numbers keep their written form (300 and 300.0 differ to Lambda's filters).
  const event = parseJsonText(command.event);
  if (!event.ok) fail(`--event: is not valid JSON (${event.message} at character ${event.offset})`);
  process.stdout.write(`${matches(compiled.filter, event.value)}\n`);
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

let result: SimulationResult;
try {
  result = simulate(checked.value);
} catch (error) {
  // A valid scenario that needs more than the engine's event budget.
  if (error instanceof ScenarioError) fail(`${command.scenarioPath}: ${error.message}`);
  throw error;
}
process.stdout.write(command.json ? `${JSON.stringify(result)}\n` : `${summaryText(result)}\n`);
