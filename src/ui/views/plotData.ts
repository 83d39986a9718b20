// What the event-time plot of one window operator draws, gathered from the job and the run.
import { createGraph, upstreamOf } from '../../model/index.ts';
import type { Job, LateRecord } from '../../model/index.ts';
import type { Pane, RunData } from '../../telemetry/reduceFacts.ts';

export type PlotData = {
  /** Records of the sources upstream of the node: [event time, arrival]. */
  records: [number, number][];
  watermark: [number, number][];
  panes: Pane[];
  late: LateRecord[];
  /** Event-time windows the records fall in, for the bands that fill until the window fires. */
  windows: WindowSpan[];
  /** Micro-batch: each batch's processing time [start, end] (the figure's stripes). */
  batches: [number, number][];
  /** The window's allowed lateness (dataflow; Spark has none). */
  latenessMs: number;
  xMax: number;
  yMax: number;
};

/**
 * One event-time window: its first record's arrival (where its band starts), when it first fired
 * (where the band ends; null while it is open) and, with allowed lateness, when the watermark
 * passed its lateness horizon (end + lateness: the state is dropped, later records are dropped).
 */
export type WindowSpan = { startMs: number; endMs: number; firstAtMs: number; firedAtMs: number | null; horizonAtMs: number | null };

export type PlotJob = Pick<Job, 'nodes' | 'edges' | 'mode' | 'settings'>;

export function plotDataFor(job: PlotJob, nodeId: string, run: Pick<RunData, 'watermarkHistory' | 'panes' | 'lateRecords' | 'batches'>, records: [number, number][], clockMs: number): PlotData {
  const sinks = job.edges.filter((e) => e.from === nodeId && (e.fromPort ?? 'out') === 'out').map((e) => `sink:${e.to}`);
  const panes = job.mode === 'dataflow' ? (run.panes[nodeId] ?? []) : sinks.flatMap((s) => run.panes[s] ?? []);
  const late = run.lateRecords.filter((r) => r.node === nodeId);
  // Micro-batch: the watermark a window sees is the one each batch used (Spark's global watermark).
  // Without a watermark node upstream Spark has no watermark at all (its 0 is no event time): none is drawn.
  const history: [number, number][] = job.mode === 'dataflow' ? (run.watermarkHistory[nodeId] ?? [])
    : hasWatermarkUpstream(job, nodeId) ? run.batches.map((b) => [b.startMs, b.watermarkMs]) : [];
  const watermark = history.filter(([, wm]) => Math.abs(wm) < 1e14);
  const { xMax, yMax } = domainOf(job, nodeId, run, records, clockMs);
  const node = job.nodes.find((n) => n.id === nodeId);
  const latenessMs = job.mode === 'dataflow' && node?.kind === 'window' ? (node.params.allowedLatenessMs ?? 0) : 0;
  const windows = node?.kind === 'window' ? windowSpans(node.params.assigner, records, panes, latenessMs > 0 ? watermark : [], latenessMs) : [];
  const batches: [number, number][] = job.mode === 'microbatch' ? run.batches.map((b) => [b.startMs, b.endMs]) : [];
  return { records, watermark, panes, late, windows, batches, latenessMs, xMax, yMax };
}

const watermarkUpstream = new WeakMap<PlotJob['nodes'], Map<string, boolean>>();
export function hasWatermarkUpstream(job: PlotJob, nodeId: string): boolean {
  let m = watermarkUpstream.get(job.nodes);
  if (!m) watermarkUpstream.set(job.nodes, (m = new Map()));
  let has = m.get(nodeId);
  if (has === undefined) {
    const graph = createGraph(job);
    m.set(nodeId, (has = [...upstreamOf(graph, nodeId)].some((id) => graph.nodes.get(id)?.kind === 'watermark')));
  }
  return has;
}

/**
 * The figure's scales: the run's end bounds both axes from the start, so the scales (and the dots
 * drawn with them) do not change while it plays; panes, watermarks and batches beyond it widen
 * them. In Compare the two engines' figures take the larger of their two domains: one scale.
 */
