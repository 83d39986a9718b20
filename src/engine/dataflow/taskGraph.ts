// The physical graph of one attempt: a task per node and lane, and a channel (Target) per sender
// lane and receiver input, as Flink's ExecutionGraph expands a JobGraph by parallelism.
import type { Plan } from '../plan.ts';
import { edgeKey, laneKindOf, type Wiring } from './lanes.ts';
import { createTask, type Target, type Task } from './tasks.ts';

export type TaskGraph = {
  tasks: Map<string, Task[]>;
  allTasks: Task[];
  /** Logical edges, by index (a Target's `edge`). */
  edges: { from: string; to: string; fromPort: 'out' | 'late' }[];
};

export function buildTaskGraph(plan: Plan, wiring: Wiring): TaskGraph {
  const tasks = new Map<string, Task[]>();
  const edges: TaskGraph['edges'] = [];
  for (const p of plan.nodes) {
    const merge = laneKindOf(p.node) === 'merge';
    const n = merge ? 1 : wiring.lanesOut.get(p.id)!;
    tasks.set(p.id, Array.from({ length: n }, (_, lane) => createTask(p, lane, merge)));
  }
  for (const p of plan.nodes) {
    p.inputs.forEach((e, i) => {
      const edgeIndex = edges.length;
      edges.push({ from: e.from, to: e.to, fromPort: e.fromPort ?? 'out' });
      const offset = wiring.edgeOffset.get(edgeKey(e, i))!;
      const receivers = tasks.get(p.id)!;
      const merge = laneKindOf(p.node) === 'merge';
      tasks.get(e.from)!.forEach((sender, lane) => {
        const task = merge ? receivers[0] : receivers[offset + lane];
        const channel = merge ? offset + lane : 0;
        const target: Target = { from: sender, task, channel, edge: edgeIndex, outbox: [] };
        sender.targets[e.fromPort === 'late' ? 'late' : 'out'].push(target);
        task.inputs[channel] = target;
        task.queuedRows[channel] = 0;
      });
    });
  }
  return { tasks, allTasks: [...tasks.values()].flat(), edges };
}
