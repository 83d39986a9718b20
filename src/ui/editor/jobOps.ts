// Pure edits of a job document. Every editor action goes through one of these, so the document is
// the one source of truth and each edit is a new, immutable snapshot (cheap undo).
import type { Job, JobEdge, JobNode, NodeKind } from '../../model/index.ts';
import { defaultParams } from './defaults.ts';

export type XY = { x: number; y: number };

export function freshId(job: Job, base: string): string {
  const taken = new Set(job.nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const id = `${base}${i}`;
    if (!taken.has(id)) return id;
  }
}

export function addNode(job: Job, kind: NodeKind, at: XY): { job: Job; id: string } {
  const id = freshId(job, kind);
  const node = { id, kind, params: structuredClone(defaultParams[kind]) } as unknown as JobNode;
  return { id, job: { ...job, nodes: [...job.nodes, node], layout: { ...job.layout, [id]: at } } };
}

export function removeNodes(job: Job, ids: ReadonlySet<string>): Job {
  if (ids.size === 0) return job;
  const layout = { ...job.layout };
  for (const id of ids) delete layout[id];
  return {
    ...job,
    nodes: job.nodes.filter((n) => !ids.has(n.id)),
    edges: job.edges.filter((e) => !ids.has(e.from) && !ids.has(e.to)),
    faults: job.faults.filter((f) => f.kind !== 'crash' || typeof f.node !== 'string' || !ids.has(f.node)),
    layout,
  };
}

export const edgeKey = (e: JobEdge): string =>
  `${e.from}:${e.fromPort ?? 'out'}->${e.to}:${e.toPort ?? 'in'}`;

export function connect(job: Job, edge: JobEdge): Job {
  if (edge.from === edge.to) return job;
  const key = edgeKey(edge);
  if (job.edges.some((e) => edgeKey(e) === key)) return job;
  const clean: JobEdge = { from: edge.from, to: edge.to };
  if (edge.fromPort && edge.fromPort !== 'out') clean.fromPort = edge.fromPort;
  if (edge.toPort && edge.toPort !== 'in') clean.toPort = edge.toPort;
  return { ...job, edges: [...job.edges, clean] };
}

export function removeEdges(job: Job, keys: ReadonlySet<string>): Job {
  if (keys.size === 0) return job;
  return { ...job, edges: job.edges.filter((e) => !keys.has(edgeKey(e))) };
}

export function updateNode(job: Job, id: string, patch: Partial<Omit<JobNode, 'id' | 'kind'>>): Job {
  return {
    ...job,
    nodes: job.nodes.map((n) => (n.id === id ? ({ ...n, ...patch } as JobNode) : n)),
  };
}

export function updateParams(job: Job, id: string, params: Record<string, unknown>): Job {
  return updateNode(job, id, { params } as Partial<JobNode>);
}

export function setPositions(job: Job, positions: Record<string, XY>): Job {
  return { ...job, layout: { ...job.layout, ...positions } };
}

export type Clip = { nodes: JobNode[]; edges: JobEdge[]; layout: Record<string, XY> };

/** The selected nodes and the edges between them. */
export function copyNodes(job: Job, ids: ReadonlySet<string>): Clip | null {
  const nodes = job.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = job.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const layout: Record<string, XY> = {};
  for (const n of nodes) layout[n.id] = job.layout?.[n.id] ?? { x: 0, y: 0 };
  return structuredClone({ nodes, edges, layout });
}

/** Pastes a clip under fresh ids, offset from the originals; returns the new ids. */
export function pasteClip(job: Job, clip: Clip, offset: XY): { job: Job; ids: string[] } {
  let next = job;
  const rename = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = freshId(next, n.id.replace(/\d+$/, '') || n.kind);
    rename.set(n.id, id);
    const pos = clip.layout[n.id] ?? { x: 0, y: 0 };
    next = {
      ...next,
      nodes: [...next.nodes, { ...structuredClone(n), id }],
      layout: { ...next.layout, [id]: { x: pos.x + offset.x, y: pos.y + offset.y } },
    };
  }
  for (const e of clip.edges) next = connect(next, { ...e, from: rename.get(e.from)!, to: rename.get(e.to)! });
  return { job: next, ids: [...rename.values()] };
}
