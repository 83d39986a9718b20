// The run stores, never persisted. `useRun` holds what the controls show (phase, the one
// processing-time clock, speed, a message). Each engine mode has its own engine run store of aggregated
// telemetry (RunData): one engine run is shown in a single mode, both side by side in compare mode.
// The worker folds the facts and sends patches of what changed (paced by the controller: a few a
// second while playing); each is applied as it arrives, one store update per engine run, and keeps every
// object it does not change, so narrow subscribers re-render only for what they show.
import { createContext, useContext } from 'react';
import { create } from 'zustand';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { Mode } from '../../model/index.ts';
import type { EngineRunPatch } from '../../worker/api.ts';
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

export type EngineRunStore = UseBoundStore<StoreApi<RunData>>;

export const engineRuns: Record<Mode, EngineRunStore> = {
  microbatch: create<RunData>()(() => emptyRunData()),
  dataflow: create<RunData>()(() => emptyRunData()),
};

/** Which mode's telemetry the components below show. */
export const EngineRunContext = createContext<Mode>('dataflow');

/** A narrow subscription to the telemetry of the engine run this component sits in. */
export function useEngineRun<T>(selector: (s: RunData) => T): T {
  return engineRuns[useContext(EngineRunContext)](selector);
}

export function useEngineMode(): Mode {
  return useContext(EngineRunContext);
}

/** Applies a delivery from the worker to the engine run stores. */
export function applyPatches(patches: readonly EngineRunPatch[]): void {
  for (const { mode, patch } of patches) engineRuns[mode].setState((s) => applyPatch(s, patch), true);
}

/** Clears the run's telemetry (a new job, a reset, a mode switch): the worker starts from empty too. */
export function clearRun(): void {
  for (const engineRun of Object.values(engineRuns)) engineRun.setState(emptyRunData(), true);
  useRun.setState({ clockMs: 0, stepNote: null });
}
