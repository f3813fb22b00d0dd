/**
 * A scenario file judged as a submission to a lab, outside the page: `npm run sim -- check`
 * and the tests run it with the engine here. Apart from lab-check.ts, whose judging the lab
 * islands use without loading the engine's schema or run loop.
 */
import { parseScenario, ScenarioError, simulate, type SimulationResult } from '../../engine/index.ts';
import type { TaskRun } from '../chapters/task-conditions.ts';
import { judgeSubmission, measuredRun, type Submission } from './lab-check.ts';
import { labKnobs, type Lab } from './lab-definition.ts';
import { keepsWorkload } from './workload-guard.ts';

export type CheckedSubmission = ({ ok: true; submission: Submission } & { run: TaskRun }) | { ok: false; message: string };

/** Runs `scenario` with the engine and judges it as a submission to `lab` (the CLI and tests use this). */
export function checkScenario(lab: Lab, scenario: unknown): CheckedSubmission {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) return { ok: false, message: `the scenario is not valid: ${parsed.problems.map((p) => p.message).join('; ')}` };
  const guard = keepsWorkload(lab.start, parsed.value, labKnobs(lab));
  if (!guard.ok) return { ok: false, message: guard.message };
  let result: SimulationResult;
  try {
    result = simulate(parsed.value);
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, message: error.message.replace(/\n- /g, ' ') };
    throw error;
  }
  const run = measuredRun(lab, parsed.value, result);
  return { ok: true, submission: judgeSubmission(lab, run), run };
}
