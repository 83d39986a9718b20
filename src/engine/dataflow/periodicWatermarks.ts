// Periodic watermark emission (spec §2.1–2.2): every autoWatermarkIntervalMs each assigner lane emits
// max ts − delay − 1 if that is higher than what it emitted before, or, with an idle timeout, marks
// itself idle once it has been quiet for longer than the timeout since its first quiet probe
// (WatermarksWithIdleness' lazy IdlenessTimer: detection takes the timeout plus up to an interval).
import { MAX_WATERMARK, MIN_WATERMARK } from '../../model/index.ts';
import type { Task } from './tasks.ts';

export type PeriodicWatermarkDeps = {
  emitWatermark(task: Task, ms: number): void;
  sendStatus(task: Task, idle: boolean): void;
};

/** Runs one periodic emission over the assigner lanes at time `t`. */
export function emitPeriodic(assigners: readonly Task[], t: number, d: PeriodicWatermarkDeps): void {
  for (const task of assigners) {
    const node = task.plan.node;
    if (task.outputWm >= MAX_WATERMARK || node.kind !== 'watermark') continue;
    const idleMs = node.params.idleTimeoutMs;
    if (idleMs !== undefined && checkIfIdle(task, t, idleMs)) {
      d.sendStatus(task, true);
      continue;
    }
    if (task.maxTs !== MIN_WATERMARK) d.emitWatermark(task, task.maxTs - node.params.delayMs - 1);
  }
}

function checkIfIdle(task: Task, t: number, timeoutMs: number): boolean {
  if (task.activity !== task.lastActivity) {
    task.lastActivity = task.activity;
    task.quietSinceMs = null;
    return false;
  }
  if (task.quietSinceMs === null) {
    task.quietSinceMs = t;
    return false;
  }
  return t - task.quietSinceMs > timeoutMs;
}
