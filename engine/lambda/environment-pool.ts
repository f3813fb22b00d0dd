/**
 * The execution environments of one Lambda function.
 *
 * An environment serves one request at a time. A request takes an idle environment when
 * there is one (a warm start) and otherwise needs a new one (a cold start). Whether a new
 * one may be created (concurrency limits, scaling rate) is decided by the caller.
 *
 * Idle environments are reclaimed lazily: the idle list is ordered by the time each became
 * idle, so before any decision the pool drops those idle for longer than their lifetime.
 * The result is the same as a reclaim event per environment, without the events.
 */

/**
 * What an environment is doing right now. `initializing` lasts for its whole first request
 * (Init, then the handler): the runs spend no event on the end of Init, and a picture tells
 * the two apart by `initUntil`.
 */
export type EnvironmentKind = 'initializing' | 'busy' | 'idle' | 'reclaimed';

/**
 * One execution environment. The pool changes its fields in place rather than giving it a
 * new state object each time: a run changes them hundreds of thousands of times.
 */
export interface Environment {
  readonly id: number;
  kind: EnvironmentKind;
  /** While initializing or busy: when its current request ends. */
  busyUntil: number;
  /** When its Init phase ends (its creation time plus the cold start). */
  readonly initUntil: number;
  /** While idle: since when. */
  idleSince: number;
  /** Requests this environment has served, cold start included. */
  served: number;
}

/**
 * Which environments the pool keeps a list of, for pictures of it: none (the default: a run
 * that takes no pictures pays nothing), or the ones not yet reclaimed.
 */
export type EnvironmentHistory = 'none' | 'live';

/** Most environments one picture shows one by one; its counts always cover them all. */
export const MAX_PICTURED_ENVIRONMENTS = 1_000;

/** Reclaimed environments the `live` list may hold before it is compacted. */
const COMPACT_AFTER = 1_024;

export class EnvironmentPool {
  /** Environments by creation order, as `history` asks (none, or the live ones). */
  private kept: Environment[] = [];
  /** Reclaimed environments still in `kept`, until it is compacted. */
  private reclaimedKept = 0;
  /** Idle environments, oldest idle first; reuse takes the most recently freed (the end). */
  private idle: Environment[] = [];
  private idleHead = 0;
  private live = 0;
  private inFlight = 0;
  private created = 0;

  /**
   * @param idleLifetimeSeconds how long an idle environment is kept before it is reclaimed
   * @param history which environments to keep a list of, for pictures of the pool (costs memory)
   */
  constructor(
    private readonly idleLifetimeSeconds: number,
    readonly history: EnvironmentHistory = 'none',
  ) {}

  /** The environments kept for pictures, by creation order (empty with history `none`). */
  get environments(): readonly Environment[] {
    return this.kept;
  }

  /** Requests being served (environments initializing or busy). */
  get concurrency(): number {
    return this.inFlight;
  }

  /** Environments that exist, busy or idle. */
  get liveCount(): number {
    return this.live;
  }

  /** Environments waiting, frozen, for their next request. */
  get idleCount(): number {
    return this.idle.length - this.idleHead;
  }

  /** Reclaims every environment that has been idle for its whole lifetime by `now`. */
  reclaimIdle(now: number): void {
    const cutoff = now - this.idleLifetimeSeconds;
    while (this.idleHead < this.idle.length) {
      const oldest = this.idle[this.idleHead] as Environment;
      if (oldest.kind !== 'idle' || oldest.idleSince > cutoff) break;
      oldest.kind = 'reclaimed';
      this.idleHead++;
      this.live--;
      if (this.history !== 'none') this.reclaimedKept++;
    }
    // Compact now and then so the arrays do not grow without bound.
    if (this.idleHead > 1024 && this.idleHead * 2 > this.idle.length) {
      this.idle = this.idle.slice(this.idleHead);
      this.idleHead = 0;
    }
    if (this.reclaimedKept > COMPACT_AFTER && this.reclaimedKept * 2 > this.kept.length) {
      this.kept = this.kept.filter((e) => e.kind !== 'reclaimed');
      this.reclaimedKept = 0;
    }
  }

  /** Takes the most recently freed idle environment for a request at `now`, if any (a warm start). */
  reuse(now: number, durationS: number): Environment | undefined {
    this.reclaimIdle(now);
    if (this.idle.length === this.idleHead) return undefined;
    const environment = this.idle.pop() as Environment;
    environment.kind = 'busy';
    environment.busyUntil = now + durationS;
    environment.served++;
    this.inFlight++;
    return environment;
  }

  /** Creates an environment for a request at `now` (a cold start): it initializes, then runs. */
  create(now: number, durationS: number, coldStartS: number): Environment {
    const environment: Environment = {
      id: this.created++,
      kind: 'initializing',
      busyUntil: now + coldStartS + durationS,
      initUntil: now + coldStartS,
      idleSince: 0,
      served: 1,
    };
    if (this.history !== 'none') this.kept.push(environment);
    this.live++;
    this.inFlight++;
    return environment;
  }

  /** Frees an environment whose request finished at `now`. */
  release(environment: Environment, now: number): void {
    const kind = environment.kind;
    if (kind !== 'busy' && kind !== 'initializing') {
      throw new Error(`environment ${environment.id} released while ${kind}`);
    }
    environment.kind = 'idle';
    environment.idleSince = now;
    this.inFlight--;
    this.idle.push(environment);
  }
}

/** What the environments of a pool are doing at one instant. */
export interface EnvironmentPicture {
  /** Environments in their Init phase (a cold start) with a request waiting on them. */
  initializing: number;
  /** Environments running a request's handler. */
  active: number;
  /** Environments frozen, waiting for a request. */
  idle: number;
  /**
   * One character per environment not yet reclaimed, by creation order: `c` initializing,
   * `a` active, `i` idle; at most MAX_PICTURED_ENVIRONMENTS of them. The counts above always
   * cover every environment.
   */
  states: string;
}

/**
 * Pictures the pool at `t`, which must not be earlier than the last change made to it. The
 * pool must keep a history (`live`). Reclaiming is lazy, so the environments idle
 * for their whole lifetime by `t` are reclaimed first; that is what any later decision would
 * do anyway, so taking a picture never changes how a run goes on.
 */
export function pictureEnvironments(pool: EnvironmentPool, t: number): EnvironmentPicture {
  pool.reclaimIdle(t);
  let initializing = 0;
  let pictured = 0;
  let states = '';
  for (const environment of pool.environments) {
    let state: string;
    switch (environment.kind) {
      case 'initializing':
      case 'busy':
        // The runs do not spend an event on the end of Init: the time tells.
        if (environment.initUntil > t) {
          initializing++;
          state = 'c';
        } else state = 'a';
        break;
      case 'idle':
        state = 'i';
        break;
      case 'reclaimed':
        continue;
    }
    if (pictured < MAX_PICTURED_ENVIRONMENTS) {
      states += state;
      pictured++;
    }
  }
  return { initializing, active: pool.concurrency - initializing, idle: pool.idleCount, states };
}
