// Periodic watermark emission (spec §2.1–2.2). The lanes of one watermark node are the partitions of
// one source in Flink, whose watermark generators (one per split) a source combines into ONE
// watermark (ProgressiveTimestampsAndWatermarks.SplitLocalOutputs + WatermarkOutputMultiplexer):
// every autoWatermarkIntervalMs each lane's generator records its candidate (max ts − delay − 1),
// then the node emits the minimum over its lanes that are neither finished nor idle, on every lane,
// if it rose. So a node emits at most one watermark per emission, never a partial minimum, and a
// lane whose partition finished stops holding it back at the next emission, not when it finishes.
// With an idle timeout a lane counts as idle once it has been quiet for longer than the timeout
// since its first quiet probe (WatermarksWithIdleness' lazy IdlenessTimer); when every unfinished
// lane is idle, the node's output is idle.
import { MAX_WATERMARK, MIN_WATERMARK } from '../../model/index.ts';
import type { Task } from './tasks.ts';

export type PeriodicWatermarkDeps = {
  emitWatermark(task: Task, ms: number): void;
  sendStatus(task: Task, idle: boolean): void;
};

/** Runs one periodic emission at time `t` over the assigner nodes, each given as its lanes. */
export function emitPeriodic(nodes: readonly (readonly Task[])[], t: number, d: PeriodicWatermarkDeps): void {
  for (const lanes of nodes) emitCombined(lanes, t, d);
}

function emitCombined(lanes: readonly Task[], t: number, d: PeriodicWatermarkDeps): void {
  const node = lanes[0].plan.node;
  if (node.kind !== 'watermark' || lanes[0].outputWm >= MAX_WATERMARK) return;
  const idleMs = node.params.idleTimeoutMs;
  let min = Infinity;
  let active = 0;
  let open = 0;
  for (const lane of lanes) {
    if (lane.inputDone) continue;
    open++;
    // Every open lane's idleness timer is probed at every emission, as each split's generator is.
    if (idleMs !== undefined && checkIfIdle(lane, t, idleMs)) continue;
    active++;
    const candidate = lane.maxTs === MIN_WATERMARK ? MIN_WATERMARK : lane.maxTs - node.params.delayMs - 1;
    if (candidate < min) min = candidate;
  }
  if (open === 0) return; // every partition finished: end of input was sent when the last one did
  if (active === 0) {
    for (const lane of lanes) d.sendStatus(lane, true);
    return;
  }
  if (min === MIN_WATERMARK) return;
  for (const lane of lanes) d.emitWatermark(lane, min);
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
