// What the event-time plot of one window operator draws, gathered from the job and the run.
import type { Job, LateRecord } from '../../model/index.ts';
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
