// The graphs `npm run bench:ui` draws and runs: chains of ten operators (generator source →
// watermark → map → filter → dedup → keyBy → tumbling window → map → filter → sink), one chain per
// row, as many chains as it takes to reach the node count. Each source emits `ratePerSec` records
// over three keys for `untilMs` of processing time, with a few late ones.
import { jobSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';

export const CHAIN = 10;

export type BenchGraph = { nodes: number; ratePerSec?: number; untilMs?: number; checkpointIntervalMs?: number };

export function benchJob({ nodes, ratePerSec = 50, untilMs = 120_000, checkpointIntervalMs = 5000 }: BenchGraph): Job {
  if (nodes % CHAIN !== 0) throw new Error(`node count must be a multiple of ${CHAIN}`);
  const chains = nodes / CHAIN;
  const jobNodes: unknown[] = [];
  const edges: { from: string; to: string }[] = [];
  const layout: Record<string, { x: number; y: number }> = {};
  for (let c = 0; c < chains; c++) {
    const id = (name: string) => `${name}${c}`;
    const chain = [
      { id: id('src'), kind: 'source', params: { connector: 'kafka', generator: { ratePerSec, keys: ['a', 'b', 'c'], value: { kind: 'uniform', min: 1, max: 10 }, maxOutOfOrdernessMs: 500, late: { fraction: 0.02, byMs: 8000 } } } },
      { id: id('wm'), kind: 'watermark', params: { delayMs: 1000 } },
      { id: id('double'), kind: 'map', params: { fields: { key: 'key', value: 'value * 2' } } },
      { id: id('big'), kind: 'filter', params: { predicate: 'value > 4' } },
      { id: id('once'), kind: 'dedup', params: { key: ['key', 'ts'], withinMs: 10_000 } },
      { id: id('byKey'), kind: 'keyBy', params: { key: 'key' } },
      { id: id('count'), kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 5000 }, aggregate: { fn: 'count', as: 'n' }, lateOutput: 'late' } },
      { id: id('label'), kind: 'map', params: { fields: { key: 'key', n: 'n', windowStart: 'windowStart', busy: 'n > 10' } } },
      { id: id('some'), kind: 'filter', params: { predicate: 'n > 0' } },
      { id: id('out'), kind: 'sink', params: { connector: 'kafka', delivery: 'at-least-once' } },
    ];
    chain.forEach((n, i) => {
      jobNodes.push(n);
      layout[n.id] = { x: i * 240, y: c * 150 };
      if (i > 0) edges.push({ from: chain[i - 1]!.id, to: n.id });
    });
  }
  return jobSchema.parse({
    format: 'streamlab.job/v1',
    name: `Benchmark: ${nodes} nodes`,
    mode: 'dataflow',
    settings: {
      seed: 7,
      untilMs,
      microbatch: { trigger: { kind: 'processingTime', intervalMs: 1000 } },
      dataflow: { checkpointing: { intervalMs: checkpointIntervalMs } },
    },
    nodes: jobNodes,
    edges,
    layout,
  }) as Job;
}
