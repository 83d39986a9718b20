// The state Flink keeps per key and window (window contents as an accumulator, trigger state, timers).
import type { ScheduledEvent } from '../../kernel/queue.ts';
import type { Acc } from '../../windows/aggregate.ts';

export type WindowState = {
  readonly key: unknown;
  readonly startMs: number;
  readonly endMs: number;
  /** end − 1 (Flink maxTimestamp()); MAX for the global window. */
  readonly maxTs: number;
  /** Window contents; null once purged or before the first element. */
  acc: Acc | null;
  /** Elements in the pane's contents (since the last purge): what its next firing counts. */
  inputCount: number;
  /** Elements since the last firing (CountTrigger). */
  count: number;
  /** Late elements since the last late firing (`late: {count}`). */
  lateCount: number;
  paneIndex: number;
  /** Live event-time timers of this window, by timestamp. */
  timers: Set<number>;
  /** Live processing-time timers of this window, by timestamp. */
  ptimers: Map<number, ScheduledEvent>;
  /** Next continuous event-time firing (ContinuousEventTimeTrigger's fire-timestamp state). */
  fireTs: number | null;
  /** A processing-time early firing is pending for the current pane. */
  earlyPending: boolean;
  dead: boolean;
  /** Holds an element re-read after a failure (its results are replays). */
  replayed: boolean;
};

export function createWindowState(key: unknown, startMs: number, endMs: number, maxTs: number): WindowState {
  return {
    key,
    startMs,
    endMs,
    maxTs,
    acc: null,
    inputCount: 0,
    count: 0,
    lateCount: 0,
    paneIndex: 0,
    timers: new Set(),
    ptimers: new Map(),
    fireTs: null,
    earlyPending: false,
    dead: false,
    replayed: false,
  };
}
