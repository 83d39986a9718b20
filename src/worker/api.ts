// The worker's API: a plain object of methods over the simulations of one job, pull-driven by the
// UI (it asks for processing time to advance; nothing runs on its own). In a single mode there is
// one simulation; in compare mode two (micro-batch and dataflow) kept on one processing-time clock.
// Facts are accumulated per mode and delivered in batches through one long-lived callback: at most
// one delivery per flush interval (~one frame). worker.ts only exposes this object; tests call it
// directly in Node.
import { createSimulation as defaultCreateSimulation } from '../engine/index.ts';
import { parseJob } from '../engine/job/validate.ts';
import type { Fact, Job, Mode, Result, Simulation, SimulationOptions } from '../engine/index.ts';

/** What the UI asks to run: one engine, or both side by side. */
export type RunMode = Mode | 'compare';

/** The facts of one mode's simulation since the last delivery. */
export type FactBatch = { mode: Mode; facts: Fact[] };

export type FactListener = (batches: FactBatch[]) => void | Promise<void>;

export type RunStatus = { nowMs: number; done: boolean; factCount: number };

export type LoadOutcome =
  | { ok: true; status: RunStatus }
  | { ok: false; problems: { path: string; message: string }[] };

export type Snapshot = { status: RunStatus; mode: RunMode; results: Partial<Record<Mode, Result>> };

export type WorkerApiOptions = {
  createSimulation?: (job: Job, options: SimulationOptions) => Simulation;
  /** Timer used to batch deliveries; injected in tests. */
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  flushIntervalMs?: number;
};

export type WorkerApi = ReturnType<typeof createWorkerApi>;

type Lane = { mode: Mode; sim: Simulation; pending: Fact[] };

/**
 * What crosses to the page, squashed per delivery (the UI folds facts into sums and last values,
 * and nothing in it depends on their order within a delivery): one `record.emitted` per edge, the
 * counts summed and the latest time kept; and one `watermark.advanced` per node, the last, except
 * for the nodes whose watermark history the UI draws (`keepHistoryOf`: window nodes, or the
 * watermark nodes when there is no window). Metrics samples all cross: the charts draw each.
 */
export function squashFacts(facts: Fact[], keepHistoryOf: ReadonlySet<string> = new Set()): Fact[] {
  const lastIndex = new Map<string, number>();
  const total = new Map<string, { count: number; atMs: number }>();
  let squashable = 0;
  facts.forEach((f, i) => {
    if (f.type === 'record.emitted') {
      const key = `e\u0000${f.from}\u0000${f.fromPort}\u0000${f.to}`;
      lastIndex.set(key, i);
      squashable++;
      const t = total.get(key);
      if (t) (t.count += f.count), (t.atMs = Math.max(t.atMs, f.atMs));
      else total.set(key, { count: f.count, atMs: f.atMs });
    } else if (f.type === 'watermark.advanced' && !keepHistoryOf.has(f.node)) {
      lastIndex.set(`w\u0000${f.node}`, i);
      squashable++;
    }
  });
  if (lastIndex.size === squashable) return facts;
  const keep = new Set(lastIndex.values());
  const out: Fact[] = [];
  facts.forEach((f, i) => {
    if (f.type === 'record.emitted') {
      if (!keep.has(i)) return;
      const t = total.get(`e\u0000${f.from}\u0000${f.fromPort}\u0000${f.to}`)!;
      out.push(t.count === f.count && t.atMs === f.atMs ? f : { ...f, count: t.count, atMs: t.atMs });
    } else if (f.type === 'watermark.advanced' && !keepHistoryOf.has(f.node)) {
      if (keep.has(i)) out.push(f);
    } else out.push(f);
  });
  return out;
}

/** The nodes whose watermark history the UI draws (event-time plots, the watermark-lag chart). */
export function historyNodesOf(job: Job): Set<string> {
  const windows = job.nodes.filter((n) => n.kind === 'window').map((n) => n.id);
  return new Set(windows.length > 0 ? windows : job.nodes.filter((n) => n.kind === 'watermark').map((n) => n.id));
}

export const modesOf = (runMode: RunMode): Mode[] => (runMode === 'compare' ? ['microbatch', 'dataflow'] : [runMode]);

const modeNames: Record<Mode, string> = { microbatch: 'micro-batch', dataflow: 'dataflow' };

