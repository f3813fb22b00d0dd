/**
 * `npm run sim -- check <lab-id> <scenario.json>` and `lab-scenario`: a lab's rules from the
 * command line, the same ones the lab page and the class scoreboard apply. Returns the text
 * and the exit status (0 passes, 1 does not pass, 2 bad input) so it can be tested.
 */
import { readFileSync } from 'node:fs';
import { findLab, LABS } from '../../src/labs/catalog.ts';
import { checkScenario } from '../../src/labs/lab-scenario-check.ts';
import { solutionScenario } from '../../src/labs/lab-definition.ts';

export interface CliOutcome {
  status: 0 | 1 | 2;
  text: string;
}

const unknownLab = (id: string): CliOutcome => ({ status: 2, text: `lab: "${id}" is not a lab; labs: ${LABS.map((l) => l.id).join(', ')}` });

/** Judges the scenario in `path` by lab `labId`'s check. */
export function checkLab(labId: string, path: string): CliOutcome {
  const lab = findLab(labId);
  if (!lab) return unknownLab(labId);
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { status: 2, text: `${path}: cannot be read as JSON (${reason})` };
  }
  const checked = checkScenario(lab, input);
  if (!checked.ok) return { status: 1, text: `FAIL ${lab.id}: ${checked.message}` };
  const { pass, challenge, rankText } = checked.submission;
  const lines = pass.checks.map((c) => `  ${c.met ? 'ok  ' : 'FAIL'} ${c.text}`);
  const extra = challenge.checks.map((c) => `  ${c.met ? 'ok  ' : 'no  '} ${c.text}`);
  const verdict = pass.met ? `PASS ${lab.id} (${rankText})` : `FAIL ${lab.id}: ${pass.checks.filter((c) => !c.met).map((c) => c.text).join('; ')}`;
  return {
    status: pass.met ? 0 : 1,
    text: [verdict, 'The lab’s check:', ...lines, `The challenge (${lab.challenge.goal})${challenge.met ? ': met' : ': not met'}`, ...extra].join('\n'),
  };
}

/** The lab's broken start or its documented solution, as scenario JSON. */
export function labScenario(labId: string, which: 'start' | 'solution'): CliOutcome {
  const lab = findLab(labId);
  if (!lab) return unknownLab(labId);
  return { status: 0, text: JSON.stringify(which === 'start' ? lab.start : solutionScenario(lab), null, 2) };
}
