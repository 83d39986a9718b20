// An event-time timer service: timers fire in timestamp order when the watermark passes them, and
// timers set while firing fire in the same advance if due (InternalTimerServiceImpl.advanceWatermark).
export type TimerService<T> = {
  register(ts: number, target: T): void;
  /** Fires every timer with ts <= watermark, in timestamp order (then registration order). */
  advance(watermarkMs: number, fire: (ts: number, target: T) => void): void;
  readonly size: number;
};

type Timer<T> = { ts: number; seq: number; target: T };

export function createTimerService<T>(): TimerService<T> {
  const heap: Timer<T>[] = [];
  let seq = 0;
  const less = (a: Timer<T>, b: Timer<T>) => (a.ts !== b.ts ? a.ts < b.ts : a.seq < b.seq);
  const push = (t: Timer<T>) => {
    heap.push(t);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = (): Timer<T> => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };
  return {
    register: (ts, target) => push({ ts, seq: seq++, target }),
    advance(wm, fire) {
      while (heap.length > 0 && heap[0].ts <= wm) {
        const t = pop();
        fire(t.ts, t.target);
      }
    },
    get size() {
      return heap.length;
    },
  };
}
