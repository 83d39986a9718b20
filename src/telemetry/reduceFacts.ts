// Folds a batch of facts into the run's aggregated view: sums for flows, last value wins for
// watermarks, appends for timelines. Pure, so a frame's worth of facts is one store update and the
// same fold can be replayed from the kept log when scrubbing.
import type { BatchEntry, CheckpointEntry, Fact, FactOf, FailureEntry, LateRecord, OperatorSample, Row, SinkWrite, SubtaskEntry, TxnOutcome } from '../model/index.ts';
import { edgeKey, lateEffect } from '../model/index.ts';
import { emptyMachinery, foldMachinery, isMachineryFact, type Machinery } from './machinery.ts';
import { isSignificant, pressureChange } from './narration.ts';
import type { Narration, WindowRef } from './narration.ts';

export type NodeCounts = { in: number; out: number; late: number; fired: number };

/** `row`: what the pane emitted (the event-time figure writes its aggregate where the pane fires). */
export type Pane = { atMs: number; startMs: number; endMs: number; key: unknown; pane: 'early' | 'onTime' | 'late' | null; row?: Row };

export type { TxnOutcome };

export type RunData = {
  nowMs: number;
  watermarks: Record<string, number>;
  counts: Record<string, NodeCounts>;
  /** Records per edge, keyed as the result's `metrics.recordsPerEdge` (model edgeKey). */
  flows: Record<string, number>;
  sinks: Record<string, SinkWrite[]>;
  /** When each sink received its first record. */
  firstWritten: Record<string, number>;
  /** Per transactional sink, its transactions that ended, by transaction id. */
  txns: Record<string, Record<number, TxnOutcome>>;
  lateRecords: LateRecord[];
  /** Late records so far by where they went ('dropped' or a side output's name); never trimmed. */
  lateTotals: Record<string, number>;
  /** Per node, what the result's `droppedLate` counts (Spark's numRowsDroppedByWatermark); never trimmed. */
  droppedLate: Record<string, number>;
  batches: BatchEntry[];
  currentBatch: FactOf<'batch.started'> | null;
  checkpoints: CheckpointEntry[];
  failures: FailureEntry[];
  /** Every job.failed, restored or not (the timelines mark them). */
  crashes: { atMs: number; node: string | null }[];
  failedAtMs: number | null;
  /** Checkpoints triggered and not yet completed or failed. */
  checkpointsInFlight: Record<number, { kind: 'checkpoint' | 'savepoint'; triggeredAtMs: number }>;
  finished: boolean;
  notes: FactOf<'note.added'>[];
  /** The latest metrics sample per operator, per edge (`from->to`) and per source (last wins). */
  samples: Record<string, OperatorSample>;
  edgeQueues: Record<string, { queued: number; outbox: number; capacity: number }>;
  sourceLag: Record<string, number>;
  samplePeriodMs: number;
  /**
   * Metrics samples over time, for charts: every `sampleStride`-th of them (at most KEEP_SAMPLES,
   * evenly spaced over the run), then the latest one if it is not among those.
   */
  sampleLog: ChartSample[];
  sampleStride: number;
  samplesSeen: number;
  /** Watermark advances per node, `[atMs, watermarkMs]` (for plots). */
  watermarkHistory: Record<string, [number, number][]>;
  /** Windows emitted, per window node (dataflow firings) or from sink rows carrying a window (micro-batch). */
  panes: Record<string, Pane[]>;
  /** Per window node, when each window (`start:end`) first emitted a result. */
  firstEmitted: Record<string, Record<string, number>>;
  /** Micro-batch: the watermarks when the running batch started, and the windows it has emitted. */
  batchWatermarks: Record<string, number>;
  batchWindows: WindowRef[];
  /** The last thing worth narrating. */
  lastSignificant: Narration | null;
  /**
   * Per window node, the records of its upstream sources as [event time, arrival] (the plot's
   * dots; every `stride`-th of a generator's), read by the worker when the job loads.
   */
  sourceRecords: Record<string, { records: [number, number][]; stride: number }>;
  /** Dataflow: each node's subtasks as last sampled (the result's `subtasks`, the Subtasks tab). */
  subtasks: Record<string, SubtaskEntry[]>;
  /** Quiet numeric faults per node, by kind: the latest message (engine/faults.ts). */
  nodeWarnings: Record<string, Record<string, string>>;
  /** Barriers, alignments, partitions, input channels, pre-commits, failed batch attempts (machinery.ts). */
  machinery: Machinery;
};

/** What the charts read of a metrics sample (all the page is sent of the samples in the log). */
export type ChartSample = Pick<FactOf<'metrics.sampled'>, 'atMs' | 'periodMs' | 'sourceLag'> & {
  operators: Record<string, Pick<OperatorSample, 'recordsIn' | 'recordsOut'>>;
};

