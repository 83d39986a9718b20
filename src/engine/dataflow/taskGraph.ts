// The physical graph of one attempt: a task per node and lane (stateful operators and sinks: per
// subtask), and a channel (Target) per sender lane and receiver input, as Flink's ExecutionGraph
// expands a JobGraph by parallelism. An edge into a node with several subtasks gives each sender a
// fan-out that picks one channel per record: by key group (hash), round robin (rebalance), or the
// subtask of the sender's own index (forward).
import type { Plan } from '../plan.ts';
import type { Row } from '../../model/index.ts';
import { operatorIndexForKey } from './flink.ts';
import { edgeKey, laneKindOf, type Wiring } from './lanes.ts';
import { edgeModeOf, partitionKeyFn, subtaskCountOf } from './partitioning.ts';
import { createTask, type Fanout, type Target, type Task } from './tasks.ts';

export type TaskGraph = {
  tasks: Map<string, Task[]>;
  allTasks: Task[];
  /** Logical edges, by index (a Target's `edge`). */
  edges: { from: string; to: string; fromPort: 'out' | 'late' }[];
};

export function buildTaskGraph(plan: Plan, wiring: Wiring): TaskGraph {
  const tasks = new Map<string, Task[]>();
  const edges: TaskGraph['edges'] = [];
  const maxParallelism = plan.job.settings.dataflow.maxParallelism;
  for (const p of plan.nodes) {
    const merge = laneKindOf(p.node) === 'merge';
    const n = merge ? subtaskCountOf(p) : wiring.lanesOut.get(p.id)!;
    tasks.set(p.id, Array.from({ length: n }, (_, lane) => createTask(p, lane)));
  }
  /** Per sender task and port: one fan-out per edge (built only where some edge has several receivers). */
  const fanouts = new Map<Task, { out: Fanout[]; late: Fanout[] }>();
  for (const p of plan.nodes) {
    p.inputs.forEach((e, i) => {
      const edgeIndex = edges.length;
      edges.push({ from: e.from, to: e.to, fromPort: e.fromPort ?? 'out' });
      const offset = wiring.edgeOffset.get(edgeKey(e, i))!;
      const receivers = tasks.get(p.id)!;
      const merge = laneKindOf(p.node) === 'merge';
      const senders = tasks.get(e.from)!;
      const port = e.toPort ?? 'in';
      const mode = merge ? edgeModeOf(p, port, senders.length, receivers.length) : null;
      const keyFn = mode === 'hash' ? partitionKeyFn(p, port)! : null;
      const fromPort = e.fromPort === 'late' ? 'late' : 'out';
      senders.forEach((sender, lane) => {
        const connect = (task: Task, channel: number): Target => {
          const target: Target = { from: sender, task, channel, edge: edgeIndex, outbox: [] };
          sender.targets[fromPort].push(target);
          task.inputs[channel] = target;
          task.queuedRows[channel] = 0;
          return target;
        };
        if (!merge) {
          connect(receivers[offset + lane], 0);
          return;
        }
        if (mode === 'single') {
          connect(receivers[0], offset + lane);
          return;
        }
        if (mode === 'forward') {
          connect(receivers[lane], offset);
          return;
        }
        const targets = receivers.map((r) => connect(r, offset + lane));
        const f = fanouts.get(sender) ?? { out: [], late: [] };
        fanouts.set(sender, f);
        let next = lane % targets.length; // rebalance: round robin from the sender's own index
        const pick =
          keyFn !== null
            ? (row: Row) => operatorIndexForKey(keyFn(row), maxParallelism, targets.length)
            : () => {
                const k = next;
                next = (next + 1) % targets.length;
                return k;
              };
        f[fromPort].push({ targets, pick });
      });
    });
  }
  // A sender with a fan-out on a port routes every edge of that port through fan-outs (one-target
  // edges get a trivial one), in the order of its targets.
  for (const [sender, f] of fanouts) {
    for (const port of ['out', 'late'] as const) {
      if (f[port].length === 0) continue;
      const covered = new Set(f[port].flatMap((x) => x.targets));
      const list: Fanout[] = [...f[port]];
      for (const t of sender.targets[port]) if (!covered.has(t)) list.push({ targets: [t], pick: () => 0 });
      sender.fanout[port] = list;
    }
  }
  return { tasks, allTasks: [...tasks.values()].flat(), edges };
}
