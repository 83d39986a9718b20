import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Fact, Job, Simulation, SimulationOptions } from '../engine/index.ts';
import { createWorkerApi } from './api.ts';
import type { FactBatch } from './api.ts';

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
  return {
    schedule: (fn: () => void) => (queue.push(fn), queue.length),
    cancel: () => { queue.length = 0; },
    tick: () => queue.splice(0).forEach((fn) => fn()),
    pending: () => queue.length,
  };
}

describe('worker api', () => {
  it('rejects an invalid job with paths', () => {
    const api = createWorkerApi({ createSimulation: fakeSimulation });
    const out = api.load({ format: 'streamlab.job/v1', nodes: [] }, 'dataflow');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems[0]!.path).toBe('nodes');
  });

  it('delivers the facts of a call in one batch, before the call answers', () => {
    const timer = manualTimer();
    const api = createWorkerApi({ createSimulation: fakeSimulation, ...timer });
    const deliveries: FactBatch[][] = [];
    api.setListener((batches) => void deliveries.push(batches));
    expect(api.load(job, 'dataflow').ok).toBe(true);
    api.runUntil(2000);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.map((b) => b.mode)).toEqual(['dataflow']);
    expect(deliveries[0]![0]!.facts.map((f) => f.atMs)).toEqual([1000, 2000]);
    api.runUntil(3000);
    expect(deliveries[1]![0]!.facts.map((f) => f.atMs)).toEqual([3000]);
    expect(timer.pending()).toBe(0);
    api.runUntil(3000);
    expect(deliveries).toHaveLength(2); // nothing new, nothing sent
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
    const deliveries: FactBatch[][] = [];
    api.setListener((batches) => void deliveries.push(batches));
    expect(api.load(job, 'compare').ok).toBe(true);
    expect(api.step()).toEqual({ nowMs: 1000, done: false, factCount: 2 });
    expect(api.runUntil(3000).nowMs).toBe(3000);
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1]!.map((b) => [b.mode, b.facts.length])).toEqual([['microbatch', 2], ['dataflow', 2]]);
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
    const got: FactBatch[] = [];
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
      const facts: Fact[] = [];
      api.setListener((batches) => batches.forEach((b) => facts.push(...b.facts)));
      expect(api.load(job, mode).ok).toBe(true);
      const status = api.runToEnd();
      api.flush();
      expect(status.done).toBe(true);
      expect(facts.some((f) => f.type === 'record.written')).toBe(true);
      const late = facts.filter((f) => f.type === 'record.late');
      expect(late.length).toBeGreaterThan(0);
      expect(late.every((f) => f.to === (mode === 'dataflow' ? 'late' : 'dropped'))).toBe(true);
    }
  });
});

describe('squashing what crosses to the page', () => {
  it('sends one record.emitted per edge and one watermark per node per delivery, keeping the drawn histories', async () => {
    const { squashFacts } = await import('./api.ts');
    const { emptyRunData, reduceFacts } = await import('../ui/run/reduceFacts.ts');
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