export const emptyRunData = (): RunData => ({
  nowMs: 0,
  watermarks: {},
  counts: {},
  flows: {},
  sinks: {},
  firstWritten: {},
  txns: {},
  lateRecords: [],
  lateTotals: {},
  droppedLate: {},
  batches: [],
  currentBatch: null,
  checkpoints: [],
  failures: [],
  crashes: [],
  failedAtMs: null,
  checkpointsInFlight: {},
  finished: false,
  notes: [],
  nodeWarnings: {},
  samples: {},
  edgeQueues: {},
  sourceLag: {},
  samplePeriodMs: 1000,
  sampleLog: [],
  sampleStride: 1,
  samplesSeen: 0,
  watermarkHistory: {},
  panes: {},
  firstEmitted: {},
  batchWatermarks: {},
  batchWindows: [],
  lastSignificant: null,
  sourceRecords: {},
  subtasks: {},
  machinery: emptyMachinery(),
});

/** Rows kept per list for display; totals are counted separately in `counts`. */
export const KEEP_ROWS = 2000;

export const KEEP_SAMPLES = 600;

/**
 * Logs a metrics sample: every `sampleStride`-th is kept, and the stride doubles (every other kept
 * sample dropped) when more than KEEP_SAMPLES are, so charts stay cheap and cover the run evenly;
 * the latest sample ends the log until the next one replaces it. (Halving the log and keeping
 * every new sample instead would keep the recent past dense: a fast-forward would then add
 * hundreds of samples to the log, and to what the page is sent, each time.)
 */
function logSample(next: RunData, f: ChartSample): void {
  const n = next.samplesSeen++;
  const provisional = n > 0 && (n - 1) % next.sampleStride !== 0;
  const kept = provisional ? next.sampleLog.slice(0, -1) : next.sampleLog;
  if (n % next.sampleStride !== 0) {
    next.sampleLog = [...kept, f];
    return;
  }
  const log = [...kept, f];
  if (log.length <= KEEP_SAMPLES) next.sampleLog = log;
  else {
    next.sampleStride *= 2;
    next.sampleLog = log.filter((_, i) => i % 2 === 0); // KEEP_SAMPLES is even: `f` stays
  }
}


