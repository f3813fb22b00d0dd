/**
 * Pictures of a run for playback (`frameEverySeconds`): when to take them, and how a run's
 * lanes are drawn. The environments are drawn by `pictureEnvironments` in
 * lambda/environment-pool.ts, the one implementation every run shares.
 */
import type { RunFrame } from './result.ts';

/** Most lanes (Kinesis lanes or Kafka partitions) one picture shows one by one; its counts cover them all. */
export const MAX_PICTURED_LANES = 1_000;

/** Shortest spacing of pictures, in simulated seconds. */
export const MIN_FRAME_SECONDS = 0.1;

/** Most pictures one run may take, so that a small spacing on a long run cannot exhaust memory. */
export const MAX_RUN_FRAMES = 100_000;

/**
 * Checks the `frameEverySeconds` option of a run of `durationSeconds`, throwing an Error that
 * names the option when it cannot be used.
 */
export function checkFrameSpacing(frameEverySeconds: unknown, durationSeconds: number): number {
  if (typeof frameEverySeconds !== 'number' || !Number.isFinite(frameEverySeconds) || frameEverySeconds < MIN_FRAME_SECONDS) {
    throw new RangeError(`frameEverySeconds: ${String(frameEverySeconds)} must be a finite number of simulated seconds, at least ${MIN_FRAME_SECONDS}`);
  }
  const count = Math.floor(durationSeconds / frameEverySeconds + 1e-9) + 1;
  if (count > MAX_RUN_FRAMES) {
    throw new RangeError(
      `frameEverySeconds: ${frameEverySeconds} gives ${count.toLocaleString('en-US')} pictures of a ${durationSeconds.toLocaleString('en-US')}-second run; a run takes at most ${MAX_RUN_FRAMES.toLocaleString('en-US')} (use at least ${Math.ceil((durationSeconds / (MAX_RUN_FRAMES - 1)) * 10) / 10} s)`,
    );
  }
  return frameEverySeconds;
}

/**
 * The times pictures are due: t = 0, f, 2f, … up to the end, each computed as k × f and
 * rounded to the microsecond, so 0.1-second spacing gives 0.3 and never 0.30000000000000004.
 */
export class FrameSchedule {
  readonly frames: RunFrame[] = [];
  /** When the next picture is due; Infinity once every picture has been taken. */
  next = 0;
  private index = 0;

  constructor(
    private readonly every: number,
    private readonly end: number,
  ) {}

  /** Takes, with `picture`, every picture due at or before `t` (and not after the end). */
  takeUntil(t: number, picture: (at: number) => RunFrame): void {
    while (this.next <= t) {
      this.frames.push(picture(this.next));
      this.index++;
      const next = roundTime(this.index * this.every);
      this.next = next <= this.end + 1e-9 ? Math.min(next, this.end) : Infinity;
    }
  }
}

/**
 * Draws lanes into a frame's `lanes`, `busyLanes` and `waitingLanes`: `stateOf` gives each
 * lane's character (`b`, `w` or `.`); every lane is counted, the first MAX_PICTURED_LANES drawn.
 */
export function pictureLanes<L>(lanes: readonly L[], stateOf: (lane: L) => 'b' | 'w' | '.'): Pick<RunFrame, 'lanes' | 'busyLanes' | 'waitingLanes'> {
  let drawn = '';
  let busyLanes = 0;
  let waitingLanes = 0;
  for (let i = 0; i < lanes.length; i++) {
    const state = stateOf(lanes[i] as L);
    if (state === 'b') busyLanes++;
    else if (state === 'w') waitingLanes++;
    if (i < MAX_PICTURED_LANES) drawn += state;
  }
  return { lanes: drawn, busyLanes, waitingLanes };
}

/** Keeps picture times free of floating-point drift. */
function roundTime(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}
