// The worker's API: a plain object of methods over one simulation, pull-driven by the UI (it asks
// for processing time to advance; nothing runs on its own). Facts are accumulated and delivered in
// batches through one long-lived callback: at most one delivery per flush interval (~one frame).
// worker.ts only exposes this object; tests call it directly in Node.
import { createSimulation as defaultCreateSimulation } from '../engine/index.ts';
import { parseJob } from '../engine/job/validate.ts';
import type { Fact, Job, Mode, Result, Simulation, SimulationOptions } from '../engine/index.ts';

export type FactListener = (facts: Fact[]) => void | Promise<void>;

export type RunStatus = { nowMs: number; done: boolean; factCount: number };

export type LoadOutcome =
  | { ok: true; status: RunStatus }
  | { ok: false; problems: { path: string; message: string }[] };

export type Snapshot = { status: RunStatus; mode: Mode; result: Result };

export type WorkerApiOptions = {
  createSimulation?: (job: Job, options: SimulationOptions) => Simulation;
  /** Timer used to batch deliveries; injected in tests. */
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  flushIntervalMs?: number;
};

export type WorkerApi = ReturnType<typeof createWorkerApi>;

export function createWorkerApi(options: WorkerApiOptions = {}) {
  const create = options.createSimulation ?? defaultCreateSimulation;
  const schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = options.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const flushIntervalMs = options.flushIntervalMs ?? 16;

  let listener: FactListener | null = null;
  let pending: Fact[] = [];
  let timer: unknown = null;
  let job: Job | null = null;
  let mode: Mode = 'dataflow';
  let sim: Simulation | null = null;
  let factCount = 0;

  function flush(): number {
    if (timer !== null) cancel(timer);
    timer = null;
    if (pending.length === 0 || !listener) return 0;
    const batch = pending;
    pending = [];
    void listener(batch);
    return batch.length;
  }

  function onFacts(facts: Fact[]) {
    for (const f of facts) pending.push(f);
    factCount += facts.length;
    if (timer === null) timer = schedule(flush, flushIntervalMs);
  }

  function start(): RunStatus {
    sim?.dispose();
    pending = [];
    factCount = 0;
    sim = job ? create(job, { mode, onFacts }) : null;
    return status();
  }

  function status(): RunStatus {
    return { nowMs: sim?.nowMs() ?? 0, done: sim?.isDone() ?? true, factCount };
  }

  function running(): Simulation {
    if (!sim) throw new Error('no job loaded');
    return sim;
  }

  return {
    /** The one callback facts are delivered to (a comlink proxy, created once by the UI). */
    setListener(cb: FactListener | null): void {
      listener = cb;
    },
    load(input: unknown, runMode: Mode): LoadOutcome {
      // Nothing crosses into the engine unchecked: the same parseJob as the CLI's.
      const parsed = parseJob(input, { mode: runMode });
      if (!parsed.ok) return { ok: false, problems: parsed.problems };
      job = parsed.job;
      mode = runMode;
      return { ok: true, status: start() };
    },
    reset(): RunStatus {
      return start();
    },
    runUntil(ms: number): RunStatus {
      const s = running();
      if (!s.isDone()) s.runUntil(ms);
      return status();
    },
    step(): RunStatus {
      running().step();
      return status();
    },
    runToEnd(): RunStatus {
      running().runToEnd();
      return status();
    },
    snapshot(): Snapshot {
      return { status: status(), mode, result: running().result() };
    },
    /** Delivers what is pending now instead of at the next tick; returns how many facts went. */
    flush,
    dispose(): void {
      flush();
      sim?.dispose();
      sim = null;
      job = null;
    },
  };
}
