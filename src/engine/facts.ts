// Facts: what the engine tells its hosts (CLI, worker, tests). Past tense, typed, each with the
// simulated processing time `atMs` at which it happened. The UI animates them; the result builder
// turns them into streamlab.result/v1. Per-record traffic is never a fact of its own: it is summed
// per edge into `record.emitted` so that a million records do not make a million messages.
import type { BatchEntry, CheckpointEntry, FailureEntry, Row, SinkWrite } from './result.ts';

export type Pane = 'early' | 'onTime' | 'late';

/** Flink's back pressure status from the back-pressured ratio: OK ≤ 10 %, LOW ≤ 50 %, HIGH above. */
export type PressureStatus = 'OK' | 'LOW' | 'HIGH';

/** One operator over the last sampling period (Flink's *TimeMsPerSecond metrics; max over lanes). */
export type OperatorSample = {
  busyMsPerSecond: number;
  backPressuredMsPerSecond: number;
  idleMsPerSecond: number;
  status: PressureStatus;
  recordsIn: number;
  recordsOut: number;
  /** Records waiting in the operator's input queues. */
  queued: number;
};

export type Fact =
  | { type: 'record.emitted'; atMs: number; from: string; to: string; fromPort: 'out' | 'late'; count: number }
  | { type: 'record.written'; atMs: number; node: string; write: SinkWrite }
  | {
      type: 'record.late';
      atMs: number;
      node: string;
      record: Row;
      watermarkMs: number;
      /** 'dropped' or the side output's name. */
      to: string;
      /**
       * How much this adds to the node's dropped-late counter (default 1 when dropped). Spark counts
       * late rows after partial aggregation, so several raw rows of one late window count once.
       */
      dropCount?: number;
    }
  | { type: 'watermark.advanced'; atMs: number; node: string; watermarkMs: number }
  | {
      type: 'window.fired';
      atMs: number;
      node: string;
      key: unknown;
      windowStartMs: number | null;
      windowEndMs: number | null;
      pane: Pane | null;
      paneIndex: number;
      record: Row;
      /**
       * Input records behind this result: those the pane counted (dataflow; a purging trigger
       * starts again from 0), or the rows aggregated into the written row (micro-batch). The sweep
       * metrics' completeness reads it.
       */
      inputCount?: number;
      /** Dataflow: windows the operator's subtask held when it fired (sampled once per instant). */
      stateRows?: number;
    }
  | { type: 'batch.started'; atMs: number; batchId: number; watermarkMs: number; inputRecords: number; noData: boolean }
  | { type: 'batch.completed'; atMs: number; batch: BatchEntry }
  | { type: 'checkpoint.triggered'; atMs: number; id: number; kind: 'checkpoint' | 'savepoint' }
  | { type: 'checkpoint.completed'; atMs: number; checkpoint: CheckpointEntry }
  | { type: 'checkpoint.failed'; atMs: number; checkpoint: CheckpointEntry }
  | { type: 'transaction.committed'; atMs: number; node: string; txn: number }
  | { type: 'transaction.aborted'; atMs: number; node: string; txn: number }
  | { type: 'job.failed'; atMs: number; node: string | null }
  | { type: 'job.restored'; atMs: number; failure: FailureEntry }
  | { type: 'job.finished'; atMs: number }
  | { type: 'note.added'; atMs: number; node: string | null; message: string }
  | {
      type: 'metrics.sampled';
      atMs: number;
      periodMs: number;
      operators: Record<string, OperatorSample>;
      /** Per edge `from->to`: records waiting at the receiver and in the sender's outbox. */
      edges: Record<string, { queued: number; outbox: number; capacity: number }>;
      /** Per source: records available but not yet read. */
      sourceLag: Record<string, number>;
    };

export type FactType = Fact['type'];
export type FactOf<T extends FactType> = Extract<Fact, { type: T }>;
