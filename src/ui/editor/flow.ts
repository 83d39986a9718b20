// The React Flow view of a job: nodes and edges derived from the document. Derivation reuses the
// previous objects when nothing of theirs changed, so memoised node components do not re-render
// and React Flow keeps what it measured.
import type { Edge, Node } from '@xyflow/react';
import type { Job, JobEdge, NodeKind } from '../../model/index.ts';
import { edgeKey } from './jobOps.ts';

export type OpData = { kind: NodeKind; params: unknown; label?: string };
export type OpNode = Node<OpData, NodeKind>;
export type OpEdge = Edge;

export function toFlowNodes(job: Job, prev: readonly OpNode[]): OpNode[] {
  const before = new Map(prev.map((n) => [n.id, n]));
  return job.nodes.map((n, i) => {
    const old = before.get(n.id);
    const position = job.layout?.[n.id] ?? { x: i * 220, y: 0 };
    if (
      old &&
      old.type === n.kind &&
      old.data.params === n.params &&
      old.data.label === n.label &&
      old.position.x === position.x &&
      old.position.y === position.y
    ) {
      return old;
    }
    const data: OpData = { kind: n.kind, params: n.params, label: n.label };
    return { ...old, id: n.id, type: n.kind, position: { x: position.x, y: position.y }, data };
  });
}

export function toFlowEdges(job: Job, prev: readonly OpEdge[]): OpEdge[] {
  const before = new Map(prev.map((e) => [e.id, e]));
  return job.edges.map((e) => before.get(edgeKey(e)) ?? toFlowEdge(e));
}

function toFlowEdge(e: JobEdge): OpEdge {
  return {
    id: edgeKey(e),
    type: 'flow',
    source: e.from,
    target: e.to,
    sourceHandle: e.fromPort ?? 'out',
    targetHandle: e.toPort ?? 'in',
  };
}

export function fromConnection(c: {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}): JobEdge {
  const edge: JobEdge = { from: c.source, to: c.target };
  if (c.sourceHandle === 'late') edge.fromPort = 'late';
  if (c.targetHandle === 'left' || c.targetHandle === 'right') edge.toPort = c.targetHandle;
  return edge;
}
