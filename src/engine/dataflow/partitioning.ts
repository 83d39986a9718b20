// How records reach the subtasks of a stateful operator or sink (spec job-format "Parallelism"):
// a keyed operator (a window after keyBy, a dedup, a join) with parallelism p runs p subtasks, and a
// record goes to the one owning its key's key group (hash); a sink with p > 1 takes its input
// forward when the sender has as many subtasks (Flink chains them), round robin otherwise
// (rebalance). A window without a key is Flink's windowAll, which runs at parallelism 1.
import type { PlanNode } from '../plan.ts';
import type { Row } from '../../model/index.ts';
import { laneKindOf } from './laneKind.ts';

export type EdgeMode = 'single' | 'forward' | 'hash' | 'rebalance';

/** The number of subtasks a node's task runs as (stateful operators and sinks; forward nodes follow their lanes). */
export function subtaskCountOf(p: PlanNode): number {
  const n = p.node;
  if (laneKindOf(n) !== 'merge') return 1;
  const parallelism = n.parallelism ?? 1;
  if (parallelism <= 1) return 1;
  if (n.kind === 'window' && p.keyField === null) return 1; // windowAll
  return parallelism;
}

/** The key a record is partitioned by on its way into `p` through `port`; null: the node is not keyed. */
export function partitionKeyFn(p: PlanNode, port: 'in' | 'left' | 'right'): ((row: Row) => unknown) | null {
  const n = p.node;
  switch (n.kind) {
    case 'join': {
      const field = port === 'right' ? n.params.rightKey : n.params.leftKey;
      return (row) => row[field];
    }
    case 'dedup': {
      const key = n.params.key;
      if (typeof key === 'string') return (row) => row[key];
      return (row) => JSON.stringify(key.map((f) => row[f] ?? null));
    }
    case 'window': {
      const field = p.keyField;
      return field === null ? null : (row) => row[field];
    }
    default:
      return null;
  }
}

/** How one edge into a node with `subtasks` subtasks connects `senderLanes` sender lanes. */
export function edgeModeOf(receiver: PlanNode, port: 'in' | 'left' | 'right', senderLanes: number, subtasks: number): EdgeMode {
  if (subtasks === 1) return 'single';
  if (partitionKeyFn(receiver, port) !== null) return 'hash';
  return senderLanes === subtasks ? 'forward' : 'rebalance';
}
