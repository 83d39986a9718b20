// The records of the sources upstream of a node, as the run reads them: what the event-time plot
// draws as dots. The page does not run the engine: the worker calls this when it loads a job.
import { createGraph, DEFAULT_UNTIL_MS, upstreamOf } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';
import { createSourceCursor } from './index.ts';

/** At most this many record dots per plot (a generator at 10,000/s would draw a million). */
export const MAX_PLOT_RECORDS = 3000;

/**
 * The records of the sources upstream of a node as [event time, arrival]: scripted records as
 * written, generated ones by running the source's own seeded generator (the engine's, so the dots
 * are the records the run reads) up to the end of the run. A generator that would give more than
 * its share of `cap` dots gives every k-th record (`stride`), so the dots still cover the run.
 */
export function readSourceRecords(job: Pick<Job, 'nodes' | 'edges' | 'settings'>, nodeId: string, cap = MAX_PLOT_RECORDS): { records: [number, number][]; stride: number } {
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

