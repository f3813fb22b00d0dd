/**
 * A priority queue of simulation events, ordered by time and then by the order in which
 * they were scheduled. The insertion sequence breaks ties, so two events at the same
 * instant always come out in the same order and runs stay deterministic.
 */
export class EventQueue<E> {
  private times: number[] = [];
  private seqs: number[] = [];
  private events: E[] = [];
  private nextSeq = 0;

  /** Number of events waiting. */
  get size(): number {
    return this.events.length;
  }

  /** Schedules `event` at simulated time `time` (seconds). */
  push(time: number, event: E): void {
    if (!Number.isFinite(time)) throw new RangeError(`event time must be finite, got ${time}`);
    this.times.push(time);
    this.seqs.push(this.nextSeq++);
    this.events.push(event);
    this.siftUp(this.events.length - 1);
  }

  /** Time of the earliest event, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.events.length === 0 ? Infinity : (this.times[0] as number);
  }

  /** Removes and returns the earliest event with its time, or undefined when empty. */
  pop(): { time: number; event: E } | undefined {
    const n = this.events.length;
    if (n === 0) return undefined;
    const time = this.times[0] as number;
    const event = this.events[0] as E;
    const last = n - 1;
    if (last > 0) this.move(last, 0);
    this.times.pop();
    this.seqs.pop();
    this.events.pop();
    if (last > 0) this.siftDown(0);
    return { time, event };
  }

  private before(a: number, b: number): boolean {
    const ta = this.times[a] as number;
    const tb = this.times[b] as number;
    return ta < tb || (ta === tb && (this.seqs[a] as number) < (this.seqs[b] as number));
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.events[to] = this.events[from] as E;
  }

  private swap(a: number, b: number): void {
    const t = this.times[a] as number;
    const s = this.seqs[a] as number;
    const e = this.events[a] as E;
    this.move(b, a);
    this.times[b] = t;
    this.seqs[b] = s;
    this.events[b] = e;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.events.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.before(left, smallest)) smallest = left;
      if (right < n && this.before(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