export function reduceFacts(s: RunData, facts: readonly Fact[]): RunData {
  if (facts.length === 0) return s;
  const next: RunData = { ...s };
  const touched = new Set<keyof RunData>();
  const own = <K extends 'watermarks' | 'counts' | 'flows' | 'sinks' | 'watermarkHistory' | 'panes' | 'lateTotals' | 'droppedLate' | 'txns' | 'firstEmitted' | 'firstWritten'>(k: K): RunData[K] => {
    if (!touched.has(k)) (touched.add(k), (next[k] = { ...s[k] } as RunData[K]));
    return next[k];
  };
  const list = <K extends 'lateRecords' | 'batches' | 'checkpoints' | 'failures' | 'notes' | 'crashes'>(k: K): RunData[K] => {
    if (!touched.has(k)) (touched.add(k), (next[k] = [...s[k]] as RunData[K]));
    return next[k];
  };
  const count = (node: string): NodeCounts => {
    const counts = own('counts');
    const c = { ...(counts[node] ?? { in: 0, out: 0, late: 0, fired: 0 }) };
    counts[node] = c;
    return c;
  };
  const ownSinks = new Set<string>();
  const ownLists = new Map<string, [k: 'watermarkHistory' | 'panes', node: string]>();
  const append = <T,>(k: 'watermarkHistory' | 'panes', node: string, item: T) => {
    const m = own(k) as Record<string, T[]>;
    const id = `${k}:${node}`;
    if (!ownLists.has(id)) (ownLists.set(id, [k, node]), (m[node] = [...(m[node] ?? [])].slice(-(KEEP_ROWS - 1))));
    m[node]!.push(item);
  };
  let machineryFacts: Fact[] | null = null;
  for (const f of facts) {
    if (isMachineryFact(f)) (machineryFacts ??= []).push(f);
    if (f.atMs > next.nowMs) next.nowMs = f.atMs;
    if (isSignificant(f)) next.lastSignificant = { kind: 'fact', fact: f };
    switch (f.type) {
      case 'record.emitted': {
        const flows = own('flows');
        const key = edgeKey(f.from, f.fromPort, f.to);
        flows[key] = (flows[key] ?? 0) + f.count;
        count(f.from).out += f.count;
        count(f.to).in += f.count;
        break;
      }
      case 'record.written': {
        const sinks = own('sinks');
        if (!ownSinks.has(f.node)) (ownSinks.add(f.node), (sinks[f.node] = [...(sinks[f.node] ?? [])]));
        sinks[f.node]!.push(f.write);
        if (next.firstWritten[f.node] === undefined) own('firstWritten')[f.node] = f.atMs;
        const r = f.write.record;
        if (typeof r.windowStart === 'number' && typeof r.windowEnd === 'number') {
          append('panes', `sink:${f.node}`, { atMs: f.atMs, startMs: r.windowStart, endMs: r.windowEnd, key: r.key, pane: null, row: r });
        }
        break;
      }
      case 'record.late': {
        const e = lateEffect(f);
        list('lateRecords').push(e.late);
        count(f.node).late += 1;
        own('lateTotals')[f.to] = (next.lateTotals[f.to] ?? 0) + 1;
        if (e.dropped > 0) own('droppedLate')[f.node] = (next.droppedLate[f.node] ?? 0) + e.dropped;
        break;
      }
      case 'watermark.advanced':
        own('watermarks')[f.node] = f.watermarkMs;
        append('watermarkHistory', f.node, [f.atMs, f.watermarkMs]);
        break;
      case 'window.fired':
        count(f.node).fired += 1;
        if (f.windowStartMs !== null && f.windowEndMs !== null) {
          append('panes', f.node, { atMs: f.atMs, startMs: f.windowStartMs, endMs: f.windowEndMs, key: f.key, pane: f.pane, row: f.record });
          const w = `${f.windowStartMs}:${f.windowEndMs}`;
          const firsts = own('firstEmitted');
          if (firsts[f.node]?.[w] === undefined) firsts[f.node] = { ...firsts[f.node], [w]: f.atMs };
        }
        if (next.currentBatch && !next.batchWindows.some((w) => w.node === f.node && w.startMs === f.windowStartMs && w.endMs === f.windowEndMs)) {
          next.batchWindows = [...next.batchWindows, { node: f.node, startMs: f.windowStartMs, endMs: f.windowEndMs }];
        }
        break;
      case 'batch.started':
        next.currentBatch = f;
        next.batchWatermarks = { ...next.watermarks }; // a copy: `watermarks` may be written again in this fold
        next.batchWindows = [];
        break;
      case 'batch.completed':
        list('batches').push(f.batch);
        next.currentBatch = null;
        next.lastSignificant = { kind: 'batch', fact: f, windows: next.batchWindows, watermarks: next.batchWatermarks };
        break;
      case 'transaction.committed':
      case 'transaction.aborted': {
        const txns = own('txns');
        txns[f.node] = { ...txns[f.node], [f.txn]: { committed: f.type === 'transaction.committed', atMs: f.atMs } };
        const records = (next.sinks[f.node] ?? []).filter((w) => w.txn === f.txn).length;
        const cp = next.checkpoints[next.checkpoints.length - 1];
        const checkpointId = cp && cp.completedAtMs === f.atMs ? cp.id : null;
        if (records > 0) next.lastSignificant = { kind: 'txn', fact: f, records, checkpointId };
        break;
      }
      case 'checkpoint.triggered':
        next.checkpointsInFlight = { ...next.checkpointsInFlight, [f.id]: { kind: f.kind, triggeredAtMs: f.atMs } };
        break;
      case 'checkpoint.completed':
      case 'checkpoint.failed': {
        list('checkpoints').push(f.checkpoint);
        const { [f.checkpoint.id]: _done, ...rest } = next.checkpointsInFlight;
        next.checkpointsInFlight = rest;
        break;
      }
      case 'job.failed':
        next.failedAtMs = f.atMs;
        next.checkpointsInFlight = {};
        list('crashes').push({ atMs: f.atMs, node: f.node });
        break;
      case 'job.restored':
        list('failures').push(f.failure);
        next.failedAtMs = null;
        break;
      case 'job.finished':
        next.finished = true;
        break;
      case 'metrics.sampled': {
        const change = pressureChange(next.samples, f);
        if (change) next.lastSignificant = change;
        next.samples = f.operators;
        next.edgeQueues = f.edges;
        next.sourceLag = f.sourceLag;
        next.samplePeriodMs = f.periodMs;
        logSample(next, f);
        break;
      }
      case 'note.added':
        list('notes').push(f);
        break;
      case 'subtasks.sampled':
        next.subtasks = f.nodes;
        break;
      case 'node.warned':
        next.nodeWarnings = { ...next.nodeWarnings, [f.node]: { ...next.nodeWarnings[f.node], [f.kind]: f.message } };
        break;
      case 'run.limitReached':
        // The run stopped at its budget: said where the run's notes are said.
        list('notes').push({ type: 'note.added', atMs: f.atMs, node: null, message: f.message });
        break;
    }
  }
  if (machineryFacts) next.machinery = foldMachinery(s.machinery, machineryFacts);
  for (const id of ownSinks) if (next.sinks[id]!.length > KEEP_ROWS) next.sinks[id] = next.sinks[id]!.slice(-KEEP_ROWS);
  // A fold of many facts (a fast-forward's) may have appended more than KEEP_ROWS to a list.
  for (const [k, node] of ownLists.values()) {
    const m = next[k] as Record<string, unknown[]>;
    if (m[node]!.length > KEEP_ROWS) m[node] = m[node]!.slice(-KEEP_ROWS);
  }
  if (touched.has('lateRecords') && next.lateRecords.length > KEEP_ROWS) next.lateRecords = next.lateRecords.slice(-KEEP_ROWS);
  return next;
}
