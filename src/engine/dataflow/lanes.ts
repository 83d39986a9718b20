// Parallel lanes (spec §2.2): a source runs one reader per partition, and the operators chained
// after it (filter, map, keyBy, watermark, dropLate, union) run one instance per lane (a watermark
// node combines its lanes' watermarks into one, as a Flink source combines its splits'). Stateful
// operators and sinks run as their parallelism's subtasks (partitioning.ts), each gathering the
// lanes that feed it through a valve that takes the min.
import { portOf, type Plan } from '../plan.ts';
import { laneKindOf } from './laneKind.ts';
import { edgeModeOf, subtaskCountOf } from './partitioning.ts';

export { laneKindOf, type LaneKind } from './laneKind.ts';

export type Wiring = {
  /** Output lanes of each node. */
  lanesOut: Map<string, number>;
  /** Input lanes of each node (= its instances for forward nodes, its valve channels for merges). */
  lanesIn: Map<string, number>;
  /** For each edge (by index in plan order of its target's inputs), the first input lane it feeds. */
  edgeOffset: Map<string, number>;
  /** The port of each input lane of a merge node. */
  channelPorts: Map<string, ('in' | 'left' | 'right')[]>;
};

export const edgeKey = (e: { from: string; to: string; fromPort?: string; toPort?: string }, i: number) =>
  `${e.from}>${e.to}:${e.fromPort ?? 'out'}:${e.toPort ?? 'in'}#${i}`;

export function wire(plan: Plan): Wiring {
  const lanesOut = new Map<string, number>();
  const lanesIn = new Map<string, number>();
  const edgeOffset = new Map<string, number>();
  const channelPorts = new Map<string, ('in' | 'left' | 'right')[]>();
  for (const p of plan.nodes) {
    let offset = 0;
    const ports: ('in' | 'left' | 'right')[] = [];
    const kind = laneKindOf(p.node);
    const subtasks = subtaskCountOf(p);
    p.inputs.forEach((e, i) => {
      edgeOffset.set(edgeKey(e, i), offset);
      const senders = lanesOut.get(e.from) ?? 1;
      // A forward edge into a subtask is one channel (from the sender subtask of the same index).
      const n = kind === 'merge' && edgeModeOf(p, portOf(e), senders, subtasks) === 'forward' ? 1 : senders;
      for (let j = 0; j < n; j++) ports.push(portOf(e));
      offset += n;
    });
    lanesIn.set(p.id, offset);
    channelPorts.set(p.id, ports);
    lanesOut.set(p.id, kind === 'source' ? (p.node.kind === 'source' ? p.node.params.partitions : 1) : kind === 'merge' ? subtasks : Math.max(1, offset));
  }
  return { lanesOut, lanesIn, edgeOffset, channelPorts };
}
