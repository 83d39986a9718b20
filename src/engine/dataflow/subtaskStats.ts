// The `subtasks` of each dataflow node (job-format; Flink's per-subtask metrics): which tasks make up
// which subtask, and their totals. Stateful operators and sinks: one task per subtask. A source
// with parallelism p: subtask i reads the partitions KafkaSourceEnumerator assigns it
// (getSplitOwner, topic = the source's id); its partitions' readers are lanes here, so its busy and
// back-pressured time is the most of any of them, its watermark their minimum. A forward operator:
// each lane belongs to the subtask its records come from (modulo its own parallelism).
import type { Plan } from '../plan.ts';
import { MIN_WATERMARK, type SubtaskEntry } from '../../model/index.ts';
import { splitOwner } from './flink.ts';
import { edgeKey, laneKindOf, type Wiring } from './lanes.ts';
import type { Task } from './tasks.ts';

/** Per node: the subtask index of each of its tasks (by lane), and the number of subtasks. */
export type SubtaskMap = Map<string, { of: number[]; count: number }>;

export function subtaskMapOf(plan: Plan, wiring: Wiring, tasks: ReadonlyMap<string, Task[]>): SubtaskMap {
  const map: SubtaskMap = new Map();
  for (const p of plan.nodes) {
    const lanes = tasks.get(p.id)!.length;
    const parallelism = Math.max(1, p.node.parallelism ?? 1);
    const kind = laneKindOf(p.node);
    if (kind === 'merge') {
      map.set(p.id, { of: Array.from({ length: lanes }, (_, i) => i), count: lanes });
    } else if (kind === 'source') {
      map.set(p.id, { of: Array.from({ length: lanes }, (_, k) => splitOwner(p.id, k, parallelism)), count: parallelism });
    } else {
      const of: number[] = [];
      p.inputs.forEach((e, i) => {
        const offset = wiring.edgeOffset.get(edgeKey(e, i))!;
        const from = map.get(e.from)!;
        from.of.forEach((sub, lane) => (of[offset + lane] = sub % parallelism));
      });
      map.set(p.id, { of: Array.from({ length: lanes }, (_, i) => of[i] ?? 0), count: parallelism });
    }
  }
  return map;
}

/**
 * Every node's subtasks at `nowMs`, their totals added to `base` (what earlier attempts did).
 */
export function subtaskEntries(
  plan: Plan,
  map: SubtaskMap,
  tasks: ReadonlyMap<string, Task[]>,
  nowMs: number,
  base: Record<string, SubtaskEntry[]> | null,
): Record<string, SubtaskEntry[]> {
  const out: Record<string, SubtaskEntry[]> = {};
  for (const p of plan.nodes) {
    const { of, count } = map.get(p.id)!;
    const source = p.node.kind === 'source';
    const list: SubtaskEntry[] = Array.from({ length: count }, (_, index) => {
      const before = base?.[p.id]?.[index];
      const e: SubtaskEntry = {
        index,
        records: before?.records ?? 0,
        busyMs: 0,
        backpressuredMs: 0,
        idleMs: 0,
        watermarkMs: null,
      };
      if (source) e.partitions = [];
      return e;
    });
    const busy = new Array<number>(count).fill(0);
    const bp = new Array<number>(count).fill(0);
    const wm = new Array<number>(count).fill(Infinity);
    tasks.get(p.id)!.forEach((t, lane) => {
      const i = of[lane];
      const e = list[i];
      // Totals of past samples, this period's counters and the work or blocking in progress (read, not folded).
      e.records += source ? t.totalRecordsOut + t.recordsOut : t.totalRecordsIn + t.recordsIn;
      busy[i] = Math.max(busy[i], t.totalBusyMs + t.busyMs + (t.busy ? nowMs - t.busySinceMs : 0));
      bp[i] = Math.max(bp[i], t.totalBackpressuredMs + t.backpressuredMs + (t.blocked > 0 ? nowMs - t.blockedSinceMs : 0));
      wm[i] = Math.min(wm[i], t.outputWm);
      if (source) e.partitions!.push(lane);
    });
    for (let i = 0; i < count; i++) {
      const e = list[i];
      const before = base?.[p.id]?.[i];
      e.busyMs = Math.round(busy[i] + (before?.busyMs ?? 0));
      e.backpressuredMs = Math.round(bp[i] + (before?.backpressuredMs ?? 0));
      e.idleMs = Math.max(0, Math.round(nowMs - e.busyMs - e.backpressuredMs));
      // Never back: a restarted attempt's tasks start from nothing while the subtask had a watermark.
      const w = Math.max(wm[i] === Infinity ? MIN_WATERMARK : wm[i], before?.watermarkMs ?? MIN_WATERMARK);
      e.watermarkMs = w <= MIN_WATERMARK ? null : w;
    }
    out[p.id] = list;
  }
  return out;
}