export function createWorkerApi(options: WorkerApiOptions = {}) {
  const create = options.createSimulation ?? defaultCreateSimulation;
  const schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = options.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const flushIntervalMs = options.flushIntervalMs ?? 16;

  let listener: FactListener | null = null;
  let timer: unknown = null;
  let jobs: { mode: Mode; job: Job }[] = [];
  let runMode: RunMode = 'dataflow';
  let lanes: Lane[] = [];
  let factCount = 0;
  let historyNodes: ReadonlySet<string> = new Set();

  function flush(): number {
    if (timer !== null) cancel(timer);
    timer = null;
    if (!listener) return 0;
    const batches: FactBatch[] = [];
    let n = 0;
    for (const lane of lanes) {
      if (lane.pending.length === 0) continue;
      const facts = squashFacts(lane.pending, historyNodes);
      batches.push({ mode: lane.mode, facts });
      n += facts.length;
      lane.pending = [];
    }
    if (batches.length > 0) void listener(batches);
    return n;
  }

  function start(): RunStatus {
    for (const lane of lanes) lane.sim.dispose();
    factCount = 0;
    lanes = jobs.map(({ mode, job }) => {
      const lane: Lane = { mode, sim: null as unknown as Simulation, pending: [] };
      lane.sim = create(job, {
        mode,
        onFacts(facts) {
          for (const f of facts) lane.pending.push(f);
          factCount += facts.length;
          if (timer === null) timer = schedule(flush, flushIntervalMs);
        },
      });
      return lane;
    });
    return status();
  }

  /** One clock: the furthest any simulation got (a finished one stays where it ended). */
  function status(): RunStatus {
    if (lanes.length === 0) return { nowMs: 0, done: true, factCount };
    return { nowMs: Math.max(...lanes.map((l) => l.sim.nowMs())), done: lanes.every((l) => l.sim.isDone()), factCount };
  }

  function running(): Lane[] {
    if (lanes.length === 0) throw new Error('no job loaded');
    return lanes;
  }

  return {
    /** The one callback facts are delivered to (a comlink proxy, created once by the UI). */
    setListener(cb: FactListener | null): void {
      listener = cb;
    },
    load(input: unknown, mode: RunMode): LoadOutcome {
      // Nothing crosses into the engine unchecked: the same parseJob as the CLI's, for each mode.
      const parsed: { mode: Mode; job: Job }[] = [];
      const problems: { path: string; message: string }[] = [];
      for (const m of modesOf(mode)) {
        const r = parseJob(input, { mode: m });
        if (r.ok) parsed.push({ mode: m, job: r.job });
        else for (const p of r.problems) problems.push(mode === 'compare' ? { ...p, message: `${p.message} (${modeNames[m]})` } : p);
      }
      if (problems.length > 0) return { ok: false, problems };
      jobs = parsed;
      runMode = mode;
      historyNodes = historyNodesOf(parsed[0]!.job);
      return { ok: true, status: start() };
    },
    reset(): RunStatus {
      return start();
    },
    // Each call delivers its facts before it answers, so the UI never shows a clock ahead of them.
    runUntil(ms: number): RunStatus {
      for (const l of running()) if (!l.sim.isDone()) l.sim.runUntil(ms);
      flush();
      return status();
    },
    /**
     * One event: of the only simulation, or in compare mode of the dataflow one (the finer grain),
     * the micro-batch one then brought to the same processing time.
     */
    step(): RunStatus {
      const live = running().filter((l) => !l.sim.isDone());
      const lead = live.find((l) => l.mode === 'dataflow') ?? live[0];
      if (lead) {
        lead.sim.step();
        const t = lead.sim.nowMs();
        for (const l of live) if (l !== lead && !l.sim.isDone()) l.sim.runUntil(t);
      }
      flush();
      return status();
    },
    runToEnd(): RunStatus {
      for (const l of running()) l.sim.runToEnd();
      flush();
      return status();
    },
    snapshot(): Snapshot {
      const results: Partial<Record<Mode, Result>> = {};
      for (const l of running()) results[l.mode] = l.sim.result();
      return { status: status(), mode: runMode, results };
    },
    /** Delivers what is pending now instead of at the next tick; returns how many facts went. */
    flush,
    dispose(): void {
      flush();
      for (const l of lanes) l.sim.dispose();
      lanes = [];
      jobs = [];
    },
  };
}
