import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Job } from '../../model/index.ts';
import { createWorkerApi } from '../../worker/api.ts';
import type { PatchListener } from '../../worker/api.ts';
import { createRunController } from './controller.ts';
import { engineRuns, useRun } from './runStore.ts';
import type { EngineClient } from './workerClient.ts';

const job = JSON.parse(readFileSync(new URL('../../../public/scenarios/late-data.json', import.meta.url), 'utf8')) as Job;

/** The real worker API in-process, behind the same async surface comlink gives. */
function fakeClients() {
  const started: { crash: (m: string) => void; terminated: boolean; hang: boolean }[] = [];
  const startClient = async (onPatches: PatchListener, onCrash: (m: string) => void): Promise<EngineClient> => {
    const api = createWorkerApi({ schedule: (fn) => (queueMicrotask(fn), 0), cancel: () => {} });
    api.setListener(onPatches);
    const entry = { crash: onCrash, terminated: false, hang: false };
    started.push(entry);
    const asyncApi = new Proxy(api, {
      get: (target, key) => (...args: unknown[]) =>
        entry.hang ? new Promise(() => {}) : Promise.resolve((target as unknown as Record<string, (...a: unknown[]) => unknown>)[key as string]!(...args)),
    });
    return { api: asyncApi as unknown as EngineClient['api'], terminate: () => void (entry.terminated = true) };
  };
  return { started, startClient };
}

function manualFrames() {
  const queue: (() => void)[] = [];
  return { frame: (fn: () => void) => void queue.push(fn), run: () => queue.splice(0).forEach((fn) => fn()) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('run controller', () => {
  let now = 0;
  beforeEach(() => {
    now = 0;
    useRun.setState({ phase: 'idle', message: null, clockMs: 0 });
  });

  it('loads, plays up to the player target each frame, and finishes', async () => {
    const { startClient } = fakeClients();
    const frames = manualFrames();
    const c = createRunController({ startClient, now: () => now, frame: frames.frame });
    await c.load(job, 'dataflow');
    expect(useRun.getState().phase).toBe('ready');
    c.play();
    now += 5000;
    frames.run();
    await settle();
    expect(useRun.getState().clockMs).toBe(5000);
    c.setSpeed(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 20 && useRun.getState().phase === 'playing'; i++) {
      frames.run();
      await settle();
    }
    expect(useRun.getState().phase).toBe('done');
    expect(engineRuns.dataflow.getState().counts.count?.fired).toBeGreaterThan(0);
  });

  it('plays both engines on one clock in compare mode, each into its own engineRun', async () => {
    const { startClient } = fakeClients();
    const frames = manualFrames();
    const c = createRunController({ startClient, now: () => now, frame: frames.frame });
    await c.load(job, 'compare');
    c.setSpeed(Number.POSITIVE_INFINITY);
    c.play();
    for (let i = 0; i < 20 && useRun.getState().phase === 'playing'; i++) {
      frames.run();
      await settle();
    }
    expect(useRun.getState().phase).toBe('done');
    expect(engineRuns.microbatch.getState().batches.length).toBeGreaterThan(3);
    expect(engineRuns.dataflow.getState().batches).toEqual([]);
    expect(engineRuns.dataflow.getState().lateTotals.late).toBe(3);
    expect(engineRuns.microbatch.getState().lateTotals.dropped).toBe(3);
  });

  it('drops facts that arrive while a new job is loading', async () => {
    const { startClient } = fakeClients();
    const c = createRunController({ startClient, now: () => now, frame: () => {} });
    await c.load(job, 'dataflow');
    await c.step();
    await settle();
    expect(engineRuns.dataflow.getState().nowMs).toBeGreaterThanOrEqual(0);
    const loading = c.load(job, 'microbatch');
    expect(engineRuns.dataflow.getState().lastSignificant).toBeNull();
    await loading;
    expect(useRun.getState().phase).toBe('ready');
  });

  it('applies a delivery that comes in parts once it is whole', async () => {
    let send: PatchListener = () => {};
    const startClient = async (onPatches: PatchListener): Promise<EngineClient> => {
      send = onPatches;
      const status = { nowMs: 0, done: false, factCount: 0 };
      return { api: { load: async () => ({ ok: true, status }) } as unknown as EngineClient['api'], terminate: () => {} };
    };
    const c = createRunController({ startClient, now: () => now, frame: () => {} });
    await c.load(job, 'dataflow');
    void send([{ mode: 'dataflow', patch: { keys: { nowMs: { set: 5 } } } }], true);
    expect(engineRuns.dataflow.getState().nowMs).toBe(0);
    void send([{ mode: 'dataflow', patch: { keys: { finished: { set: true } } } }], false);
    expect(engineRuns.dataflow.getState()).toMatchObject({ nowMs: 5, finished: true });
  });

  it('restarts a crashed worker and reloads the job, saying so', async () => {
    const { started, startClient } = fakeClients();
    const c = createRunController({ startClient, now: () => now, frame: () => {} });
    await c.load(job, 'microbatch');
    started[0]!.crash('out of memory');
    expect(useRun.getState().message).toMatch(/out of memory.*restarted; your graph is safe/);
    await settle();
    await settle();
    expect(started).toHaveLength(2);
    expect(started[0]!.terminated).toBe(true);
    expect(useRun.getState().phase).toBe('ready');
    await c.step();
    expect(useRun.getState().clockMs).toBeGreaterThanOrEqual(0);
  });

  it('treats a call that never answers as a runaway graph and restarts', async () => {
    const { started, startClient } = fakeClients();
    const c = createRunController({ startClient, now: () => now, frame: () => {}, callTimeoutMs: 20 });
    await c.load(job, 'dataflow');
    started[0]!.hang = true;
    await c.step();
    await new Promise((r) => setTimeout(r, 10));
    expect(useRun.getState().message).toMatch(/did not answer within 0.02 s/);
    expect(started.length).toBe(2);
    await new Promise((r) => setTimeout(r, 10));
    expect(useRun.getState().phase).toBe('ready');
  });
});
