// The generator's keySkew (job-format: keys drawn from a Zipf distribution with that exponent).
import { describe, expect, it } from 'vitest';
import { jobSchema, type JobNode } from '../../model/index.ts';
import { createSourceCursor } from './index.ts';

function keyCounts(keySkew: number | undefined, records = 20_000): Map<unknown, number> {
  const job = jobSchema.parse({
    format: 'streamlab.job/v1',
    nodes: [{ id: 'src', kind: 'source', params: { generator: { ratePerSec: 1000, keys: 10, endMs: records, ...(keySkew !== undefined ? { keySkew } : {}) } } }, { id: 'out', kind: 'sink', params: {} }],
    edges: [{ from: 'src', to: 'out' }],
  });
  const cursor = createSourceCursor(job.nodes[0] as Extract<JobNode, { kind: 'source' }>, 1);
  const counts = new Map<unknown, number>();
  for (let at = cursor.peekAtMs(); at !== undefined; at = cursor.peekAtMs()) {
    const item = cursor.next();
    if (item.kind === 'record') counts.set(item.row.key, (counts.get(item.row.key) ?? 0) + 1);
  }
  return counts;
}

describe('generator keySkew (Zipf)', () => {
  it('without keySkew keys are uniform', () => {
    const counts = keyCounts(undefined);
    for (const n of counts.values()) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });

  it('keySkew 1.2: key i is drawn with probability ∝ 1/(i+1)^1.2, so k0 is hot', () => {
    const counts = keyCounts(1.2);
    const h = Array.from({ length: 10 }, (_, i) => 1 / Math.pow(i + 1, 1.2)).reduce((a, b) => a + b, 0);
    for (let i = 0; i < 10; i++) {
      const expected = (20_000 / Math.pow(i + 1, 1.2)) / h;
      expect(Math.abs(counts.get(`k${i}`)! - expected), `k${i}`).toBeLessThan(Math.max(60, expected * 0.1));
    }
    expect(counts.get('k0')!).toBeGreaterThan(3 * 2000); // about 39 % of the records
  });
});
