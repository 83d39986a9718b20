// What the event-time plot of one window operator draws, gathered from the job and the run.
import { createGraph, upstreamOf } from '../../engine/index.ts';
import type { Job, LateRecord } from '../../engine/index.ts';
import { DEFAULT_UNTIL_MS } from '../../engine/simulation.ts';
import { createSourceCursor } from '../../engine/sources/index.ts';
import type { Pane, RunData } from '../../telemetry/reduceFacts.ts';

export type PlotData = {
  /** Records of the sources upstream of the node: [event time, arrival]. */
  records: [number, number][];
  watermark: [number, number][];
  panes: Pane[];
  late: LateRecord[];
  xMax: number;
  yMax: number;
};

/** At most this many record dots per plot (a generator at 10,000/s would draw a million). */
export const MAX_PLOT_RECORDS = 3000;

/**
 * The records of the sources upstream of a node as [event time, arrival]: scripted records as
 * written, generated ones by running the source's own seeded generator (the engine's, so the dots
 * are the records the run reads) up to the end of the run. A generator that would give more than
 * its share of `cap` dots gives every k-th record (`stride`), so the dots still cover the run.
 */
export function recordsUpstream(job: Pick<Job, 'nodes' | 'edges' | 'settings'>, nodeId: string, cap = MAX_PLOT_RECORDS): { records: [number, number][]; stride: number } {
  const graph = createGraph(job);
  const sources = [...upstreamOf(graph, nodeId)].map((id) => graph.nodes.get(id)).filter((n) => n?.kind === 'source');
  const share = Math.max(1, Math.floor(cap / Math.max(1, sources.length)));
  const out: [number, number][] = [];
  let stride = 1;
  for (const n of sources) {
    if (n?.kind !== 'source') continue;
    if (!n.params.generator) {
      for (const item of n.params.records ?? []) if ('ts' in item) out.push([item.ts, item.at]);
      continue;
    }
    const g = n.params.generator;
    const endMs = Math.min(job.settings.untilMs ?? Infinity, g.endMs ?? DEFAULT_UNTIL_MS);
    const expected = Math.max(0, ((endMs - (g.startMs ?? 0)) * g.ratePerSec) / 1000);
    const k = Math.max(1, Math.ceil(expected / share));
    stride = Math.max(stride, k);
    const cursor = createSourceCursor(n, job.settings.seed);
    for (let i = 0, at = cursor.peekAtMs(); at !== undefined && at <= endMs && out.length < cap; i++, at = cursor.peekAtMs()) {
      const item = cursor.next();
      if (i % k === 0 && item.kind === 'record' && typeof item.row.ts === 'number') out.push([item.row.ts, item.atMs]);
    }
  }
  return { records: out, stride };
}

export type PlotJob = Pick<Job, 'nodes' | 'edges' | 'mode' | 'settings'>;

export function plotDataFor(job: PlotJob, nodeId: string, run: Pick<RunData, 'watermarkHistory' | 'panes' | 'lateRecords' | 'batches'>, records: [number, number][], clockMs: number): PlotData {
  const sinks = job.edges.filter((e) => e.from === nodeId && (e.fromPort ?? 'out') === 'out').map((e) => `sink:${e.to}`);
  const panes = job.mode === 'dataflow' ? (run.panes[nodeId] ?? []) : sinks.flatMap((s) => run.panes[s] ?? []);
  const late = run.lateRecords.filter((r) => r.node === nodeId);
  // Micro-batch: the watermark a window sees is the one each batch used (Spark's global watermark).
  const history: [number, number][] = job.mode === 'dataflow' ? (run.watermarkHistory[nodeId] ?? []) : run.batches.map((b) => [b.startMs, b.watermarkMs]);
  const watermark = history.filter(([, wm]) => Math.abs(wm) < 1e14);
  // The run's end bounds both axes from the start, so the scales (and the dots drawn with them)
  // do not change while it plays.
  const until = job.settings.untilMs ?? 0;
  const r = extentOf(records);
  let xMax = Math.max(r.ts, until, 10_000);
  for (const p of panes) if (p.endMs > xMax) xMax = p.endMs;
  for (const [, w] of watermark) if (w > xMax) xMax = w;
  return { records, watermark, panes, late, xMax, yMax: Math.max(r.at, clockMs, until, 1_000) };
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
