// Facts: what the engine tells its hosts (CLI, worker, tests). Past tense, typed, each with the
// simulated processing time `atMs` at which it happened. The UI animates them; the result builder
// turns them into streamlab.result/v1. Per-record traffic is never a fact of its own: it is summed
// per edge into `record.emitted` so that a million records do not make a million messages.
import type { BatchEntry, CheckpointEntry, FailureEntry, Row, SinkWrite, SubtaskEntry } from './result.ts';

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

/** One input channel of an operator with several inputs, as its watermark valve sees it (spec §2.2). */
export type ChannelSample = {
  /** The sending node and its lane (subtask). */
  from: string;
  lane: number;
  /** The last watermark received on the channel (MIN_WATERMARK before the first). */
  watermarkMs: number;
  idle: boolean;
};

/** One source partition: items read (its offset), items available but unread (lag), its watermark. */
export type PartitionSample = { offset: number; lag: number; watermarkMs: number };

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
  /**
   * A node met a quiet numeric fault (engine/faults.ts): once when the first of a kind happens, and
   * at the end of the run with the total when more followed. `count` is the total so far.
   */
  | { type: 'node.warned'; atMs: number; node: string; kind: 'divisionByZero' | 'nonFiniteNumber' | 'badTimestamp'; count: number; message: string }
  /** The run stopped itself at a budget (job/limits.ts RUN_BUDGET): what, how much, and why it says so. */
  | { type: 'run.limitReached'; atMs: number; limit: 'events' | 'recordSteps' | 'stateRows' | 'resultRows'; used: number; budget: number; message: string }
  | {
      type: 'metrics.sampled';
      atMs: number;
      periodMs: number;
      operators: Record<string, OperatorSample>;
      /** Per edge `from->to`: records waiting at the receiver and in the sender's outbox. */
      edges: Record<string, { queued: number; outbox: number; capacity: number }>;
      /** Per source: records available but not yet read. */
      sourceLag: Record<string, number>;
      /** Dataflow, per source: each partition's offset, lag and watermark. */
      partitions?: Record<string, PartitionSample[]>;
      /**
       * Dataflow, per operator with several input channels: each channel's watermark and idleness,
       * and the index of the channel holding the minimum (null when every channel is idle).
       */
      channels?: Record<string, { inputs: ChannelSample[]; minIndex: number | null }>;
      /**
       * Dataflow, per edge `from->to` with a checkpoint barrier on its way: the barrier and the
       * records still in front of it (queued at the receiver and in the sender's outbox; max over lanes).
       */
      barriers?: Record<string, { id: number; ahead: number }>;
    }
  // ---- checkpoint machinery, per barrier hop (few barriers: never per record) ----------------------
  | {
      /** A task sent checkpoint barrier `id` on one output channel (dataflow). */
      type: 'barrier.sent';
      atMs: number;
      id: number;
      unaligned: boolean;
      from: string;
      lane: number;
      to: string;
      /** Aligned: records in front of the barrier on this channel, which it waits behind. */
      ahead: number;
      /** Unaligned: records the barrier overtook on this channel, persisted with the checkpoint. */
      overtook: number;
    }
  | {
      /** Barrier `id` reached an input channel of a task. */
      type: 'barrier.received';
      atMs: number;
      id: number;
      node: string;
      lane: number;
      channel: number;
      from: string;
      /** Aligned, and other barriers still missing: this input is now blocked (its data held). */
      blocked: boolean;
    }
  | {
      /** A task took its snapshot for checkpoint `id` (aligned: after the last barrier, releasing its blocked inputs). */
      type: 'snapshot.taken';
      atMs: number;
      id: number;
      node: string;
      lane: number;
      unaligned: boolean;
      /** Aligned: from the first barrier to the last. */
      alignmentMs: number;
      stateRows: number;
    }
  | {
      /** A task acknowledged checkpoint `id` to the coordinator, with the in-flight records it persisted. */
      type: 'checkpoint.acknowledged';
      atMs: number;
      id: number;
      node: string;
      lane: number;
      inflightRecords: number;
    }
  /** An exactly-once sink pre-committed its transaction at checkpoint `checkpointId`'s barrier. */
  | { type: 'transaction.precommitted'; atMs: number; node: string; txn: number; checkpointId: number }
  /** Micro-batch: a batch attempt cut short by a failure (it runs again with the same id, offsets and watermark). */
  | { type: 'batch.failed'; atMs: number; batch: BatchEntry }
  /**
   * Dataflow, with every metrics sample and at the end: per node, each subtask's totals since the
   * job started (records, busy / back-pressured / idle ms, watermark, a source's partitions).
   */
  | { type: 'subtasks.sampled'; atMs: number; nodes: Record<string, SubtaskEntry[]> };

export type FactType = Fact['type'];
export type FactOf<T extends FactType> = Extract<Fact, { type: T }>;
