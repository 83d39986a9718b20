// An event-time timer service: timers fire in timestamp order when the watermark passes them, and
// timers set while firing fire in the same advance if due (InternalTimerServiceImpl.advanceWatermark).
export type TimerService<T> = {
  register(ts: number, target: T): void;
  /** Fires every timer with ts <= watermark, in timestamp order (then registration order). */
  advance(watermarkMs: number, fire: (ts: number, target: T) => void): void;
  readonly size: number;
};

type Timer<T> = { ts: number; seq: number; target: T };

const less = <T>(a: Timer<T>, b: Timer<T>) => (a.ts !== b.ts ? a.ts < b.ts : a.seq < b.seq);

/** A binary heap; a class so that every operator instance shares its methods (see attempt.ts). */
class TimerHeap<T> implements TimerService<T> {
  private readonly heap: Timer<T>[] = [];
  private seq = 0;

  register(ts: number, target: T): void {
    const heap = this.heap;
    heap.push({ ts, seq: this.seq++, target });
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  }

  advance(wm: number, fire: (ts: number, target: T) => void): void {
    while (this.heap.length > 0 && this.heap[0].ts <= wm) {
      const t = this.pop();
      fire(t.ts, t.target);
    }
  }

  get size() {
    return this.heap.length;
  }

  private pop(): Timer<T> {
    const heap = this.heap;
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
  }
}

export function createTimerService<T>(): TimerService<T> {
  return new TimerHeap<T>();
}
