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

/** What an environment is doing right now. */
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
  /** While idle: since when. */
  idleSince: number;
  /** Requests this environment has served, cold start included. */
  served: number;
}

export class EnvironmentPool {
  /** Every environment ever created, by creation order (kept only when `keepHistory`). */
  readonly environments: Environment[] = [];
  /** Idle environments, oldest idle first; reuse takes the most recently freed (the end). */
  private idle: Environment[] = [];
  private idleHead = 0;
  private live = 0;
  private inFlight = 0;
  private created = 0;

  /**
   * @param idleLifetimeSeconds how long an idle environment is kept before it is reclaimed
   * @param keepHistory keep every environment for pictures of the pool (costs memory)
   */
  constructor(
    private readonly idleLifetimeSeconds: number,
    private readonly keepHistory = false,
  ) {}

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

  /** Environments created since the start. */
  get createdCount(): number {
    return this.created;
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
    }
    // Compact now and then so the array does not grow without bound.
    if (this.idleHead > 1024 && this.idleHead * 2 > this.idle.length) {
      this.idle = this.idle.slice(this.idleHead);
      this.idleHead = 0;
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
      idleSince: 0,
      served: 1,
    };
    if (this.keepHistory) this.environments.push(environment);
    this.live++;
    this.inFlight++;
    return environment;
  }

  /** Marks the end of an environment's cold start: it now runs the request's handler. */
  finishInit(environment: Environment): void {
    if (environment.kind === 'initializing') environment.kind = 'busy';
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
