// Entry point of the engine: a deterministic, pull-driven simulation of one job in one mode
// (SimPy-style: peek / step / run until). Real-time pacing belongs to the host's player, not here.
import { createDataflowRuntime } from './dataflow/runtime.ts';
import type { Fact, Job, Mode, Result } from '../model/index.ts';
import type { Runtime, RuntimeContext } from './kernel/context.ts';
import { createEventQueue } from './kernel/queue.ts';
import { createMicrobatchRuntime } from './microbatch/runtime.ts';
import { RUN_BUDGET, type BudgetLimit, type RunBudget, createResultFold } from '../model/index.ts';
import { budgetMessage } from './budget.ts';
import { createPlan } from './plan.ts';
import { FAULT_KINDS, faultMessage } from './faults.ts';

export type SimulationOptions = {
  /** Overrides job.mode. */
  mode?: Mode;
  /** Overrides job.settings.untilMs. */
  untilMs?: number;
  /** Receives facts in batches as they happen (the worker forwards them to the UI). */
  onFacts?: (facts: Fact[]) => void;
  /** Keep a result (the CLI and tests want one; a long UI run may not). Default true. */
  buildResult?: boolean;
  /** Where the run stops itself (job/limits.ts RUN_BUDGET by default): tests set small ones. */
  budget?: Partial<RunBudget>;
};

export type Simulation = {
  readonly mode: Mode;
  /** The simulated processing-time clock. */
  nowMs(): number;
  /** Runs the next scheduled event; false when the run is over. */
  step(): boolean;
  /** When the next scheduled event is due (undefined: none), so that a host can interleave runs. */
  nextEventMs?(): number | undefined;
  /** Runs every event up to and including processing time `ms`. */
  runUntil(ms: number): void;
  /** Runs to the end: untilMs, or until scripted input has drained. */
  runToEnd(): void;
  isDone(): boolean;
  /** The result so far, as streamlab.result/v1. */
  result(): Result;
  dispose(): void;
};

/**
 * Facts are handed over at least this often during a long run: a consumer that folds them as they
 * come keeps little alive, where one batch at the end would hold every fact of the run at once.
 */
const FACT_CHUNK = 4096;

/** A run with an unbounded generator and no untilMs stops here (validation warns about it). */
export const DEFAULT_UNTIL_MS = 60_000;

export function createSimulation(job: Job, options: SimulationOptions = {}): Simulation {
  const mode = options.mode ?? job.mode;
  const plan = createPlan(job, mode);
  const unbounded = job.nodes.some((n) => n.kind === 'source' && ((n.params.generator && n.params.generator.endMs === undefined) || n.params.bounded === false));
  const untilMs = options.untilMs ?? job.settings.untilMs ?? (unbounded ? DEFAULT_UNTIL_MS : Infinity);
  const queue = createEventQueue();
  const sinkIds = job.nodes.filter((n) => n.kind === 'sink').map((n) => n.id);
  const builder = options.buildResult === false ? null : createResultFold(mode, sinkIds);
  let now = 0;
  let pending: Fact[] = [];
  let ended = false;
  // The budget (job/limits.ts): counted as facts go by and events run, compared every few events.
  const budget: RunBudget = { ...RUN_BUDGET, ...options.budget };
  let events = 0;
  let recordSteps = 0;
  let resultRows = 0;
  let nextCheck = 0;
  const checkEvery = mode === 'microbatch' ? 1 : 256;

  const ctx: RuntimeContext = {
    plan,
    queue,
    nowMs: () => now,
    emit(fact) {
      if (fact.type === 'record.emitted') recordSteps += fact.count;
      else resultRows++;
      builder?.add(fact);
      if (options.onFacts) pending.push(fact);
    },
    untilMs,
  };
  const runtime: Runtime = mode === 'microbatch' ? createMicrobatchRuntime(ctx) : createDataflowRuntime(ctx);
  runtime.start();

  const deliver = () => {
    if (options.onFacts && pending.length > 0) {
      const batch = pending;
      pending = [];
      options.onFacts(batch);
    }
  };

  /** Counts of numeric faults already told, per node and kind (`node:kind`). */
  const told = new Map<string, number>();
  /** Tells new kinds of numeric faults (first: only those not told yet; at the end: changed totals). */
  const tellFaults = (atEnd: boolean) => {
    plan.faultLog.dirty = false;
    for (const p of plan.nodes) {
      for (const kind of FAULT_KINDS) {
        const n = p.faults[kind];
        if (n === 0) continue;
        const key = `${p.id}:${kind}`;
        const before = told.get(key);
        if (before === undefined || (atEnd && before !== n)) {
          told.set(key, n);
          ctx.emit({ type: 'node.warned', atMs: now, node: p.id, kind, count: n, message: faultMessage(kind, n) });
        }
      }
    }
  };

  /** Stops the run with a `run.limitReached` fact when a budget is spent; true if it did. */
  const overBudget = (): boolean => {
    nextCheck = events + checkEvery;
    let limit: BudgetLimit | null = null;
    let used = 0;
    if (events > budget.events) [limit, used] = ['events', events];
    else if (recordSteps > budget.recordSteps) [limit, used] = ['recordSteps', recordSteps];
    else if (builder && resultRows > budget.resultRows) [limit, used] = ['resultRows', resultRows];
    else {
      const rows = runtime.stateRows?.() ?? 0;
      if (rows > budget.stateRows) [limit, used] = ['stateRows', rows];
    }
    if (limit === null) return false;
    const fact: Fact = { type: 'run.limitReached', atMs: now, limit, used, budget: budget[limit], message: budgetMessage(limit, used, budget[limit], now) };
    builder?.add(fact);
    if (options.onFacts) pending.push(fact);
    end();
    return true;
  };

  const end = () => {
    if (ended) return;
    ended = true;
    runtime.finish?.();
    if (told.size > 0 || plan.faultLog.dirty) tellFaults(true);
    deliver();
  };

  function step(): boolean {
    if (ended) return false;
    const t = queue.peekTimeMs();
    if (t === undefined || t > untilMs || runtime.isFinished()) {
      if (Number.isFinite(untilMs) && t !== undefined && !runtime.isFinished()) now = Math.max(now, untilMs);
      end();
      return false;
    }
    runtime.beforeEvent?.(t);
    now = t;
    queue.runNext();
    runtime.afterEvent?.();
    if (plan.faultLog.dirty) tellFaults(false);
    if (++events >= nextCheck && overBudget()) return false;
    if (pending.length >= FACT_CHUNK) deliver();
    return true;
  }

  return {
    mode,
    nowMs: () => now,
    nextEventMs: () => (ended ? undefined : queue.peekTimeMs()),
    step() {
      const more = step();
      deliver();
      return more;
    },
    runUntil(ms) {
      for (;;) {
        const t = queue.peekTimeMs();
        if (ended || t === undefined || t > ms) break;
        if (!step()) break;
      }
      if (!ended) {
        if (runtime.isFinished() || queue.peekTimeMs() === undefined) end();
        else now = Math.max(now, Math.min(ms, untilMs));
      }
      deliver();
    },
    runToEnd() {
      while (step()) {
        /* run */
      }
      deliver();
    },
    isDone: () => ended,
    result() {
      if (!builder) throw new Error('this simulation keeps no result (buildResult: false)');
      return builder.result();
    },
    dispose() {
      pending = [];
    },
  };
}

export function runJob(job: Job, options: SimulationOptions = {}): Result {
  const sim = createSimulation(job, options);
  sim.runToEnd();
  const result = sim.result();
  sim.dispose();
  return result;
}
