// What a mode's runtime gets from the simulation: the plan, the event queue, the clock and a place
// to put facts. Runtimes schedule events; the simulation pops them and advances the clock.
import type { Fact } from '../../model/index.ts';
import type { Plan } from '../plan.ts';
import type { EventQueue } from './queue.ts';

export type RuntimeContext = {
  readonly plan: Plan;
  readonly queue: EventQueue;
  /** The simulated processing time of the event being run. */
  nowMs(): number;
  emit(fact: Fact): void;
  /** Processing time at which the run stops; Infinity when it runs until input drains. */
  readonly untilMs: number;
};

export type Runtime = {
  /** Schedules the first events. */
  start(): void;
  /** True once the job has nothing left to do (input drained and processed, or stopped). */
  isFinished(): boolean;
  /** Called before the event at time `t` runs (the clock is about to move to t). */
  beforeEvent?(t: number): void;
  /** Called after each event. */
  afterEvent?(): void;
  /** Rows of operator state held now (windows, dedup keys, join buffers), for the run's budget. */
  stateRows?(): number;
  /** Facts for the end of the run (final gauges), emitted once when the simulation ends. */
  finish?(): void;
};
