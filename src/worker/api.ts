// The worker's API: a plain object of methods over the simulations of one job, pull-driven by the
// UI (it asks for processing time to advance; nothing runs on its own). In a single mode there is
// one simulation; in compare mode two (micro-batch and dataflow) kept on one processing-time clock.
// Each mode's facts are folded here, as they come, into the telemetry the page shows (a RunFeed),
// and the page is sent what changed, as patches, through one long-lived callback: at once when a
// call asks for it (a step, a seek, the end of the run), else at most once per `paceMs` while
// playing, however many facts the engine makes in between. worker.ts only exposes this object;
// tests call it directly in Node.
import { createSimulation as defaultCreateSimulation, readSourceRecords } from '../engine/index.ts';
import { parseJob } from '../model/index.ts';
import type { Fact, Job, Mode, Result } from '../model/index.ts';
import type { Simulation, SimulationOptions } from '../engine/index.ts';
import { createRunFeed } from '../telemetry/runFeed.ts';
import type { RunFeed } from '../telemetry/runFeed.ts';
import { splitPatch, weightOf } from '../telemetry/patch.ts';
import type { Patch } from '../telemetry/patch.ts';

/** What the UI asks to run: one engine, or both side by side. */
export type RunMode = Mode | 'compare';

/** What changed in one mode's telemetry since the last delivery (applied to the page's RunData). */
export type EngineRunPatch = { mode: Mode; patch: Patch };

/** Receives a delivery; `more` says that parts of the same delivery follow (see DELIVERY_BUDGET). */
export type PatchListener = (patches: EngineRunPatch[], more: boolean) => void | Promise<void>;

export type RunStatus = { nowMs: number; done: boolean; factCount: number };

export type LoadOutcome =
  | { ok: true; status: RunStatus }
  | { ok: false; problems: { path: string; message: string }[] };

export type Snapshot = { status: RunStatus; mode: RunMode; results: Partial<Record<Mode, Result>> };

export type WorkerApiOptions = {
  createSimulation?: (job: Job, options: SimulationOptions) => Simulation;
  /** Timer and clock used to pace deliveries; injected in tests. */
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  now?: () => number;
};

export type WorkerApi = ReturnType<typeof createWorkerApi>;

/** Values per message at most, roughly (see splitPatch): a few milliseconds for the page to read. */
export const DELIVERY_BUDGET = 3000;

type EngineRun = { mode: Mode; sim: Simulation; feed: RunFeed; seen: Seen };

/** What an engine run's facts since the last look held: a completed batch, anything a person would see. */
type Seen = { batches: number; visible: number };

/** What `stepUntil` runs to: the end of the next batch (micro-batch's Step), or the next visible fact (Next event). */
export type StepGoal = 'batch' | 'visible';

/** Facts that change nothing shown: metrics samples alone (a periodic tick that moved no watermark emits nothing). */
// Samples and totals: nothing a person sees change at the instant they happen.
const invisible = new Set<Fact['type']>(['metrics.sampled', 'subtasks.sampled']);

/** Events `stepUntil` runs at most in one call: it answers, and the UI may ask again. */
export const STEP_UNTIL_MAX_EVENTS = 200_000;

/**
 * What is folded of each hand-over of facts, squashed (the fold sums flows and keeps last values,
 * and nothing in it depends on their order within a hand-over): one `record.emitted` per edge, the
 * counts summed and the latest time kept; and one `watermark.advanced` per node, the last, except
 * for the nodes whose watermark history the UI draws (`keepHistoryOf`: window nodes, or the
 * watermark nodes when there is no window). Metrics samples all count: the charts draw each.
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

/** The nodes whose metrics the charts read: sources (input rate) and sinks (output rate). */
export const chartNodesOf = (job: Job): Set<string> => new Set(job.nodes.filter((n) => n.kind === 'source' || n.kind === 'sink').map((n) => n.id));

