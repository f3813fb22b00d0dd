/**
 * One run of the engine as the workbench asks for it: in a worker, or on the page when no
 * worker can run. The run advances in steps so that it can report progress; a scenario the
 * engine refuses, or one too large to simulate, comes back as its list of problems.
 */
import { createRun, ScenarioError, type SimulationResult, type ValidationProblem } from '../../engine/index.ts';

export interface RunRequest {
  scenario: unknown;
  /** Keep every invocation (for step-by-step views); costs memory on long runs. */
  trace?: boolean;
  /** Take a picture of the environments and lanes this often (simulated seconds), for playback. */
  frameEverySeconds?: number;
}

export type RunOutcome = { ok: true; result: SimulationResult } | { ok: false; problems: ValidationProblem[] };

/** Progress is reported at most this many times per run. */
const STEPS = 20;

export function runJob(request: RunRequest, progress: (fraction: number) => void = () => {}): RunOutcome {
  let run;
  try {
    run = createRun(request.scenario, {
      trace: request.trace === true,
      ...(request.frameEverySeconds !== undefined ? { frameEverySeconds: request.frameEverySeconds } : {}),
    });
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, problems: error.problems };
    throw error;
  }
  const end = (request.scenario as { durationSeconds: number }).durationSeconds;
  try {
    for (let step = 1; step <= STEPS && !run.done; step++) {
      run.advanceTo((end * step) / STEPS);
      progress(step / STEPS);
    }
    run.advanceTo(Infinity);
  } catch (error) {
    // A valid scenario that needs more than the engine's event budget: its problem says which fields to reduce.
    if (error instanceof ScenarioError) return { ok: false, problems: error.problems };
    throw error;
  }
  return { ok: true, result: run.snapshot() };
}

/** The outcome of a run the engine broke off with an unexpected error: the reader sees why. */
export function failedRun(error: unknown): RunOutcome {
  return { ok: false, problems: [{ path: '', value: '', allowed: '', message: `The simulation failed: ${error instanceof Error ? error.message : String(error)}` }] };
}
