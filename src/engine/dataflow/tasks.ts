// Tasks: one running instance of an operator on one lane or subtask. A task takes one element at a
// time from its input queue; a record costs the node's costMs of processing time,
// watermarks and timers cost nothing. Records and watermarks keep their order per channel.
//
// Channels are bounded (credit-based flow control, spec §2.8): a channel holds at most
// `bufferCapacity` records waiting at the receiver; what does not fit waits in the sender's outbox,
// and a sender with a non-empty outbox is backpressured — it takes no new input until the receiver
// has made room. So one slow operator blocks its producer, and through it every task upstream.
import type { PlanNode } from '../plan.ts';
import { MIN_WATERMARK } from '../../model/index.ts';
import type { Row } from '../../model/index.ts';
import type { DfOperator } from './operatorContract.ts';
import type { Valve } from './valve.ts';

export type Element =
  /** `replayed`: re-read after a failure, or computed from such input (spec §2.10's trace marking). */
  | { k: 'row'; row: Row; replayed: boolean }
  | { k: 'wm'; ms: number }
  | { k: 'status'; idle: boolean }
  | { k: 'mail'; run: () => void }
  | { k: 'barrier'; id: number; unaligned: boolean };

/** A task's progress on one checkpoint's barriers (spec §2.9). */
export type BarrierProgress = {
  readonly id: number;
  readonly firstAtMs: number;
  arrived: Set<number>;
  snapshotted: boolean;
  /** Unaligned: in-flight input (queued, and arriving on channels still before their barrier). */
  inflightIn: { channel: number; el: Element }[];
  /** Unaligned: in-flight output (the outboxes the barrier overtook), by target index. */
  inflightOut: { target: number; el: Element }[];
  state: unknown;
};

/** One channel: a sender lane feeding one input of a receiver task. */
export type Target = {
  readonly from: Task;
  readonly task: Task;
  readonly channel: number;
  readonly edge: number;
  /** Elements the receiver has no room for yet, in order (the sender's output buffers). */
  outbox: Element[];
};

/** One edge from a sender into a node with several subtasks: the channels, and which one a record takes. */
export type Fanout = { readonly targets: readonly Target[]; readonly pick: (row: Row) => number };

export type Task = {
  readonly plan: PlanNode;
  readonly lane: number;
  readonly costMs: number;
  readonly targets: { out: Target[]; late: Target[] };
  /** Per port: null when every edge has one channel per sender (each record goes to every target). */
  readonly fanout: { out: Fanout[] | null; late: Fanout[] | null };
  /** The channel feeding each input index (for credit returns). */
  readonly inputs: Target[];
  queue: { channel: number; el: Element }[];
  head: number;
  /** Records waiting in `queue` per input channel (the receiver side of the credit). */
  queuedRows: number[];
  busy: boolean;
  /** The record being worked on while busy (its channel and row). */
  workChannel: number;
  workRow: Row | null;
  workReplayed: boolean;
  /** Ends the current record's work: one function per task, not one closure per record. */
  finishWork: (() => void) | null;
  /** Outboxes of this task that are not empty: > 0 means backpressured. */
  blocked: number;
  /** Merge tasks: the valve over input lanes; forward tasks: null (one channel). */
  valve: Valve | null;
  operator: DfOperator | null;
  /** The task's current input watermark (its event-time clock). */
  inputWm: number;
  /** The last watermark this task sent downstream. */
  outputWm: number;
  outputIdle: boolean;
  /** Watermark assigner lanes: the generator's state (spec §2.1). */
  maxTs: number;
  activity: number;
  lastActivity: number;
  quietSinceMs: number | null;
  /**
   * Watermark assigner lanes: the end-of-input watermark arrived (its partition finished). The lane
   * stops holding the node's combined watermark back at the next periodic emission (spec §2.2).
   */
  inputDone: boolean;
  /** Aligned checkpoints: channels whose barrier arrived, held until every channel has it. */
  heldChannels: Set<number>;
  held: { channel: number; el: Element }[];
  barriers: Map<number, BarrierProgress>;
  /** Time accounting for Flink's busy / backPressured / idle time per second. */
  busySinceMs: number;
  blockedSinceMs: number;
  busyMs: number;
  backpressuredMs: number;
  recordsIn: number;
  recordsOut: number;
  /** Totals since the attempt started (the per-sample counters above are reset by each metrics sample). */
  totalBusyMs: number;
  totalBackpressuredMs: number;
  totalRecordsIn: number;
  totalRecordsOut: number;
};

export function createTask(p: PlanNode, lane: number): Task {
  return {
    plan: p,
    lane,
    // Each subtask pays the whole cost of each record it takes (parallelism spreads records, not cost).
    costMs: p.node.costMs ?? 0,
    targets: { out: [], late: [] },
    fanout: { out: null, late: null },
    inputs: [],
    queue: [],
    head: 0,
    queuedRows: [],
    busy: false,
    workChannel: 0,
    workRow: null,
    workReplayed: false,
    finishWork: null,
    blocked: 0,
    valve: null,
    operator: null,
    inputWm: MIN_WATERMARK,
    outputWm: MIN_WATERMARK,
    outputIdle: false,
    maxTs: MIN_WATERMARK,
    activity: 0,
    lastActivity: 0,
    quietSinceMs: null,
    inputDone: false,
    heldChannels: new Set(),
    held: [],
    barriers: new Map(),
    busySinceMs: 0,
    blockedSinceMs: 0,
    busyMs: 0,
    backpressuredMs: 0,
    recordsIn: 0,
    recordsOut: 0,
    totalBusyMs: 0,
    totalBackpressuredMs: 0,
    totalRecordsIn: 0,
    totalRecordsOut: 0,
  };
}
