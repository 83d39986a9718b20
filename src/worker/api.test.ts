import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Fact, Job } from '../model/index.ts';
import type { Simulation, SimulationOptions } from '../engine/index.ts';
import { createWorkerApi } from './api.ts';
import type { EngineRunPatch } from './api.ts';
import { applyPatch } from '../telemetry/patch.ts';
import { emptyRunData } from '../telemetry/reduceFacts.ts';
import type { RunData } from '../telemetry/reduceFacts.ts';

const job = JSON.parse(readFileSync(new URL('../../public/scenarios/late-data.json', import.meta.url), 'utf8'));

/** A stand-in simulation: one watermark fact per simulated second. */
function fakeSimulation(_job: Job, options: SimulationOptions): Simulation {
  let now = 0;
  const end = 5000;
  const advance = (to: number) => {
    const facts: Fact[] = [];
    while (now < Math.min(to, end)) {
      now += 1000;
      facts.push({ type: 'watermark.advanced', atMs: now, node: 'count', watermarkMs: now - 2000 }); // a window: its history is kept
    }
    if (facts.length) options.onFacts?.(facts);
  };
  return {
    mode: options.mode ?? 'dataflow',
    nowMs: () => now,
    step: () => (advance(now + 1000), now < end),
    runUntil: advance,
    runToEnd: () => advance(end),
    isDone: () => now >= end,
    result: () => ({ format: 'streamlab.result/v1', mode: 'dataflow', sinks: {}, sideOutputs: {}, lateRecords: [],
      droppedLate: {}, watermarks: {}, batches: [], checkpoints: [], failures: [], notes: [], metrics: {} }),
    dispose: () => {},
  };
}

function manualTimer() {
  const queue: (() => void)[] = [];
  let t = 0;
  return {
    schedule: (fn: () => void) => (queue.push(fn), queue.length),
    cancel: () => { queue.length = 0; },
    tick: () => queue.splice(0).forEach((fn) => fn()),
    pending: () => queue.length,
    now: () => t,
    advance: (ms: number) => void (t += ms),
  };
}

/** The page's side: each delivery applied to its copy of the engine runs. */
function page() {
  const runs: Partial<Record<'microbatch' | 'dataflow', RunData>> = {};
  const deliveries: EngineRunPatch[][] = [];
  const listener = (patches: EngineRunPatch[]) => {
    deliveries.push(patches);
    for (const p of patches) runs[p.mode] = applyPatch(runs[p.mode] ?? emptyRunData(), p.patch);
  };
  return { runs, deliveries, listener };
}

