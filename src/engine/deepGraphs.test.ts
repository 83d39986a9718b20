// Deep graphs: a chain of 2,000 filters (and of 4,998, the node limit with a source and a sink) runs
// in both modes with the same result; dataflow used to overflow the stack handing a record on.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../model/index.ts';
import { runJob } from './simulation.ts';
import type { Mode } from '../model/index.ts';

function chain(n: number, mode: Mode) {
  const nodes: Record<string, unknown>[] = [
    { id: 'src', kind: 'source', params: { partitions: 2, records: [{ ts: 1000, at: 0, v: 1 }, { ts: 2000, at: 5, v: -1, partition: 1 }, { ts: 3000, at: 9, v: 3 }] } },
    { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
  ];
  const edges = [{ from: 'src', to: 'wm' }];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `f${i}`, kind: 'filter', params: { predicate: 'v > 0' } });
    edges.push({ from: i === 0 ? 'wm' : `f${i - 1}`, to: `f${i}` });
  }
  nodes.push({ id: 'out', kind: 'sink', params: {} });
  edges.push({ from: `f${n - 1}`, to: 'out' });
  const parsed = parseJob({ format: 'streamlab.job/v1', mode, nodes, edges });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.job;
}

describe('deep graphs', () => {
  for (const n of [2000, 4997]) {
    it(`a chain of ${n} filters runs in both modes with the same records`, () => {
      const seen = (['dataflow', 'microbatch'] as const).map((mode) => {
        const r = runJob(chain(n, mode));
        expect(r.limitReached).toBeUndefined();
        return r.sinks.out.map((w) => w.record.v);
      });
      expect(seen[0]).toEqual([1, 3]);
      expect(seen[1]).toEqual([1, 3]);
    }, 60_000);
  }
});
