// What the runtime and an attempt exchange (attempt.ts, runtime.ts): acknowledgements of barriers,
// restore points, the hooks into the runtime and the attempt's interface.
import type { RuntimeContext } from '../kernel/context.ts';
import type { Row, SubtaskEntry } from '../../model/index.ts';
import type { Wiring } from './lanes.ts';
import type { Element } from './tasks.ts';

export type Ack = {
  taskKey: string;
  nodeId: string;
  firstBarrierAtMs: number;
  alignmentMs: number;
  state: unknown;
  stateRows: number;
  inflightIn: { channel: number; el: Element }[];
  inflightOut: { target: number; el: Element }[];
};

export type RestorePoint = {
  /** The checkpoint (or savepoint) this is. */
  checkpointId: number;
  sourceOffsets: Record<string, number[]>;
  operators: Record<string, unknown>;
  /** Per task: what failed attempts emitted after this snapshot (a restore emits it again: repeats). */
  repeats?: Record<string, ReadonlySet<string>>;
  inflight: Record<string, { in: { channel: number; el: Element }[]; out: { target: number; el: Element }[] }>;
};

export type AttemptHooks = {
  ctx: RuntimeContext;
  wiring: Wiring;
  onAck(barrierId: number, ack: Ack): void;
  /** A sink received a record (the outer runtime decides its visibility). */
  onSinkRecord(nodeId: string, row: Row, replayed: boolean): void;
  /** A sink's barrier is complete: pre-commit its transaction for this checkpoint. */
  onSinkBarrier(nodeId: string, barrierId: number): void;
  onFinished(): void;
  /** Subtask totals of the attempts before this one (null: the first attempt). */
  readonly subtaskBase: Record<string, SubtaskEntry[]> | null;
};

export type Attempt = {
  kill(): void;
  /** Injects barrier `id` at every source lane; returns the offsets it recorded per source. */
  injectBarrier(id: number, unaligned: boolean): Record<string, number[]>;
  /** A checkpoint was aborted: tasks stop aligning on it. */
  abortBarrier(id: number): void;
  readonly taskCount: number;
  /** Items read per source partition so far. */
  readCounts(): Record<string, number[]>;
  /** Rows of state its operators hold now (the run's budget). */
  stateRows(): number;
  /** Per task: results emitted after the snapshot of checkpoint `id` (for the attempt that restores it). */
  emittedAfter(id: number): Record<string, ReadonlySet<string>>;
  /** notifyCheckpointComplete. */
  checkpointCompleted(id: number): void;
  isFinished(): boolean;
  beforeEvent(t: number): void;
  afterEvent(): void;
  finish(): void;
  /** Every node's subtasks now, totals of earlier attempts included. */
  subtasks(nowMs: number): Record<string, SubtaskEntry[]>;
};
