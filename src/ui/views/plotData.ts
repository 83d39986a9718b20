// What the event-time plot of one window operator draws, gathered from the job and the run.
import { createGraph, upstreamOf } from '../../engine/index.ts';
import type { Job, LateRecord } from '../../engine/index.ts';
import type { Pane, RunData } from '../run/reduceFacts.ts';

export type PlotData = {
  /** Scripted records upstream of the node: [event time, arrival]. */
  records: [number, number][];
  watermark: [number, number][];
  panes: Pane[];
  late: LateRecord[];
  xMax: number;
  yMax: number;
};

export function scriptedRecordsUpstream(job: Pick<Job, 'nodes' | 'edges'>, nodeId: string): [number, number][] {
  const graph = createGraph(job);
  const out: [number, number][] = [];
  for (const id of upstreamOf(graph, nodeId)) {
    const n = graph.nodes.get(id);
    if (n?.kind !== 'source') continue;
    for (const item of n.params.records ?? []) if ('ts' in item) out.push([item.ts, item.at]);
  }
  return out;
}

export type PlotJob = Pick<Job, 'nodes' | 'edges' | 'mode' | 'settings'>;

export function plotDataFor(job: PlotJob, nodeId: string, run: Pick<RunData, 'watermarkHistory' | 'panes' | 'lateRecords' | 'batches'>, records: [number, number][], clockMs: number): PlotData {
  const sinks = job.edges.filter((e) => e.from === nodeId && (e.fromPort ?? 'out') === 'out').map((e) => `sink:${e.to}`);
  const panes = job.mode === 'dataflow' ? (run.panes[nodeId] ?? []) : sinks.flatMap((s) => run.panes[s] ?? []);
  const late = run.lateRecords.filter((r) => r.node === nodeId);
  // Micro-batch: the watermark a window sees is the one each batch used (Spark's global watermark).
  const history: [number, number][] = job.mode === 'dataflow' ? (run.watermarkHistory[nodeId] ?? []) : run.batches.map((b) => [b.startMs, b.watermarkMs]);
  const watermark = history.filter(([, wm]) => Math.abs(wm) < 1e14);
  const xs = [...records.map(([ts]) => ts), ...panes.map((p) => p.endMs), ...watermark.map(([, w]) => w), 10_000];
  const ys = [...records.map(([, at]) => at), clockMs, job.settings.untilMs ?? 0, 1_000];
  return { records, watermark, panes, late, xMax: Math.max(...xs), yMax: Math.max(...ys) };
}
