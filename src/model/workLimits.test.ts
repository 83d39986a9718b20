// Work limits (job-format.md "Work limits"): a job whose work cannot fit is refused before it runs,
// with a message that names what is too big, the estimate and the limit; jobs just inside run.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WORK_LIMITS } from './limits.ts';
import { formatProblem, parseJob } from './validate.ts';

type Doc = Record<string, any>;

const errorsOf = (doc: unknown, options: { untilMs?: number } = {}): string[] => {
  const r = parseJob(doc, options);
  return r.ok ? [] : r.problems.map(formatProblem);
};

const generatorJob = (generator: Doc, settings: Doc = {}, mode = 'dataflow', window: Doc | null = null): Doc => ({
  format: 'streamlab.job/v1',
  mode,
  settings,
  nodes: [
    { id: 'src', kind: 'source', params: { connector: 'rate', generator } },
    { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
    { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
    { id: 'win', kind: 'window', params: { assigner: window ?? { kind: 'tumbling', sizeMs: 1000 }, aggregate: { fn: 'count' } } },
    { id: 'out', kind: 'sink', params: {} },
  ],
  edges: [
    { from: 'src', to: 'wm' },
    { from: 'wm', to: 'kb' },
    { from: 'kb', to: 'win' },
    { from: 'win', to: 'out' },
  ],
});

describe('work limits', () => {
  it('refuses a record in more sliding windows than the limit, with the estimate and the limit', () => {
    const doc = generatorJob({ ratePerSec: 1, keys: 1, endMs: 1000 }, {}, 'dataflow', { kind: 'sliding', sizeMs: 86_400_000, slideMs: 1 });
    expect(errorsOf(doc)).toEqual([
      'nodes[3].params.assigner: a 1 day window sliding every 1 ms puts each record in 86,400,000 windows; at most 100,000',
    ]);
    const inside = generatorJob({ ratePerSec: 1, keys: 1, endMs: 1000 }, {}, 'dataflow', { kind: 'sliding', sizeMs: 100_000, slideMs: 1 });
    expect(errorsOf(inside)).toEqual([]);
  });

  it('refuses more generated records than the limit (rate × duration), per source and in total', () => {
    const doc = generatorJob({ ratePerSec: 10_000_000, keys: 3 }, { untilMs: 1e12 });
    expect(errorsOf(doc)[0]).toBe(
      'nodes[0].params.generator.ratePerSec: 10,000,000 records/s from 0 until 1,000,000,000,000 ms makes 10,000,000,000,000,000 records; at most 20,000,000 per run',
    );
    // The same rate for 1 s is fine; --until counts like settings.untilMs.
    expect(errorsOf(generatorJob({ ratePerSec: 10_000_000, keys: 3 }, { untilMs: 1000 }))).toEqual([]);
    expect(errorsOf(generatorJob({ ratePerSec: 10_000_000, keys: 3 }, { untilMs: 1000 }), { untilMs: 10_000 })[0]).toMatch(/makes 100,000,000 records/);
    // Two sources each below the limit, together above it.
    const two = generatorJob({ ratePerSec: 150_000, keys: 3, endMs: 100_000 });
    two.nodes.push({ id: 'src2', kind: 'source', params: { connector: 'rate', generator: { ratePerSec: 150_000, keys: 3, endMs: 100_000 } } });
    two.edges.push({ from: 'src2', to: 'wm' });
    expect(errorsOf(two)).toContain('nodes: the sources make 30,000,000 records together; at most 20,000,000 per run');
  });

  it('refuses keyed state beyond the limit (generated keys × windows per record)', () => {
    const doc = generatorJob({ ratePerSec: 100_000, keys: 10_000_000, endMs: 100_000 });
    expect(errorsOf(doc)).toEqual(['nodes[3]: 10,000,000 generated keys make about 10,000,000 rows of state; at most 5,000,000']);
    // Few records: only as many keys as records can appear.
    expect(errorsOf(generatorJob({ ratePerSec: 10, keys: 10_000_000, endMs: 100_000 }))).toEqual([]);
  });

  it('counts paths through stacked diamonds without enumerating them (40 diamonds: 2^40 paths)', () => {
    const nodes: Doc[] = [{ id: 'src', kind: 'source', params: { records: [{ ts: 1, at: 0 }] } }];
    const edges: Doc[] = [];
    let last = 'src';
    for (let i = 0; i < 40; i++) {
      nodes.push({ id: `a${i}`, kind: 'filter', params: { predicate: 'true' } }, { id: `b${i}`, kind: 'filter', params: { predicate: 'true' } }, { id: `u${i}`, kind: 'union', params: {} });
      edges.push({ from: last, to: `a${i}` }, { from: last, to: `b${i}` }, { from: `a${i}`, to: `u${i}` }, { from: `b${i}`, to: `u${i}` });
      last = `u${i}`;
    }
    nodes.push({ id: 'out', kind: 'sink', params: {} });
    edges.push({ from: last, to: 'out' });
    const t0 = performance.now();
    const errors = errorsOf({ format: 'streamlab.job/v1', nodes, edges });
    expect(performance.now() - t0).toBeLessThan(5000);
    // 2^17 = 131,072 is the first count above 100,000: u16 is the 17th union.
    expect(errors).toEqual([
      `nodes[${1 + 16 * 3 + 2}]: 131,072 paths lead from the sources to "u16" (stacked splits and unions), so each record reaches it 131,072 times; at most 100,000`,
    ]);
    // 16 diamonds (65,536 paths) are within the limit.
    const cut = nodes.findIndex((n) => n.id === 'a16');
    const small = { format: 'streamlab.job/v1', nodes: [...nodes.slice(0, cut), { id: 'out', kind: 'sink', params: {} }], edges: [...edges.filter((e) => nodes.slice(0, cut).some((n) => n.id === e.to)), { from: 'u15', to: 'out' }] };
    expect(errorsOf(small)).toEqual([]);
  });

  it('refuses a fan-out whose records × sinks exceed the records handled', () => {
    const nodes: Doc[] = [{ id: 'src', kind: 'source', params: { connector: 'rate', generator: { ratePerSec: 1000, keys: 10, endMs: 60_000 } } }];
    const edges: Doc[] = [];
    for (let i = 0; i < 4999; i++) {
      nodes.push({ id: `out${i}`, kind: 'sink', params: {} });
      edges.push({ from: 'src', to: `out${i}` });
    }
    const errors = errorsOf({ format: 'streamlab.job/v1', nodes, edges });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^nodes\[\d+\]: the operators would handle about 300,000,000 records .*; at most 100,000,000$/);
    // One scripted record to 4,999 sinks is little work.
    nodes[0] = { id: 'src', kind: 'source', params: { records: [{ ts: 1, at: 0 }] } };
    expect(errorsOf({ format: 'streamlab.job/v1', nodes, edges })).toEqual([]);
  });

  it('refuses timer events that cannot fit: a 1 ms watermark interval or a 0 ms trigger until 10^12', () => {
    const ticking = generatorJob({ ratePerSec: 0.001, keys: 1 }, { untilMs: 1e12, dataflow: { autoWatermarkIntervalMs: 1 } });
    expect(errorsOf(ticking)).toEqual([
      'settings.dataflow.autoWatermarkIntervalMs: a watermark every 1 ms for 1,000,000,000 s is 1,000,000,000,000 ticks: about 5,005,000,000,000 timer events over 5 tasks; at most 20,000,000 (shorten the run or lengthen the interval)',
    ]);
    const batches = generatorJob({ ratePerSec: 0.001, keys: 1 }, { untilMs: 1e12, microbatch: { trigger: { kind: 'processingTime', intervalMs: 0 }, batchOverheadMs: 0, outputMode: 'update' } }, 'microbatch');
    expect(errorsOf(batches)).toEqual([
      'settings.microbatch.trigger: a 0 ms trigger for 1,000,000,000 s runs up to 2,000,002 micro-batches; at most 200,000 (shorten the run or lengthen the interval)',
    ]);
    // A scripted job ends when its input drains: untilMs 10^12 alone costs nothing.
    const scripted = { format: 'streamlab.job/v1', settings: { untilMs: 1e12, dataflow: { autoWatermarkIntervalMs: 1 } }, nodes: [{ id: 's', kind: 'source', params: { records: [{ ts: 1, at: 0 }] } }, { id: 'wm', kind: 'watermark', params: { delayMs: 0 } }, { id: 'o', kind: 'sink', params: {} }], edges: [{ from: 's', to: 'wm' }, { from: 'wm', to: 'o' }] };
    expect(errorsOf(scripted)).toEqual([]);
  });

  it('every scenario and every semantics case is far inside the limits', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const dirs = [path.join(root, 'public', 'scenarios'), path.resolve(root, '..', 'shared', 'cases'), path.resolve(root, '..', 'shared', 'cases', 'next')];
    let checked = 0;
    for (const dir of dirs) {
      let files: string[];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
      } catch {
        continue;
      }
      for (const f of files) {
        const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
        const job = doc.job ?? doc;
        if (job.format !== 'streamlab.job/v1') continue;
        const errors = errorsOf(job).filter((e) => /at most [\d,]+( per run)?( \(|$)/.test(e) && /estimate|records|windows|paths|state|timer|batches/.test(e));
        expect(errors, f).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(WORK_LIMITS.windowsPerRecord).toBe(100_000);
  });
});