describe('worker api', () => {
  it('rejects an invalid job with paths', () => {
    const api = createWorkerApi({ createSimulation: fakeSimulation });
    const out = api.load({ format: 'streamlab.job/v1', nodes: [] }, 'dataflow');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems[0]!.path).toBe('nodes');
  });

  it('delivers what a call changed in one patch, before the call answers', () => {
    const timer = manualTimer();
    const api = createWorkerApi({ createSimulation: fakeSimulation, ...timer });
    const { runs, deliveries, listener } = page();
    api.setListener(listener);
    expect(api.load(job, 'dataflow').ok).toBe(true);
    api.runUntil(2000);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.map((b) => b.mode)).toEqual(['dataflow']);
    expect(runs.dataflow!.watermarkHistory.count).toEqual([[1000, -1000], [2000, 0]]);
    api.runUntil(3000);
    expect(deliveries[1]![0]!.patch).toMatchObject({ keys: { watermarkHistory: { keys: { count: { keep: [0, 2], append: [[3000, 1000]] } } } } });
    expect(timer.pending()).toBe(0);
    api.runUntil(3000);
    expect(deliveries).toHaveLength(2); // nothing new, nothing sent
  });

  it('sends a big delivery in parts that rebuild the same run on the page', () => {
    const api = createWorkerApi({ schedule: () => 0, cancel: () => {} });
    const { runs, deliveries, listener } = page();
    api.setListener(listener);
    const big = { ...job, settings: { ...job.settings, untilMs: 600_000 } };
    big.nodes = big.nodes.map((n: { kind: string; params: Record<string, unknown> }) => n.kind === 'source' ? { ...n, params: { ...n.params, generator: { ratePerSec: 200, keys: ['a', 'b'], value: { kind: 'uniform', min: 1, max: 9 }, maxOutOfOrdernessMs: 500, late: { fraction: 0.05, byMs: 8000 } }, records: undefined } } : n);
    expect(api.load(big, 'dataflow').ok).toBe(true);
    api.runUntil(600_000);
    expect(deliveries.length).toBeGreaterThan(1);
    // The same run delivered second by second, in small patches, gives the page the same state.
    const stepwise = createWorkerApi({ schedule: () => 0, cancel: () => {} });
    let small = emptyRunData();
    stepwise.setListener((patches) => patches.forEach((p) => (small = applyPatch(small, p.patch))));
    stepwise.load(big, 'dataflow');
    for (let t = 1000; t <= 600_000; t += 1000) stepwise.runUntil(t);
    // (Checkpoints that came in a burst keep their breakdown only among the last ones shown.)
    const { checkpoints: a, ...got } = runs.dataflow!;
    const { checkpoints: b, ...want } = small;
    expect(got).toEqual(want);
    expect(a.map((c) => [c.id, c.status])).toEqual(b.map((c) => [c.id, c.status]));
    expect(runs.dataflow!.lateRecords.length).toBeGreaterThan(100);
  });

  it('while playing, delivers at most once per pace, and at once when the run ends', () => {
    const timer = manualTimer();
    const api = createWorkerApi({ createSimulation: fakeSimulation, ...timer });
    const { runs, deliveries, listener } = page();
    api.setListener(listener);
    api.load(job, 'dataflow');
    api.runUntil(1000, 100);
    expect(deliveries).toHaveLength(1); // the first goes at once
    timer.advance(40);
    api.runUntil(2000, 100);
    api.runUntil(3000, 100);
    expect(deliveries).toHaveLength(1);
    expect(timer.pending()).toBe(1);
    timer.advance(60);
    timer.tick();
    expect(deliveries).toHaveLength(2);
    expect(runs.dataflow!.nowMs).toBe(3000);
    timer.advance(10);
    api.runUntil(4000, 100);
    api.flush(); // a pause does not wait for the pace
    expect(deliveries).toHaveLength(3);
    timer.advance(10);
    api.runUntil(9000, 100);
    expect(deliveries).toHaveLength(4);
    expect(runs.dataflow!.nowMs).toBe(5000);
  });

  it('is pull-driven: steps, runs to a time, reports done, resets', () => {
    const timer = manualTimer();
    const api = createWorkerApi({ createSimulation: fakeSimulation, ...timer });
    api.load(job, 'microbatch');
    expect(api.step()).toEqual({ nowMs: 1000, done: false, factCount: 1 });
    expect(api.runUntil(10_000).done).toBe(true);
    expect(api.flush()).toBe(0); // no listener: nothing delivered
    expect(api.reset()).toEqual({ nowMs: 0, done: false, factCount: 0 });
    expect(api.snapshot().mode).toBe('microbatch');
  });

  it('runs both modes on one clock in compare mode, delivering each mode\'s facts apart', () => {
    const timer = manualTimer();
    const api = createWorkerApi({ createSimulation: fakeSimulation, ...timer });
    const { runs, deliveries, listener } = page();
    api.setListener(listener);
    expect(api.load(job, 'compare').ok).toBe(true);
    expect(api.step()).toEqual({ nowMs: 1000, done: false, factCount: 2 });
    expect(api.runUntil(3000).nowMs).toBe(3000);
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1]!.map((b) => b.mode)).toEqual(['microbatch', 'dataflow']);
    expect(runs.microbatch!.watermarkHistory.count).toHaveLength(3);
    expect(runs.dataflow!.watermarkHistory.count).toHaveLength(3);
    expect(api.runToEnd()).toMatchObject({ nowMs: 5000, done: true });
    expect(Object.keys(api.snapshot().results)).toEqual(['microbatch', 'dataflow']);
  });

  it('names the mode a problem belongs to when comparing', () => {
    const api = createWorkerApi({ createSimulation: fakeSimulation });
    const out = api.load({ format: 'streamlab.job/v1', nodes: [] }, 'compare');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.map((p) => p.message)).toEqual([expect.stringContaining('(micro-batch)'), expect.stringContaining('(dataflow)')]);
  });

  it('delivers only plain, cloneable data', () => {
    const api = createWorkerApi({ createSimulation: fakeSimulation, schedule: () => 0, cancel: () => {} });
    const got: EngineRunPatch[] = [];
    api.setListener((batches) => void got.push(...batches));
    api.load(job, 'dataflow');
    api.runToEnd();
    api.flush();
    expect(structuredClone(got)).toEqual(got);
    expect(structuredClone(api.snapshot())).toEqual(api.snapshot());
  });
});

