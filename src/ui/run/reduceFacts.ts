// Folds a batch of facts into the run's aggregated view: sums for flows, last value wins for
// watermarks, appends for timelines. Pure, so a frame's worth of facts is one store update and the
// same fold can be replayed from the kept log when scrubbing.
import type { BatchEntry, CheckpointEntry, Fact, FactOf, FailureEntry, LateRecord, OperatorSample, SinkWrite } from '../../engine/index.ts';

export type NodeCounts = { in: number; out: number; late: number; fired: number };

export type Pane = { atMs: number; startMs: number; endMs: number; key: unknown; pane: 'early' | 'onTime' | 'late' | null };

export type RunData = {
  nowMs: number;
  watermarks: Record<string, number>;
  counts: Record<string, NodeCounts>;
  /** Records per edge, keyed `from:fromPort->to`. */
  flows: Record<string, number>;
  sinks: Record<string, SinkWrite[]>;
  lateRecords: LateRecord[];
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
  /** Metrics samples over time (thinned to at most KEEP_SAMPLES), for charts. */
  sampleLog: FactOf<'metrics.sampled'>[];
  /** Watermark advances per node, `[atMs, watermarkMs]` (for plots). */
  watermarkHistory: Record<string, [number, number][]>;
  /** Windows emitted, per window node (dataflow firings) or from sink rows carrying a window (micro-batch). */
  panes: Record<string, Pane[]>;
  /** The last fact worth narrating. */
  lastSignificant: Fact | null;
};

export const emptyRunData = (): RunData => ({
  nowMs: 0,
  watermarks: {},
  counts: {},
  flows: {},
  sinks: {},
  lateRecords: [],
  batches: [],
  currentBatch: null,
  checkpoints: [],
  failures: [],
  crashes: [],
  failedAtMs: null,
  checkpointsInFlight: {},
  finished: false,
  notes: [],
  samples: {},
  edgeQueues: {},
  sourceLag: {},
  samplePeriodMs: 1000,
  sampleLog: [],
  watermarkHistory: {},
  panes: {},
  lastSignificant: null,
});

/** Rows kept per list for display; totals are counted separately in `counts`. */
export const KEEP_ROWS = 2000;

const significant = new Set<Fact['type']>([
  'window.fired', 'record.late', 'batch.completed', 'checkpoint.completed', 'checkpoint.failed',
  'job.failed', 'job.restored', 'job.finished',
]);

export const KEEP_SAMPLES = 600;

/** Halves a series that grew past KEEP_SAMPLES (keeping every other point), so charts stay cheap. */
function thin<T>(list: T[]): T[] {
  return list.length <= KEEP_SAMPLES ? list : list.filter((_, i) => i % 2 === 1 || i === list.length - 1);
}

export const flowKey = (from: string, fromPort: string, to: string) => `${from}:${fromPort}->${to}`;

export function reduceFacts(s: RunData, facts: readonly Fact[]): RunData {
  if (facts.length === 0) return s;
  const next: RunData = { ...s };
  const touched = new Set<keyof RunData>();
  const own = <K extends 'watermarks' | 'counts' | 'flows' | 'sinks' | 'watermarkHistory' | 'panes'>(k: K): RunData[K] => {
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
  const ownLists = new Set<string>();
  const append = <T,>(k: 'watermarkHistory' | 'panes', node: string, item: T) => {
    const m = own(k) as Record<string, T[]>;
    const id = `${k}:${node}`;
    if (!ownLists.has(id)) (ownLists.add(id), (m[node] = [...(m[node] ?? [])].slice(-(KEEP_ROWS - 1))));
    m[node]!.push(item);
  };
  for (const f of facts) {
    if (f.atMs > next.nowMs) next.nowMs = f.atMs;
    if (significant.has(f.type)) next.lastSignificant = f;
    switch (f.type) {
      case 'record.emitted': {
        const flows = own('flows');
        const key = flowKey(f.from, f.fromPort, f.to);
        flows[key] = (flows[key] ?? 0) + f.count;
        count(f.from).out += f.count;
        count(f.to).in += f.count;
        break;
      }
      case 'record.written': {
        const sinks = own('sinks');
        if (!ownSinks.has(f.node)) (ownSinks.add(f.node), (sinks[f.node] = [...(sinks[f.node] ?? [])]));
        sinks[f.node]!.push(f.write);
        const r = f.write.record;
        if (typeof r.windowStart === 'number' && typeof r.windowEnd === 'number') {
          append('panes', `sink:${f.node}`, { atMs: f.atMs, startMs: r.windowStart, endMs: r.windowEnd, key: r.key, pane: null });
        }
        break;
      }
      case 'record.late':
        list('lateRecords').push({ node: f.node, atMs: f.atMs, record: f.record, watermarkMs: f.watermarkMs, to: f.to });
        count(f.node).late += 1;
        break;
      case 'watermark.advanced':
        own('watermarks')[f.node] = f.watermarkMs;
        append('watermarkHistory', f.node, [f.atMs, f.watermarkMs]);
        break;
      case 'window.fired':
        count(f.node).fired += 1;
        if (f.windowStartMs !== null && f.windowEndMs !== null) {
          append('panes', f.node, { atMs: f.atMs, startMs: f.windowStartMs, endMs: f.windowEndMs, key: f.key, pane: f.pane });
        }
        break;
      case 'batch.started':
        next.currentBatch = f;
        break;
      case 'batch.completed':
        list('batches').push(f.batch);
        next.currentBatch = null;
        break;
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
      case 'metrics.sampled':
        next.samples = f.operators;
        next.edgeQueues = f.edges;
        next.sourceLag = f.sourceLag;
        next.samplePeriodMs = f.periodMs;
        next.sampleLog = thin([...next.sampleLog, f]);
        break;
      case 'note.added':
        list('notes').push(f);
        break;
    }
  }
  for (const id of ownSinks) if (next.sinks[id]!.length > KEEP_ROWS) next.sinks[id] = next.sinks[id]!.slice(-KEEP_ROWS);
  if (touched.has('lateRecords') && next.lateRecords.length > KEEP_ROWS) next.lateRecords = next.lateRecords.slice(-KEEP_ROWS);
  return next;
}
