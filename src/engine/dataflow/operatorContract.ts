// What a dataflow operator may do: read the clocks, emit downstream, report late records and window
// firings, and set processing-time timers (which run between records, as Flink's mailbox does).
// The contract between a stateful operator and its task; operatorHost.ts implements the host side.
import type { Pane, Row } from '../../model/index.ts';
import type { ScheduledEvent } from '../kernel/queue.ts';

export type OperatorHost = {
  readonly nodeId: string;
  nowMs(): number;
  /** The operator's current event-time clock (its input valve's output). */
  watermarkMs(): number;
  /** Emits a row; `replayed` marks it as recomputed from input re-read after a failure. */
  output(row: Row, port?: 'out' | 'late', replayed?: boolean): void;
  /** Whether the record being processed was re-read after a failure (or computed from such input). */
  replaying(): boolean;
  /** Reports a late record: `to` is 'dropped' or the side output's name. */
  late(row: Row, to: string): void;
  fired(info: {
    key: unknown;
    windowStartMs: number | null;
    windowEndMs: number | null;
    pane: Pane | null;
    paneIndex: number;
    record: Row;
    inputCount?: number;
    stateRows?: number;
  }): void;
  processingTimer(atMs: number, run: () => void): ScheduledEvent;
  /** A note for the run, attached to this node. */
  note(message: string): void;
};

export type DfOperator = {
  onRecord(row: Row, channel: number): void;
  /** The input watermark rose to `ms`: fire what is due, before the task forwards it. */
  onWatermark(ms: number): void;
  stateRows(): number;
  /** A copy of the operator's state (keyed state and timers) for checkpoint `checkpointId`. */
  snapshot(checkpointId: number): unknown;
  /**
   * Replaces the state with a snapshot's, re-registering its timers. Called on a fresh operator.
   * `from`: the checkpoint, and what the failed attempts emitted after its snapshot (`emittedAfter`).
   */
  restore(snapshot: unknown, from?: { checkpointId: number; repeats: ReadonlySet<string> }): void;
  /**
   * Results emitted after the snapshot of checkpoint `checkpointId` (opaque identities): emitted
   * again after a restore from it, they are repeats, marked replayed. Operators whose output a
   * restore cannot repeat from state need not keep them.
   */
  emittedAfter?(checkpointId: number): ReadonlySet<string>;
  /** Checkpoint `checkpointId` completed: what was emitted before its snapshot can be forgotten. */
  checkpointCompleted?(checkpointId: number): void;
};
