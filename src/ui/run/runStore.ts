// The run stores, never persisted. `useRun` holds what the controls show (phase, the one
// processing-time clock, speed, a message). Each engine mode has its own lane store of aggregated
// telemetry (RunData): one lane is shown in a single mode, both side by side in compare mode.
// Facts arrive from the worker in batches; they are queued and folded in at an animation frame, at
// most every APPLY_EVERY_MS or so (one store update per lane then): what they change (counts, tables,
// plots) is read, not watched frame by frame, and every update costs layout and paint.
import { createContext, useContext } from 'react';
import { create } from 'zustand';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { Mode } from '../../engine/index.ts';
import type { FactBatch } from '../../worker/api.ts';
import { emptyRunData, reduceFacts } from './reduceFacts.ts';
import type { RunData } from './reduceFacts.ts';

export type RunPhase = 'idle' | 'loading' | 'ready' | 'playing' | 'paused' | 'done' | 'invalid' | 'error';

export type RunState = {
  phase: RunPhase;
  /** Processing time the engine has been run to (the clock shown; one clock in compare mode too). */
  clockMs: number;
  speed: number;
  message: string | null;
};

export const useRun = create<RunState>()(() => ({
  phase: 'idle',
  clockMs: 0,
  speed: 1,
  message: null,
}));

export type LaneStore = UseBoundStore<StoreApi<RunData>>;

export const lanes: Record<Mode, LaneStore> = {
  microbatch: create<RunData>()(() => emptyRunData()),
  dataflow: create<RunData>()(() => emptyRunData()),
};

/** Which mode's telemetry the components below show. */
export const LaneContext = createContext<Mode>('dataflow');

/** A narrow subscription to the telemetry of the lane this component sits in. */
export function useLane<T>(selector: (s: RunData) => T): T {
  return lanes[useContext(LaneContext)](selector);
}

export function useLaneMode(): Mode {
  return useContext(LaneContext);
}

export const APPLY_EVERY_MS = 100;
let applyEveryMs = APPLY_EVERY_MS;

/** How often facts are folded in (the controller asks for less often in fast-forward and for big graphs). */
export function setApplyEvery(ms: number): void {
  applyEveryMs = ms;
}

let queued: FactBatch[] = [];
type Pending = { timer: ReturnType<typeof setTimeout> | null; frame: number | null };
let pending: Pending | null = null;
let appliedAt = -Infinity;

const clock = () => (typeof performance === 'object' ? performance.now() : Date.now());

/**
 * Queues facts; they reach the lane stores all at once, at the first animation frame at least
 * APPLY_EVERY_MS after the last time (waiting on a timer, not frame after frame, so that no frame
 * is drawn for nothing).
 */
export function enqueueFacts(batches: FactBatch[]): void {
  for (const b of batches) queued.push(b);
  if (pending) return;
  const wait = Math.max(0, appliedAt + applyEveryMs - clock());
  const p: Pending = { timer: null, frame: null };
  pending = p;
  p.timer = setTimeout(() => {
    p.timer = null;
    if (typeof requestAnimationFrame === 'function') p.frame = requestAnimationFrame(() => applyQueued());
    else applyQueued();
  }, wait);
}

/** Folds what is queued into the lane stores now (also called when a run pauses or ends). */
export function applyQueued(): void {
  if (pending?.timer) clearTimeout(pending.timer);
  if (pending?.frame != null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(pending.frame);
  pending = null;
  appliedAt = clock();
  if (queued.length === 0) return;
  const byMode = new Map<Mode, FactBatch['facts']>();
  for (const b of queued) {
    const list = byMode.get(b.mode);
    if (list) for (const f of b.facts) list.push(f);
    else byMode.set(b.mode, b.facts.slice());
  }
  queued = [];
  for (const [mode, facts] of byMode) lanes[mode].setState((s) => reduceFacts(s, facts), true);
}

/** Clears the run's telemetry (a new job, a reset, a mode switch). */
export function clearRun(): void {
  queued = [];
  applyQueued(); // nothing left to apply: cancels a pending application
  for (const lane of Object.values(lanes)) lane.setState(emptyRunData(), true);
  useRun.setState({ clockMs: 0 });
}
