// The run store: telemetry of the current run, never persisted. Facts arrive from the worker in
// batches; they are queued and folded in once per animation frame (one store update per frame).
import { create } from 'zustand';
import type { Fact } from '../../engine/index.ts';
import { emptyRunData, reduceFacts } from './reduceFacts.ts';
import type { RunData } from './reduceFacts.ts';

export type RunPhase = 'idle' | 'loading' | 'ready' | 'playing' | 'paused' | 'done' | 'invalid' | 'error';

export type RunState = RunData & {
  phase: RunPhase;
  /** Processing time the engine has been run to (the clock shown). */
  clockMs: number;
  speed: number;
  compare: boolean;
  message: string | null;
};

export const useRun = create<RunState>()(() => ({
  ...emptyRunData(),
  phase: 'idle',
  clockMs: 0,
  speed: 1,
  compare: false,
  message: null,
}));

/** Every fact of the current run, in order: the log that scrubbing replays. Not React state. */
export const factLog: Fact[] = [];

let queued: Fact[] = [];
let frame: number | null = null;

const nextFrame = (fn: () => void): number =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : (setTimeout(fn, 16) as unknown as number);

/** Queues facts; they reach the store at the next animation frame, all at once. */
export function enqueueFacts(facts: Fact[]): void {
  for (const f of facts) {
    factLog.push(f);
    queued.push(f);
  }
  if (frame === null) frame = nextFrame(applyQueued);
}

export function applyQueued(): void {
  frame = null;
  if (queued.length === 0) return;
  const batch = queued;
  queued = [];
  useRun.setState((s) => reduceFacts(s, batch));
}

/** Clears the run's telemetry (a new job, a reset, a mode switch). */
export function clearRun(): void {
  factLog.length = 0;
  queued = [];
  useRun.setState({ ...emptyRunData(), clockMs: 0 });
}
