/**
 * The execution environments of one Lambda function.
 *
 * An environment serves one request at a time. A request takes an idle environment when
 * there is one (a warm start) and otherwise creates a new one (a cold start), unless the
 * concurrency limit is reached, in which case the request is throttled.
 */

/** What an environment is doing right now. */
export type EnvironmentState =
  | { kind: 'initializing'; busyUntil: number }
  | { kind: 'busy'; busyUntil: number }
  | { kind: 'idle'; idleSince: number }
  | { kind: 'reclaimed' };

export interface Environment {
  readonly id: number;
  state: EnvironmentState;
  /** Requests this environment has served, cold start included. */
  served: number;
}

/** How an arriving request was handled. */
export type Admission =
  | { kind: 'warm'; environment: Environment }
  | { kind: 'cold'; environment: Environment }
  | { kind: 'throttled' };

export class EnvironmentPool {
  readonly environments: Environment[] = [];
  /** Idle environments, most recently freed last: reuse takes from the end. */
  private idle: Environment[] = [];
  private live = 0;
  private inFlight = 0;

  /** @param concurrencyLimit the most environments that may exist at once. */
  constructor(private readonly concurrencyLimit: number) {}

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
    return this.idle.length;
  }

  /**
   * Admits a request arriving at `now` that runs for `durationS` seconds once started;
   * a cold start first spends `coldStartS` seconds initializing.
   */
  admit(now: number, durationS: number, coldStartS: number): Admission {
    const reused = this.idle.pop();
    if (reused) {
      reused.state = { kind: 'busy', busyUntil: now + durationS };
      reused.served++;
      this.inFlight++;
      return { kind: 'warm', environment: reused };
    }
    if (this.live >= this.concurrencyLimit) return { kind: 'throttled' };
    const environment: Environment = {
      id: this.environments.length,
      state: { kind: 'initializing', busyUntil: now + coldStartS + durationS },
      served: 1,
    };
    this.environments.push(environment);
    this.live++;
    this.inFlight++;
    return { kind: 'cold', environment };
  }

  /** Marks the end of an environment's cold start: it now runs the request's handler. */
  finishInit(environment: Environment): void {
    if (environment.state.kind !== 'initializing') return;
    environment.state = { kind: 'busy', busyUntil: environment.state.busyUntil };
  }

  /** Frees an environment whose request finished at `now`. */
  release(environment: Environment, now: number): void {
    const kind = environment.state.kind;
    if (kind !== 'busy' && kind !== 'initializing') {
      throw new Error(`environment ${environment.id} released while ${kind}`);
    }
    environment.state = { kind: 'idle', idleSince: now };
    this.inFlight--;
    this.idle.push(environment);
  }

  /**
   * Reclaims an environment that has been idle since `idleSince`, if it still is. Returns
   * false when the environment was reused in between, so the reclaim no longer applies.
   */
  reclaim(environment: Environment, idleSince: number): boolean {
    const state = environment.state;
    if (state.kind !== 'idle' || state.idleSince !== idleSince) return false;
    environment.state = { kind: 'reclaimed' };
    this.live--;
    const at = this.idle.indexOf(environment);
    if (at >= 0) this.idle.splice(at, 1);
    return true;
  }
}
