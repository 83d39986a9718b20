// Tasks: one running instance of an operator on one lane. A task takes one element at a time from
// its input queue; a record costs the node's costMs of processing time (divided by parallelism),
// watermarks and timers cost nothing. Records and watermarks keep their order per channel.
import type { PlanNode } from '../plan.ts';
import type { Row } from '../result.ts';
import type { DfOperator } from './host.ts';
import type { Valve } from './valve.ts';

export type Element =
  | { k: 'row'; row: Row }
  | { k: 'wm'; ms: number }
  | { k: 'status'; idle: boolean }
  | { k: 'mail'; run: () => void };

export type Target = { task: Task; channel: number; edge: number };

export type Task = {
  readonly plan: PlanNode;
  readonly lane: number;
  readonly costMs: number;
  readonly targets: { out: Target[]; late: Target[] };
  queue: { channel: number; el: Element }[];
  head: number;
  busy: boolean;
  /** Merge tasks: the valve over input lanes; forward tasks: null (one channel). */
  valve: Valve | null;
  operator: DfOperator | null;
  /** The task's current input watermark (its event-time clock). */
  inputWm: number;
  /** The last watermark this task sent downstream. */
  outputWm: number;
  outputIdle: boolean;
  /** Watermark assigner lanes: the generator's state (spec §2.1). */
  maxTs: number;
  activity: number;
  lastActivity: number;
  quietSinceMs: number | null;
};
