// The run stores, never persisted. `useRun` holds what the controls show (phase, the one
// processing-time clock, speed, a message). Each engine mode has its own lane store of aggregated
// telemetry (RunData): one lane is shown in a single mode, both side by side in compare mode.
// Facts arrive from the worker in batches; they are queued and folded in once per animation frame
// (one store update per lane per frame).
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

let queued: FactBatch[] = [];
let frame: number | null = null;

const nextFrame = (fn: () => void): number =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : (setTimeout(fn, 16) as unknown as number);

/** Queues facts; they reach the lane stores at the next animation frame, all at once. */
export function enqueueFacts(batches: FactBatch[]): void {
  for (const b of batches) queued.push(b);
  if (frame === null) frame = nextFrame(applyQueued);
}

export function applyQueued(): void {
  frame = null;
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
  for (const lane of Object.values(lanes)) lane.setState(emptyRunData(), true);
  useRun.setState({ clockMs: 0 });
}