/** The nodes whose watermark history the UI draws (event-time plots, the watermark-lag chart). */
export function historyNodesOf(job: Job): Set<string> {
  const windows = job.nodes.filter((n) => n.kind === 'window').map((n) => n.id);
  return new Set(windows.length > 0 ? windows : job.nodes.filter((n) => n.kind === 'watermark').map((n) => n.id));
}

/** The plot's record dots for every window node (the page does not run the engine to read them). */
export function sourceRecordsOf(job: Job): Record<string, { records: [number, number][]; stride: number }> {
  const out: Record<string, { records: [number, number][]; stride: number }> = {};
  for (const n of job.nodes) if (n.kind === 'window') out[n.id] = readSourceRecords(job, n.id);
  return out;
}

export const modesOf = (runMode: RunMode): Mode[] => (runMode === 'compare' ? ['microbatch', 'dataflow'] : [runMode]);

const modeNames: Record<Mode, string> = { microbatch: 'micro-batch', dataflow: 'dataflow' };

export function createWorkerApi(options: WorkerApiOptions = {}) {
  const create = options.createSimulation ?? defaultCreateSimulation;
  const schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = options.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const now = options.now ?? (() => performance.now());

  let listener: PatchListener | null = null;
  let timer: unknown = null;
  let deliveredAt = -Infinity;
  let jobs: { mode: Mode; job: Job }[] = [];
  let runMode: RunMode = 'dataflow';
  let engineRuns: EngineRun[] = [];
  let factCount = 0;
  let historyNodes: ReadonlySet<string> = new Set();
  let counting = false;

  /** Sends the page what changed in each engine run; returns how many engine runs had changes. */
  function flush(): number {
    if (timer !== null) cancel(timer);
    timer = null;
    if (!listener) return 0;
    // Usually one message; a big delivery (fast-forward) goes in parts of about DELIVERY_BUDGET
    // values, each read by the page in a task of its own.
    let n = 0;
    let message: EngineRunPatch[] = [];
    let weight = 0;
    for (const engineRun of engineRuns) {
      const patch = engineRun.feed.take();
      if (!patch) continue;
      n++;
      for (const part of splitPatch(patch, DELIVERY_BUDGET)) {
        const w = weightOf(part);
        if (message.length > 0 && weight + w > DELIVERY_BUDGET) (void listener(message, true), (message = []), (weight = 0));
        message.push({ mode: engineRun.mode, patch: part });
        weight += w;
      }
    }
    if (message.length > 0) void listener(message, false);
    deliveredAt = now();
    return n;
  }

  /** At once, or (with `paceMs`) no sooner than `paceMs` after the last delivery. */
  function deliver(paceMs = 0): void {
    const wait = deliveredAt + paceMs - now();
    const done = engineRuns.every((l) => l.sim.isDone());
    if (wait <= 0 || done) flush();
    else if (timer === null) timer = schedule(flush, wait);
  }

  function start(): RunStatus {
    for (const engineRun of engineRuns) engineRun.sim.dispose();
    if (timer !== null) cancel(timer);
    timer = null;
    factCount = 0;
    engineRuns = jobs.map(({ mode, job }) => {
      const feed = createRunFeed(chartNodesOf(job), historyNodes);
      // No result is built while the run goes on: a result keeps every sink write, watermark and
      // metrics sample of the run, which grows without bound in a long fast-forward. snapshot()
      // re-runs the deterministic engine to the same point instead.
      const seen: Seen = { batches: 0, visible: 0 };
      const sim = create(job, {
        mode,
        buildResult: false,
        onFacts(facts) {
          feed.add(squashFacts(facts, historyNodes));
          factCount += facts.length;
          // Only while stepUntil looks: a played or fast-forwarded run pays nothing for it.
          if (counting) {
            for (const f of facts) {
              if (f.type === 'batch.completed') seen.batches++;
              if (!invisible.has(f.type)) seen.visible++;
            }
          }
        },
      });
      feed.setSourceRecords(sourceRecordsOf(job));
      return { mode, sim, feed, seen };
    });
    return status();
  }

  /** One clock: the furthest any simulation got (a finished one stays where it ended). */
  function status(): RunStatus {
    if (engineRuns.length === 0) return { nowMs: 0, done: true, factCount };
    return { nowMs: Math.max(...engineRuns.map((l) => l.sim.nowMs())), done: engineRuns.every((l) => l.sim.isDone()), factCount };
  }

  function running(): EngineRun[] {
    if (engineRuns.length === 0) throw new Error('no job loaded');
    return engineRuns;
  }

  return {
    /** The one callback patches are delivered to (a comlink proxy, created once by the UI). */
    setListener(cb: PatchListener | null): void {
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
    /**
     * Runs to processing time `ms`. Its changes reach the page before it answers, so the UI never
     * shows a clock ahead of them; except while playing (`paceMs` given), when they go at most
     * once per `paceMs` (and always at the end of the run).
     */
    runUntil(ms: number, paceMs = 0): RunStatus {
      for (const l of running()) if (!l.sim.isDone()) l.sim.runUntil(ms);
      deliver(paceMs);
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
    /**
     * Runs event by event until `goal`: the next completed batch (of the micro-batch engine run), or the
     * next fact worth seeing in any engine run (idle processing time skipped). In compare mode the engine run
     * behind runs first, and the other is then brought to the same processing time. Stops at the end
     * of the run, or after STEP_UNTIL_MAX_EVENTS events.
     */
    stepUntil(goal: StepGoal): RunStatus {
      const watched = (l: EngineRun) => (goal === 'batch' ? l.mode === 'microbatch' : true);
      const count = (l: EngineRun) => (goal === 'batch' ? l.seen.batches : l.seen.visible);
      const all = running();
      const before = all.map(count);
      counting = true;
      try {
      for (let n = 0; n < STEP_UNTIL_MAX_EVENTS; n++) {
        const live = all.filter((l) => !l.sim.isDone());
        if (live.length === 0) break;
        // The engine run whose next event comes first: neither run overtakes the other's events.
        const due = (l: EngineRun) => l.sim.nextEventMs?.() ?? l.sim.nowMs();
        const engineRun = live.reduce((a, b) => (due(b) < due(a) ? b : a));
        engineRun.sim.step();
        if (all.some((l, i) => watched(l) && count(l) > before[i]!)) {
          const t = engineRun.sim.nowMs();
          for (const l of all) if (l !== engineRun && !l.sim.isDone() && l.sim.nowMs() < t) l.sim.runUntil(t);
          break;
        }
        if (goal === 'batch' && !all.some((l) => l.mode === 'microbatch' && !l.sim.isDone())) break;
      }
      } finally {
        counting = false;
      }
      flush();
      return status();
    },
    runToEnd(): RunStatus {
      for (const l of running()) l.sim.runToEnd();
      flush();
      return status();
    },
    /**
     * The results so far, as the command line would write them: each mode's job re-run from the
     * start to where its engine run is now (the engine is deterministic, so that is the same run), since
     * the engine runs keep no result of their own (see start()).
     */
    snapshot(): Snapshot {
      const results: Partial<Record<Mode, Result>> = {};
      for (const l of running()) {
        const { job } = jobs.find((j) => j.mode === l.mode)!;
        const again = create(job, { mode: l.mode });
        if (l.sim.isDone()) again.runToEnd();
        else again.runUntil(l.sim.nowMs());
        results[l.mode] = again.result();
        again.dispose();
      }
      return { status: status(), mode: runMode, results };
    },
    /** Delivers what is pending now (a pause) instead of at the next paced delivery. */
    flush,
    dispose(): void {
      flush();
      for (const l of engineRuns) l.sim.dispose();
      engineRuns = [];
      jobs = [];
    },
  };
}