describe('worker api over the real engine', () => {
  it('runs the default scenario in both modes and reports late records', () => {
    for (const mode of ['microbatch', 'dataflow'] as const) {
      const api = createWorkerApi({ schedule: () => 0, cancel: () => {} });
      const { runs, listener } = page();
      api.setListener(listener);
      expect(api.load(job, mode).ok).toBe(true);
      for (let t = 1000; !api.runUntil(t, 100).done; t += 1000);
      const run = runs[mode]!;
      expect(run.nowMs).toBeGreaterThan(30_000); // the last patch came with the end of the run
      expect(Object.values(run.sinks).flat().length).toBeGreaterThan(0);
      expect(run.lateRecords.length).toBeGreaterThan(0);
      expect(run.lateRecords.every((r) => r.to === (mode === 'dataflow' ? 'late' : 'dropped'))).toBe(true);
    }
  });
});

describe('squashing what is folded', () => {
  it('folds one record.emitted per edge and one watermark per node per hand-over, keeping the drawn histories', async () => {
    const { squashFacts } = await import('./api.ts');
    const { emptyRunData, reduceFacts } = await import('../telemetry/reduceFacts.ts');
    const facts: Fact[] = [
      { type: 'record.emitted', atMs: 100, from: 'a', to: 'b', fromPort: 'out', count: 2 },
      { type: 'watermark.advanced', atMs: 150, node: 'b', watermarkMs: 10 },
      { type: 'record.emitted', atMs: 200, from: 'a', to: 'b', fromPort: 'out', count: 3 },
      { type: 'record.emitted', atMs: 200, from: 'b', to: 'c', fromPort: 'late', count: 1 },
    ];
    const squashed = squashFacts(facts);
    expect(squashed).toEqual([facts[1], { ...facts[0], atMs: 200, count: 5 }, facts[3]]);
    expect(reduceFacts(emptyRunData(), squashed)).toEqual(reduceFacts(emptyRunData(), facts));
    const watermarks: Fact[] = [
      { type: 'watermark.advanced', atMs: 100, node: 'wm', watermarkMs: 1 },
      { type: 'watermark.advanced', atMs: 100, node: 'win', watermarkMs: 1 },
      { type: 'watermark.advanced', atMs: 200, node: 'wm', watermarkMs: 2 },
      { type: 'watermark.advanced', atMs: 200, node: 'win', watermarkMs: 2 },
    ];
    const kept = squashFacts(watermarks, new Set(['win']));
    expect(kept).toEqual([watermarks[1], watermarks[2], watermarks[3]]);
    const [a, b] = [reduceFacts(emptyRunData(), kept), reduceFacts(emptyRunData(), watermarks)];
    expect(a.watermarks).toEqual(b.watermarks);
    expect(a.watermarkHistory.win).toEqual(b.watermarkHistory.win);
  });
});
