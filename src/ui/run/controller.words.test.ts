// Step, Next event and the scenario's start, driven through the controller over the real worker API
// in-process (issue 12, "Words that are always right" and "Pacing").
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Job } from '../../model/index.ts';
import { createWorkerApi } from '../../worker/api.ts';
import type { PatchListener } from '../../worker/api.ts';
import { createRunController } from './controller.ts';
import { engineRuns, useRun } from './runStore.ts';
import type { EngineClient } from './workerClient.ts';

const scenario = (id: string) => JSON.parse(readFileSync(new URL(`../../../public/scenarios/${id}.json`, import.meta.url), 'utf8')) as Job;

async function startClient(onPatches: PatchListener): Promise<EngineClient> {
  const api = createWorkerApi({ schedule: (fn) => (queueMicrotask(fn), 0), cancel: () => {} });
  api.setListener(onPatches);
  const asyncApi = new Proxy(api, {
    get: (target, key) => (...args: unknown[]) => Promise.resolve((target as unknown as Record<string, (...a: unknown[]) => unknown>)[key as string]!(...args)),
  });
  return { api: asyncApi as unknown as EngineClient['api'], terminate: () => {} };
}

const controller = () => createRunController({ startClient, now: () => 0, frame: () => {} });

describe('Step and Next event', () => {
  beforeEach(() => useRun.setState({ phase: 'idle', message: null, clockMs: 0, stepNote: null }));

  it('micro-batch: one Step is one batch, and says which batch it ran', async () => {
    const c = controller();
    await c.load(scenario('late-data'), 'microbatch');
    await c.step();
    expect(engineRuns.microbatch.getState().batches.map((b) => b.batchId)).toEqual([0]);
    expect(useRun.getState().stepNote).toMatch(/^Step to [\d.]+ s: Batch 0 read 1 record with no watermark yet: it is the first batch/);
    await c.step();
    expect(engineRuns.microbatch.getState().batches.map((b) => b.batchId)).toEqual([0, 1]);
    expect(useRun.getState().stepNote).toMatch(/Batch 1 read/);
  });

  it('dataflow: one Step is one event, and says what it did', async () => {
    const c = controller();
    await c.load(scenario('late-data'), 'dataflow');
    const notes: string[] = [];
    for (let i = 0; i < 30; i++) {
      await c.step();
      notes.push(useRun.getState().stepNote!);
    }
    expect(notes.every((n) => /^Step to [\d.]+ m?s: /.test(n))).toBe(true);
    expect(notes.some((n) => /Clicks read 1 record/.test(n))).toBe(true);
    expect(notes.some((n) => /nothing shown changed/.test(n))).toBe(true);
  });

  it('Next event skips idle processing time to the next thing shown: the first score of the team scores', async () => {
    const c = controller();
    const job = scenario('team-score-perfect');
    delete (job as { startAtMs?: number }).startAtMs;
    await c.load(job, 'dataflow');
    expect(useRun.getState().clockMs).toBe(0);
    await c.nextEvent();
    // Julie's 5 arrives at 12:04:59; the records an instant moved are counted when the clock next moves.
    expect(useRun.getState().clockMs).toBeGreaterThanOrEqual(299_000);
    expect(useRun.getState().clockMs).toBeLessThanOrEqual(300_000);
    expect(useRun.getState().stepNote).toMatch(/^Next event to (4 min 59 s|5 min): Scores, perfect watermark read 1 record; Key by team sent 1 record to Sum per 2 min/);
    expect(engineRuns.dataflow.getState().counts.total?.in).toBe(1);
  });

  it('a scenario starts where its story starts (startAtMs), and a scrub back can still go before it', async () => {
    const c = controller();
    const job = scenario('team-score-perfect');
    const start = (job as { startAtMs?: number }).startAtMs!;
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(299_000);
    await c.load(job, 'compare');
    expect(useRun.getState()).toMatchObject({ clockMs: start, phase: 'paused' });
    await c.seek(1000);
    expect(useRun.getState().clockMs).toBe(1000);
    await c.reset();
    expect(useRun.getState().clockMs).toBe(start);
  });

  it('play clears what the last step said', async () => {
    const c = controller();
    await c.load(scenario('late-data'), 'dataflow');
    await c.step();
    expect(useRun.getState().stepNote).not.toBeNull();
    c.play();
    expect(useRun.getState().stepNote).toBeNull();
    c.pause();
  });
});
