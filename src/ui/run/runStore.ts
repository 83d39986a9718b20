// The run stores, never persisted. `useRun` holds what the controls show (phase, the one
// processing-time clock, speed, a message). Each engine mode has its own lane store of aggregated
// telemetry (RunData): one lane is shown in a single mode, both side by side in compare mode.
// The worker folds the facts and sends patches of what changed (paced by the controller: a few a
// second while playing); each is applied as it arrives, one store update per lane, and keeps every
// object it does not change, so narrow subscribers re-render only for what they show.
import { createContext, useContext } from 'react';
import { create } from 'zustand';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { Mode } from '../../model/index.ts';
import type { LanePatch } from '../../worker/api.ts';
import { applyPatch } from '../../telemetry/patch.ts';
import { emptyRunData } from '../../telemetry/reduceFacts.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';

export type RunPhase = 'idle' | 'loading' | 'ready' | 'playing' | 'paused' | 'done' | 'invalid' | 'error';

export type RunState = {
  phase: RunPhase;
  /** Processing time the engine has been run to (the clock shown; one clock in compare mode too). */
  clockMs: number;
  speed: number;
  message: string | null;
  /** What the last Step or Next event did, in words; cleared when the run moves on otherwise. */
  stepNote: string | null;
};

export const useRun = create<RunState>()(() => ({
  phase: 'idle',
  clockMs: 0,
  speed: 1,
  message: null,
  stepNote: null,
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

/** Applies a delivery from the worker to the lane stores. */
export function applyPatches(patches: readonly LanePatch[]): void {
  for (const { mode, patch } of patches) lanes[mode].setState((s) => applyPatch(s, patch), true);
}

/** Clears the run's telemetry (a new job, a reset, a mode switch): the worker starts from empty too. */
export function clearRun(): void {
  for (const lane of Object.values(lanes)) lane.setState(emptyRunData(), true);
  useRun.setState({ clockMs: 0, stepNote: null });
}
