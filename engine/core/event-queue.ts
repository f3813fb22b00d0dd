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
  private lastSeq = -1;

  /** Number of events waiting. */
  get size(): number {
    return this.events.length;
  }

  /**
   * Schedules `event` at simulated time `time` (seconds). Returns the entry's sequence
   * number, which `poppedSeq` gives back when it comes out: a caller that reuses one event
   * object for several entries can tell them apart by it.
   */
  push(time: number, event: E): number {
    if (!Number.isFinite(time)) throw new RangeError(`event time must be finite, got ${time}`);
    const seq = this.nextSeq++;
    this.times.push(time);
    this.seqs.push(seq);
    this.events.push(event);
    this.siftUp(this.events.length - 1);
    return seq;
  }

  /** Sequence number of the entry last removed by `pop` or `popEvent` (-1 before any). */
  get poppedSeq(): number {
    return this.lastSeq;
  }

  /** Time of the earliest event, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.events.length === 0 ? Infinity : (this.times[0] as number);
  }

  /** Removes and returns the earliest event with its time, or undefined when empty. */
  pop(): { time: number; event: E } | undefined {
    if (this.events.length === 0) return undefined;
    const time = this.times[0] as number;
    return { time, event: this.popEvent() };
  }

  /**
   * Removes and returns the earliest event; read its time with `peekTime()` first. The
   * allocation-free form of `pop` for hot loops. Throws when the queue is empty.
   */
  popEvent(): E {
    const n = this.events.length;
    if (n === 0) throw new Error('popEvent on an empty queue');
    const event = this.events[0] as E;
    this.lastSeq = this.seqs[0] as number;
    const time = this.times.pop() as number;
    const seq = this.seqs.pop() as number;
    const moved = this.events.pop() as E;
    if (n > 1) {
      // The last entry fills the root's place, then sinks to where it belongs.
      this.times[0] = time;
      this.seqs[0] = seq;
      this.events[0] = moved;
      this.siftDown(0);
    }
    return event;
  }

  /** Moves the entry at `i` up to its place, shifting parents down into the hole it leaves. */
  private siftUp(i: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const events = this.events;
    const time = times[i] as number;
    const seq = seqs[i] as number;
    const event = events[i] as E;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < time || (pt === time && (seqs[parent] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      events[i] = events[parent] as E;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    events[i] = event;
  }

  /** Moves the entry at `i` down to its place, shifting the earlier child up each step. */
  private siftDown(i: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const events = this.events;
    const n = events.length;
    const time = times[i] as number;
    const seq = seqs[i] as number;
    const event = events[i] as E;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const lt = times[child] as number;
        const rt = times[right] as number;
        if (rt < lt || (rt === lt && (seqs[right] as number) < (seqs[child] as number))) child = right;
      }
      const ct = times[child] as number;
      if (time < ct || (time === ct && seq < (seqs[child] as number))) break;
      times[i] = ct;
      seqs[i] = seqs[child] as number;
      events[i] = events[child] as E;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    events[i] = event;
  }
}
