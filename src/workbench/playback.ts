/**
 * Playback of a finished run: a moment in simulated time that moves at a chosen speed, can
 * be stepped and scrubbed, and the engine's picture of the run at that moment. The engine
 * is deterministic, so replaying a finished run shows exactly what running it live would.
 * Pure: the island owns the clock (requestAnimationFrame) and calls these.
 */
import type { RunFrame } from '../../engine/index.ts';

/** Simulated seconds per wall-clock second. */
export const SPEEDS = [1, 10, 60, 300, 1_000] as const;
export type Speed = (typeof SPEEDS)[number];
export const DEFAULT_SPEED: Speed = 60;

/** Frame spacings the engine is asked for, smallest first. */
const FRAME_STEPS = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600];
/** Most pictures of a run: enough to scrub smoothly, few enough to send from the worker quickly. */
export const MAX_FRAMES = 300;

/** The spacing of the engine's pictures (and of one Step) for a run of `durationSeconds`. */
export function frameStep(durationSeconds: number): number {
  return FRAME_STEPS.find((step) => durationSeconds / step <= MAX_FRAMES) ?? FRAME_STEPS.at(-1)!;
}

/** Where playback is after `wallSeconds` at `speed`, stopping at the end. */
export function advance(moment: number, wallSeconds: number, speed: number, end: number): number {
  return Math.min(end, moment + Math.max(0, wallSeconds) * speed);
}

/** One step forward (+1) or back (−1): to the next frame boundary in that direction. */
export function step(moment: number, direction: 1 | -1, spacing: number, end: number): number {
  const index = moment / spacing;
  const next = direction > 0 ? Math.floor(index + 1e-9) + 1 : Math.ceil(index - 1e-9) - 1;
  return Math.min(end, Math.max(0, next * spacing));
}

/** The latest picture taken at or before `moment` (the run's state at that instant). */
export function frameAt(frames: readonly RunFrame[], moment: number): RunFrame | undefined {
  let lo = 0;
  let hi = frames.length - 1;
  let found: RunFrame | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const frame = frames[mid]!;
    if (frame.t <= moment + 1e-9) {
      found = frame;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the metric period that holds `moment` (the last period holds the run's end). */
export function periodIndex(moment: number, periodSeconds: number, periods: number): number {
  return Math.max(0, Math.min(periods - 1, Math.floor(moment / periodSeconds + 1e-9)));
}
