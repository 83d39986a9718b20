// Entry point of the engine: a deterministic, pull-driven simulation of one job in one mode.
import type { Job, Mode } from './job/schema.ts';
import type { Fact } from './facts.ts';
import type { Result } from './result.ts';

export type SimulationOptions = {
  /** Overrides job.mode. */
  mode?: Mode;
  /** Overrides job.settings.untilMs. */
  untilMs?: number;
  /** Receives facts in batches as they happen (the worker forwards them to the UI). */
  onFacts?: (facts: Fact[]) => void;
};

export type Simulation = {
  readonly mode: Mode;
  /** The simulated processing-time clock. */
  nowMs(): number;
  /** Runs one scheduled event (dataflow) or one micro-batch (microbatch); false when done. */
  step(): boolean;
  /** Runs every event up to and including processing time `ms`. */
  runUntil(ms: number): void;
  /** Runs to the end: untilMs, or until scripted input has drained. */
  runToEnd(): void;
  isDone(): boolean;
  /** The result so far, as streamlab.result/v1. */
  result(): Result;
  dispose(): void;
};

export function createSimulation(_job: Job, _options: SimulationOptions = {}): Simulation {
  throw new Error('engine not implemented yet');
}

export function runJob(job: Job, options: SimulationOptions = {}): Result {
  const sim = createSimulation(job, options);
  sim.runToEnd();
  const result = sim.result();
  sim.dispose();
  return result;
}
