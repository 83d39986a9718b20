// The streamlab.result/v1 document (job-format.md, "Result"). Built from the engine's facts by
// `createResultBuilder`; the CLI writes it and the tests read it.
import type { Mode } from './schema.ts';

export type Row = Record<string, unknown>;

export type SinkWrite = {
  record: Row;
  atMs: number;
  batchId?: number;
  /** When a read-committed reader sees it; null when its transaction was aborted. */
  visibleAtMs: number | null;
  /** Written while the job re-processed input it had read before a failure. */
  replayed?: boolean;
  /** The sink transaction holding it (transactional sinks only). */
  txn?: number;
};

export type SideOutputEntry = { record: Row; atMs: number; watermarkMs: number };

export type LateRecord = {
  node: string;
  atMs: number;
  record: Row;
  watermarkMs: number;
  /** 'dropped' or the side output's name. */
  to: string;
};

export type BatchEntry = {
  batchId: number;
  startMs: number;
  endMs: number;
  inputRecords: number;
  /** The global watermark this batch used (written in its offsets log entry). */
  watermarkMs: number;
  [extra: string]: unknown;
};

export type CheckpointEntry = {
  id: number;
  kind: 'checkpoint' | 'savepoint';
  triggeredAtMs: number;
  completedAtMs: number | null;
  status: 'completed' | 'failed' | 'in-progress';
  [extra: string]: unknown;
};

export type FailureEntry = {
  atMs: number;
  node: string | null;
  restoredFrom: number | null;
  resumedAtMs: number | null;
  [extra: string]: unknown;
};

export type Note = { node: string | null; message: string };

/**
 * One subtask of a dataflow node over the run so far (job-format `subtasks`): records it received
 * (a source: read), its busy / back-pressured / idle time, its watermark (null: none yet), and on
 * sources the partitions it reads.
 */
export type SubtaskEntry = {
  index: number;
  records: number;
  busyMs: number;
  backpressuredMs: number;
  idleMs: number;
  watermarkMs: number | null;
  partitions?: number[];
};

export type Result = {
  format: 'streamlab.result/v1';
  mode: Mode;
  sinks: Record<string, SinkWrite[]>;
  sideOutputs: Record<string, SideOutputEntry[]>;
  lateRecords: LateRecord[];
  droppedLate: Record<string, number>;
  watermarks: Record<string, [number, number][]>;
  batches: BatchEntry[];
  checkpoints: CheckpointEntry[];
  failures: FailureEntry[];
  notes: Note[];
  metrics: Record<string, unknown>;
  /** Dataflow: per node, its subtasks in index order (the last `subtasks.sampled`). */
  subtasks?: Record<string, SubtaskEntry[]>;
  /** Quiet numeric faults per node and kind (engine/faults.ts); absent when there were none. */
  warnings?: { node: string; kind: string; count: number; message: string }[];
  /** Set when the run stopped itself at a budget before its end (the result is partial). */
  limitReached?: { atMs: number; limit: string; message: string };
};

/** Flink's Long.MIN_VALUE / Long.MAX_VALUE, as the largest integers a double holds exactly. */
export const MIN_WATERMARK = -Number.MAX_SAFE_INTEGER;
export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;
