// Drives the engine worker from the UI: load, play (a frame loop asking the worker to run up to the
// player's target time), pause, step, reset, speed. Stale answers (from before a reload) are
// ignored. A crashed or runaway worker is replaced and the job reloaded; the graph is never lost.
import type { Job, Mode } from '../../model/index.ts';
import type { EngineRunPatch, LoadOutcome, PatchListener, RunMode, RunStatus } from '../../worker/api.ts';
import { engineNames } from './engineNames.ts';
import { contextOf, describeStep } from './explain.ts';
import { createPlayer, FAST_FORWARD } from './player.ts';
import { applyPatches, clearRun, engineRuns, useRun } from './runStore.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';
import type { EngineClient } from './workerClient.ts';
import { formatMs } from '../lib/format.ts';

export type ControllerDeps = {
  startClient: (onPatches: PatchListener, onCrash: (message: string) => void) => Promise<EngineClient>;
  now: () => number;
  frame: (fn: () => void) => void;
  callTimeoutMs?: number;
  fastForwardChunkMs?: number;
};

export type RunController = ReturnType<typeof createRunController>;

export function createRunController(deps: ControllerDeps) {
  const player = createPlayer({ now: deps.now });
  const timeoutMs = deps.callTimeoutMs ?? 15_000;
  /** Simulated time per fast-forward call, adapted so that each takes about FF_CALL_MS of wall time. */
  let chunkMs = deps.fastForwardChunkMs ?? 5_000;
  let client: Promise<EngineClient> | null = null;
  let loaded: { job: Job; mode: RunMode } | null = null;
  /** Facts are taken only from the run loaded last: none while a load is on its way. */
  let accepting = false;
  let generation = 0;
  let busy = false;
  let looping = false;
  /** Where to take the next loaded job to (after a fault was injected mid-run, or a scrub back). */
  let resume: { atMs: number; play: boolean } | null = null;
  let seeking = false;
  let nextSeek: number | null = null;
  /** The next load goes to 0, not to the scenario's start (a scrub back before it). */
  let fromStart = false;
  /**
   * Where the engine has been run to. While playing, the store's `clockMs` follows it with each
   * delivery of telemetry (drawn in the same frame then), or after CLOCK_REFRESH_MS without one
   * (FF_CLOCK_REFRESH_MS in fast-forward, where it jumps by minutes anyway): a clock redrawn 60
   * times a second is a blur, and each redraw costs a frame's style, layout, paint and commit.
   * It follows at once on every pause, step, seek and end.
   */
  let clock = 0;
  let publishedAt = -Infinity;
  let patched = false;
  const set = useRun.setState;
  const publish = (force: boolean) => {
    const t = deps.now();
    const every = player.speed() === FAST_FORWARD ? FF_CLOCK_REFRESH_MS : CLOCK_REFRESH_MS;
    if (!force && !patched && t - publishedAt < every) return;
    publishedAt = t;
    patched = false;
    if (useRun.getState().clockMs !== clock) set({ clockMs: clock });
  };
  /**
   * While playing, the worker sends telemetry less often when each update costs more (a big graph),
   * and once a second in fast-forward, where minutes of run go by between updates: too fast to be
   * read, and each update redraws views that hold thousands of elements.
   */
  const paceMs = () => (player.speed() === FAST_FORWARD ? FF_UPDATE_EVERY_MS : UPDATE_EVERY_MS * ((loaded?.job.nodes.length ?? 0) > 100 ? 2 : 1));
  const reset = () => {
    clearRun();
    clock = 0;
  };

  /** A delivery in parts is applied once it is whole: one store update per engine run, one render. */
  let parts: EngineRunPatch[] = [];
  const onPatches = (patches: EngineRunPatch[], more: boolean) => {
    if (!accepting) return void (parts = []);
    for (const p of patches) parts.push(p);
    if (more) return;
    applyPatches(parts);
    parts = [];
    patched = true;
  };
  const ensureClient = () => (client ??= deps.startClient(onPatches, (m) => restart(`The engine stopped: ${m}.`)));

  function restart(reason: string): void {
    const old = client;
    client = null;
    void old?.then((c) => c.terminate(), () => {});
    generation++;
    busy = false;
    player.pause(clock);
    const message = `${reason} The engine was restarted; your graph is safe.`;
    set({ phase: 'error', message });
    if (loaded) void load(loaded.job, loaded.mode, message);
  }

  async function call<T>(f: (api: EngineClient['api']) => Promise<T>): Promise<T> {
    const c = await ensureClient();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RunawayError()), timeoutMs);
    });
    try {
      return await Promise.race([f(c.api), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  function fail(e: unknown): void {
    if (e instanceof RunawayError) return restart(`The run did not answer within ${timeoutMs / 1000} s (a runaway graph?).`);
    player.pause(clock);
    set({ phase: 'error', clockMs: clock, message: `The engine failed: ${e instanceof Error ? e.message : String(e)}` });
  }

  function applyStatus(status: RunStatus, reachedMs: number): void {
    clock = status.done ? Math.max(clock, status.nowMs) : reachedMs;
    // The worker sent what the run changed before answering (while playing, at its pace).
    if (status.done) {
      player.pause(clock);
      set({ clockMs: clock, phase: 'done' });
    } else publish(!player.isPlaying());
  }

  async function load(job: Job, mode: RunMode, message: string | null = null): Promise<void> {
    const g = ++generation;
    busy = false;
    loaded = { job, mode };
    accepting = false;
    player.pause(0);
    reset();
    set({ phase: 'loading', message });
    try {
      const out: LoadOutcome = await call((api) => api.load(job, mode) as Promise<LoadOutcome>);
      if (g !== generation) return;
      accepting = out.ok;
      // A scenario starts where its story starts (its `startAtMs`), unless a scrub asked for earlier.
      const start = fromStart ? 0 : startOf(job);
      fromStart = false;
      if (out.ok && !resume && start > 0) resume = { atMs: start, play: false };
      if (out.ok && resume) await resumeTo(g, resume);
      else if (out.ok) set({ phase: 'ready' });
      else set({ phase: 'invalid', message: `The engine refused the job: ${out.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}` });
    } catch (e) {
      if (g === generation) fail(e);
    }
  }

  async function resumeTo(g: number, r: { atMs: number; play: boolean }): Promise<void> {
    resume = null;
    const status = await call((api) => api.runUntil(r.atMs));
    if (g !== generation) return;
    set({ phase: 'paused' });
    applyStatus(status, r.atMs);
    if (r.play) controller.play();
  }

  function tick(): void {
    if (!player.isPlaying()) {
      looping = false;
      return;
    }
    deps.frame(tick);
    pump();
  }

  /** Asks the engine to run up to where the player should be now (one call at a time). */
  function pump(): void {
    if (busy || !player.isPlaying()) return;
    const wanted = player.targetMs();
    const fastForward = !Number.isFinite(wanted);
    const target = Math.floor(fastForward ? clock + chunkMs : wanted);
    if (target <= clock) return;
    busy = true;
    const g = generation;
    const askedAt = deps.now();
    call((api) => api.runUntil(target, paceMs())).then(
      (status) => {
        if (g !== generation) return;
        busy = false;
        if (fastForward) chunkMs = nextChunk(chunkMs, deps.now() - askedAt);
        applyStatus(status, target);
        // Fast-forward keeps the engine busy: the next chunk is asked for at once.
        if (fastForward) pump();
      },
      (e) => {
        if (g !== generation) return;
        busy = false;
        fail(e);
      },
    );
  }

  const runnable = () => ['ready', 'paused'].includes(useRun.getState().phase);

  /** Runs a step-like call, then says what it did, from each engine run's telemetry before and after. */
  async function advance(f: (api: EngineClient['api']) => Promise<RunStatus>, what: string): Promise<void> {
    if (!runnable() && useRun.getState().phase !== 'playing') return;
    player.pause(clock);
    const g = generation;
    const modes: Mode[] = loaded?.mode === 'compare' ? ['microbatch', 'dataflow'] : loaded ? [loaded.mode] : [];
    const before = new Map<Mode, RunData>(modes.map((m) => [m, engineRuns[m].getState()]));
    try {
      const status = await call(f);
      if (g !== generation) return;
      player.seek(status.nowMs);
      clock = status.nowMs;
      const ctx = loaded ? contextOf(loaded.job) : {};
      const said = modes.map((m) => {
        const text = describeStep(before.get(m)!, engineRuns[m].getState(), ctx);
        return modes.length > 1 ? `${engineNames[m]}: ${text}` : text;
      });
      const stepNote = `${what} to ${formatMs(clock)}: ${said.join('. ')}${/[.!?]$/.test(said.at(-1) ?? '') ? '' : '.'}`;
      set({ phase: status.done ? 'done' : 'paused', clockMs: clock, stepNote });
    } catch (e) {
      fail(e);
    }
  }

  const controller = {
    load: (job: Job, mode: RunMode) => load(job, mode),
    /** The next job loaded (the same one plus a fault) runs straight to where this run is now. */
    resumeAfterReload(): void {
      const { phase } = useRun.getState();
      resume = clock > 0 ? { atMs: clock, play: phase === 'playing' } : null;
    },
    /** The job is about to change: stop, and refuse to play until the new one is loaded. */
    pending(): void {
      generation++;
      busy = false;
      player.pause(clock);
      set({ phase: 'loading', clockMs: clock, message: null });
    },
    /** The editor has problems: nothing to run until they are fixed. */
    hold(message: string): void {
      generation++;
      loaded = null;
      accepting = false;
      player.pause(0);
      reset();
      set({ phase: 'invalid', message });
    },
    play(): void {
      if (!runnable()) return;
      player.play(clock);
      set({ phase: 'playing', stepNote: null });
      if (!looping) {
        looping = true;
        deps.frame(tick);
      }
    },
    pause(): void {
      if (useRun.getState().phase !== 'playing') return;
      player.pause(clock);
      set({ phase: 'paused', clockMs: clock });
      // What the worker held back for its pace comes now (a hung worker is noticed by the next call).
      void call((api) => api.flush()).catch(() => {});
    },
    /**
     * One step: in micro-batch mode one whole batch (the hint's promise), else one engine event
     * (in compare mode, of the dataflow run). The narration line then says what the step did.
     */
    async step(): Promise<void> {
      const batch = loaded?.mode === 'microbatch';
      await advance((api) => (batch ? api.stepUntil('batch') : api.step()), 'Step');
    },
    /** Skips idle processing time: runs on to the next event that changes something shown. */
    async nextEvent(): Promise<void> {
      await advance((api) => api.stepUntil('visible'), 'Next event');
    },
    async reset(): Promise<void> {
      if (!loaded) return;
      await load(loaded.job, loaded.mode);
    },
    /**
     * Moves the run to processing time `ms`. Forward runs on; backward reloads and runs up to it:
     * the engine is deterministic, so that is the same state it had then. While one seek runs,
     * only the latest request waits (dragging a slider asks for many).
     */
    async seek(ms: number): Promise<void> {
      if (!loaded) return;
      if (seeking) {
        nextSeek = ms;
        return;
      }
      seeking = true;
      try {
        const { phase } = useRun.getState();
        const clockMs = clock;
        player.pause(clockMs);
        const g = generation;
        if (ms >= clockMs && phase !== 'done' && ['ready', 'paused', 'playing'].includes(phase)) {
          set({ phase: 'paused', stepNote: null });
          const status = await call((api) => api.runUntil(ms));
          if (g === generation) applyStatus(status, ms);
        } else if (ms < clockMs) {
          resume = ms > 0 ? { atMs: ms, play: false } : null;
          fromStart = true;
          await load(loaded.job, loaded.mode);
        }
      } catch (e) {
        fail(e);
      } finally {
        seeking = false;
        const next = nextSeek;
        nextSeek = null;
        if (next !== null) await controller.seek(next);
      }
    },
    setSpeed(speed: number): void {
      player.setSpeed(speed, clock);
      set({ speed });
    },
    dispose(): void {
      generation++;
      player.pause(0);
      void client?.then((c) => c.terminate(), () => {});
      client = null;
    },
  };
  return controller;
}

class RunawayError extends Error {}

/** Where a scenario's story starts: its `startAtMs` (a loose field of the document), else 0. */
export function startOf(job: Job): number {
  const v = (job as { startAtMs?: unknown }).startAtMs;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;
}

/** How long the shown clock waits for telemetry to follow the engine with, while playing (see `publish`). */
export const CLOCK_REFRESH_MS = 250;
export const FF_CLOCK_REFRESH_MS = 500;

/** How often, at best, telemetry reaches the page while playing; and in fast-forward. */
export const UPDATE_EVERY_MS = 100;
export const FF_UPDATE_EVERY_MS = 1000;

/** Wall time a fast-forward call aims at: long enough that calls are few, short enough to pause at once. */
export const FF_CALL_MS = 100;

/** The next fast-forward chunk: doubled or halved towards FF_CALL_MS, between 1 s and 10 min simulated. */
export function nextChunk(chunkMs: number, tookMs: number): number {
  const next = tookMs < FF_CALL_MS / 2 ? chunkMs * 2 : tookMs > FF_CALL_MS * 2 ? chunkMs / 2 : chunkMs;
  return Math.min(600_000, Math.max(1_000, next));
}
