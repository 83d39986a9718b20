import { describe, expect, it } from 'vitest';
import { parseJob } from '../../model/index.ts';
import { benchJob } from './graph.ts';

describe('bench:ui graphs', () => {
  it.each([30, 300])('%i nodes: a valid job in both modes, laid out', (nodes) => {
    const job = benchJob({ nodes });
    expect(job.nodes).toHaveLength(nodes);
    expect(Object.keys(job.layout ?? {})).toHaveLength(nodes);
    for (const mode of ['dataflow', 'microbatch'] as const) {
      const r = parseJob(job, { mode });
      expect(r.ok ? [] : r.problems).toEqual([]);
    }
  });
});