export function domainOf(job: PlotJob, nodeId: string, run: Pick<RunData, 'watermarkHistory' | 'panes' | 'batches'>, records: [number, number][], clockMs = 0): { xMax: number; yMax: number } {
  const until = job.settings.untilMs ?? 0;
  const r = extentOf(records);
  let xMax = Math.max(r.ts, until, 10_000);
  let yMax = Math.max(r.at, clockMs, until, 1_000);
  const sinks = job.edges.filter((e) => e.from === nodeId && (e.fromPort ?? 'out') === 'out').map((e) => `sink:${e.to}`);
  const panes = job.mode === 'dataflow' ? (run.panes[nodeId] ?? []) : sinks.flatMap((s) => run.panes[s] ?? []);
  for (const p of panes) (xMax = Math.max(xMax, p.endMs)), (yMax = Math.max(yMax, p.atMs));
  if (job.mode === 'dataflow') for (const [at, w] of run.watermarkHistory[nodeId] ?? []) if (Math.abs(w) < 1e14) (xMax = Math.max(xMax, w)), (yMax = Math.max(yMax, at));
  for (const b of run.batches) {
    if (Math.abs(b.watermarkMs) < 1e14) xMax = Math.max(xMax, b.watermarkMs);
    yMax = Math.max(yMax, b.endMs);
  }
  return { xMax, yMax };
}

/**
 * The event-time windows the records fall in, with each one's first arrival: worked out once per
 * set of records and assigner (they change with the job only), not at every telemetry update.
 */
const recordWindowCache = new WeakMap<readonly [number, number][], { assigner: Assigner; windows: [number, number, number][] }>();
function recordWindows(assigner: Assigner, records: readonly [number, number][]): [number, number, number][] {
  const cached = recordWindowCache.get(records);
  if (cached && cached.assigner === assigner) return cached.windows;
  const first = new Map<string, [number, number, number]>();
  if ((assigner.kind === 'tumbling' || assigner.kind === 'sliding') && assigner.time !== 'processing') {
    const size = assigner.sizeMs;
    const slide = assigner.kind === 'sliding' ? assigner.slideMs : size;
    for (const [ts, at] of records) {
      for (let start = Math.floor(ts / slide) * slide; start > ts - size; start -= slide) {
        const k = `${start}`;
        const w = first.get(k);
        if (!w) first.set(k, [start, start + size, at]);
        else if (at < w[2]) w[2] = at;
      }
    }
  }
  const windows = [...first.values()];
  recordWindowCache.set(records, { assigner, windows });
  return windows;
}

type Assigner = Extract<PlotJob['nodes'][number], { kind: 'window' }>['params']['assigner'];

/** At most this many window bands (a long run of short windows): the latest ones are kept. */
const MAX_WINDOWS = 2000;

export function windowSpans(assigner: Assigner, records: readonly [number, number][], panes: readonly Pane[], watermark: readonly [number, number][], latenessMs: number): WindowSpan[] {
  const byWindow = new Map<string, WindowSpan>();
  const add = (startMs: number, endMs: number, atMs: number) => {
    const k = `${startMs}:${endMs}`;
    const w = byWindow.get(k);
    if (!w) byWindow.set(k, { startMs, endMs, firstAtMs: atMs, firedAtMs: null, horizonAtMs: null });
    else if (atMs < w.firstAtMs) w.firstAtMs = atMs;
  };
  for (const [startMs, endMs, atMs] of recordWindows(assigner, records)) add(startMs, endMs, atMs);
  // Windows the records do not tell (sessions, a global window) start where they first fired.
  for (const p of panes) {
    add(p.startMs, p.endMs, p.atMs);
    const w = byWindow.get(`${p.startMs}:${p.endMs}`)!;
    if (w.firedAtMs === null || p.atMs < w.firedAtMs) w.firedAtMs = p.atMs;
  }
  const spans = [...byWindow.values()].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs).slice(-MAX_WINDOWS);
  if (latenessMs > 0) {
    // Flink drops a window's state when the watermark reaches end − 1 + allowed lateness.
    // The watermark never goes back: a binary search finds where it first reached each horizon.
    for (const w of spans) {
      const target = w.endMs - 1 + latenessMs;
      let lo = 0;
      let hi = watermark.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (watermark[mid]![1] >= target) hi = mid;
        else lo = mid + 1;
      }
      w.horizonAtMs = watermark[lo]?.[0] ?? null;
    }
  }
  return spans;
}

/** The records' largest event time and arrival, worked out once per set of records (they change with the job only). */
const extents = new WeakMap<[number, number][], { ts: number; at: number }>();
function extentOf(records: [number, number][]): { ts: number; at: number } {
  let e = extents.get(records);
  if (!e) {
    e = { ts: -Infinity, at: -Infinity };
    for (const [ts, at] of records) (e.ts = Math.max(e.ts, ts)), (e.at = Math.max(e.at, at));
    extents.set(records, e);
  }
  return e;
}
