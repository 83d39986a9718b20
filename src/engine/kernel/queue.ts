// The discrete-event queue: events ordered by (time, priority, sequence), as SimPy orders them.
// The sequence number makes the order total, so equal-time events run in the order scheduled and
// a run is deterministic.

export type EventPriority = number;

/** Lower runs first among events at the same time. */
export const Priority = {
  /** A fault (crash) preempts everything else at its instant. */
  fault: 0,
  /** Records and scripted watermarks becoming available in a source. */
  arrival: 10,
  /** An operator finishing a record it was busy with. */
  work: 20,
  /** Processing-time timers (window triggers). */
  timer: 30,
  /** Periodic watermark emission. */
  tick: 40,
  /** Micro-batch trigger points and batch completion. */
  batch: 50,
  /** Checkpoint coordination. */
  checkpoint: 60,
} as const;

export type ScheduledEvent = { cancel(): void; readonly timeMs: number };

const noop = () => {};

/** A heap entry is also its own handle: one allocation per scheduled event (millions per run). */
class Entry implements ScheduledEvent {
  cancelled = false;
  constructor(
    readonly timeMs: number,
    readonly priority: number,
    readonly seq: number,
    public run: () => void,
  ) {}
  /**
   * A cancelled entry stays in the heap until its time comes (a checkpoint's 10-minute timeout),
   * so it lets go of its closure now: that closure may hold a whole checkpoint's state.
   */
  cancel() {
    this.cancelled = true;
    this.run = noop;
  }
}

export type EventQueue = {
  schedule(timeMs: number, priority: EventPriority, run: () => void): ScheduledEvent;
  /** Time of the next live event, or undefined when none is left. */
  peekTimeMs(): number | undefined;
  /** Removes and runs the next live event; returns its time, or undefined when none is left. */
  runNext(): number | undefined;
  readonly size: number;
};

const before = (a: Entry, b: Entry): boolean =>
  a.timeMs !== b.timeMs ? a.timeMs < b.timeMs : a.priority !== b.priority ? a.priority < b.priority : a.seq < b.seq;

export function createEventQueue(): EventQueue {
  const heap: Entry[] = [];
  let seq = 0;

  const up = (i: number) => {
    const e = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(e, heap[p])) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = e;
  };
  const down = (i: number) => {
    const n = heap.length;
    const e = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(heap[r], heap[l]) ? r : l;
      if (!before(heap[c], e)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = e;
  };
  const pop = (): Entry | undefined => {
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      down(0);
    }
    return top;
  };
  const dropCancelled = () => {
    while (heap.length > 0 && heap[0].cancelled) pop();
  };

  return {
    schedule(timeMs, priority, run) {
      const entry = new Entry(timeMs, priority, seq++, run);
      heap.push(entry);
      up(heap.length - 1);
      return entry;
    },
    peekTimeMs() {
      dropCancelled();
      return heap[0]?.timeMs;
    },
    runNext() {
      dropCancelled();
      const e = pop();
      if (!e) return undefined;
      e.run();
      return e.timeMs;
    },
    get size() {
      return heap.length;
    },
  };
}
