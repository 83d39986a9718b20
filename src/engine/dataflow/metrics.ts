// Flink's busy / backPressured / idle time per second (spec §2.8), queue fill per edge and source lag,
// sampled from the tasks of a running attempt.
import type { Fact, OperatorSample } from '../../model/index.ts';
import type { Task } from './tasks.ts';

export function sampleMetrics(
  tasks: ReadonlyMap<string, Task[]>,
  nowMs: number,
  periodMs: number,
  capacity: number,
  sourceLag: Record<string, number>,
): Extract<Fact, { type: 'metrics.sampled' }> {
  // Keyed by node ids, which may be `__proto__` or `constructor`: no prototype.
  const operators: Record<string, OperatorSample> = Object.create(null);
  const edges: Record<string, { queued: number; outbox: number; capacity: number }> = Object.create(null);
  for (const [id, list] of tasks) {
    let busy = 0;
    let bp = 0;
    let recordsIn = 0;
    let recordsOut = 0;
    let queued = 0;
    for (const task of list) {
      if (task.busy) {
        task.busyMs += nowMs - task.busySinceMs;
        task.busySinceMs = nowMs;
      }
      if (task.blocked > 0) {
        task.backpressuredMs += nowMs - task.blockedSinceMs;
        task.blockedSinceMs = nowMs;
      }
      busy = Math.max(busy, task.busyMs);
      bp = Math.max(bp, task.backpressuredMs);
      recordsIn += task.recordsIn;
      recordsOut += task.recordsOut;
      for (const q of task.queuedRows) queued += q ?? 0;
      task.totalBusyMs += task.busyMs;
      task.totalBackpressuredMs += task.backpressuredMs;
      task.totalRecordsIn += task.recordsIn;
      task.totalRecordsOut += task.recordsOut;
      task.busyMs = task.backpressuredMs = task.recordsIn = task.recordsOut = 0;
      for (const tg of [...task.targets.out, ...task.targets.late]) {
        const e = (edges[`${id}->${tg.task.plan.id}`] ??= { queued: 0, outbox: 0, capacity: 0 });
        e.queued += tg.task.queuedRows[tg.channel] ?? 0;
        e.outbox += tg.outbox.length;
        e.capacity += capacity;
      }
    }
    const perSecond = (ms: number) => Math.round((Math.min(ms, periodMs) * 1000) / periodMs);
    const bpPerSecond = perSecond(bp);
    const busyPerSecond = Math.min(perSecond(busy), 1000 - bpPerSecond);
    operators[id] = {
      busyMsPerSecond: busyPerSecond,
      backPressuredMsPerSecond: bpPerSecond,
      idleMsPerSecond: 1000 - busyPerSecond - bpPerSecond,
      status: bpPerSecond <= 100 ? 'OK' : bpPerSecond <= 500 ? 'LOW' : 'HIGH',
      recordsIn,
      recordsOut,
      queued,
    };
  }
  return { type: 'metrics.sampled', atMs: nowMs, periodMs, operators, edges, sourceLag };
}
