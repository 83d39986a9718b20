// The numbers of the Subtasks tab, kept pure so they can be tested: each subtask's share of time
// busy / back-pressured / idle, Flink's data-skew score over the subtasks' records, and for a
// micro-batch the tasks of each stateful stage with its straggler.
import type { BatchEntry, SubtaskEntry } from '../../model/index.ts';

export type Shares = { busy: number; backpressured: number; idle: number };

/** Shares of the subtask's time so far, in percent (they add up to 100 when any time has passed). */
export function sharesOf(s: SubtaskEntry): Shares {
  const total = s.busyMs + s.backpressuredMs + s.idleMs;
  if (total <= 0) return { busy: 0, backpressured: 0, idle: 100 };
  return { busy: (100 * s.busyMs) / total, backpressured: (100 * s.backpressuredMs) / total, idle: (100 * s.idleMs) / total };
}

/**
 * Flink's data-skew score (its Web UI, FLIP-418): how far the subtask with the most records is
 * above the mean, in percent of the mean: (max − mean) / mean × 100. 0 when the load is even; with
 * n subtasks it is at most (n − 1) × 100, when one subtask has everything. null without records.
 */
export function skewScore(records: readonly number[]): number | null {
  if (records.length === 0) return null;
  const total = records.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const mean = total / records.length;
  return (100 * (Math.max(...records) - mean)) / mean;
}

/** Words for a skew score, relative to the most it can be with this many subtasks. */
export function describeSkew(score: number, subtasks: number): string {
  const most = (subtasks - 1) * 100;
  if (score < 10) return 'even: the subtasks share the records about equally';
  if (score < 50) return 'mild skew: some subtasks get somewhat more records than others';
  if (score < Math.max(100, most / 2)) return 'skewed: one subtask gets clearly more records than the mean, and it limits the operator';
  return 'heavily skewed: one subtask gets most of the records (a hot key), so adding subtasks does not help';
}

export type Task = { stage: string; partition: number; rows: number; durationMs: number };

export type StageTasks = {
  stage: string;
  tasks: Task[];
  /** The slowest task's partition: the stage ends when it ends. */
  straggler: number;
  medianMs: number;
  maxMs: number;
};

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const isTask = (t: unknown): t is Task =>
  typeof t === 'object' && t !== null && typeof (t as Task).stage === 'string' && typeof (t as Task).partition === 'number'
  && typeof (t as Task).rows === 'number' && typeof (t as Task).durationMs === 'number';

/** A batch's tasks grouped by stateful stage, in the order the stages first appear. */
export function stagesOf(batch: BatchEntry): StageTasks[] {
  const tasks = Array.isArray(batch.tasks) ? batch.tasks.filter(isTask) : [];
  const byStage = new Map<string, Task[]>();
  for (const t of tasks) {
    const list = byStage.get(t.stage) ?? [];
    list.push(t);
    byStage.set(t.stage, list);
  }
  return [...byStage].map(([stage, list]) => {
    let straggler = list[0]!;
    for (const t of list) if (t.durationMs > straggler.durationMs) straggler = t;
    return { stage, tasks: list, straggler: straggler.partition, medianMs: median(list.map((t) => t.durationMs)), maxMs: straggler.durationMs };
  });
}

/** How much longer the stage took than its median task: "4.0× the median task (+1.2 s)". */
export function stretchOf(s: StageTasks): { ratio: number | null; extraMs: number } {
  return { ratio: s.medianMs > 0 ? s.maxMs / s.medianMs : null, extraMs: s.maxMs - s.medianMs };
}
