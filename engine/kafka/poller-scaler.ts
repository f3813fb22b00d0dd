/**
 * How the mapping decides, at each one-minute evaluation, how many pollers a Kafka topic
 * gets. AWS documents when it decides (every minute, on the offset lag), that on demand it
 * scales "every 3 minutes" and within three minutes of an evaluation, and that throttles make
 * it remove pollers; not by how much it changes them. The rule below is the engine's
 * assumption (docs/engine.md), the same for every scenario and both modes.
 */

/** What the scaler sees at an evaluation, over the minute since the previous one. */
export interface ScalerView {
  /** Pollers it is working towards (the current count plus changes not yet in effect). */
  planned: number;
  /** Offset lag of the whole topic now. */
  lag: number;
  /**
   * The lag of a consumer that keeps up: the records that arrive during one batching window
   * and one invocation (input rate × (window + average duration)).
   */
  caughtUpLag: number;
  /** Average share of the pollers' invocation slots in use (0–1). */
  slotUse: number;
  /** Whether any invocation was throttled. */
  throttled: boolean;
}

export interface ScalerRule {
  /** Pollers added or removed per change. */
  step: number;
  /** Slot use at or above which the pollers are the bottleneck. */
  busyShare: number;
  /** Slot use below which a poller can go. */
  idleShare: number;
  /** A lag above this many times the caught-up lag is a backlog. */
  backlogFactor: number;
  minimum: number;
  maximum: number;
}

/**
 * The poller count to work towards after an evaluation: fewer when the function was
 * throttled (documented); more while a backlog waits and the pollers' slots are busy (adding
 * pollers helps only when they are what holds the records back); fewer when the slots are
 * mostly idle and no backlog waits; otherwise unchanged. Always within the bounds.
 */
export function nextPollers(view: ScalerView, rule: ScalerRule): number {
  const backlog = view.lag > rule.backlogFactor * view.caughtUpLag;
  let target = view.planned;
  if (view.throttled) target -= rule.step;
  else if (backlog && view.slotUse >= rule.busyShare) target += rule.step;
  else if (!backlog && view.slotUse < rule.idleShare) target -= rule.step;
  return Math.max(rule.minimum, Math.min(rule.maximum, target));
}
