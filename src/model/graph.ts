// Graph queries over a job's nodes and edges, shared by validation and both execution modes.
import type { Job, JobEdge, JobNode } from './schema.ts';

export type Graph = {
  readonly nodes: ReadonlyMap<string, JobNode>;
  /** Edges into each node, in document order. */
  readonly inputs: ReadonlyMap<string, JobEdge[]>;
  /** Edges out of each node, in document order. */
  readonly outputs: ReadonlyMap<string, JobEdge[]>;
  /** Node ids in a topological order (document order among independent nodes); null if cyclic. */
  readonly order: string[] | null;
};

export function createGraph(job: Pick<Job, 'nodes' | 'edges'>): Graph {
  const nodes = new Map<string, JobNode>();
  for (const n of job.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const inputs = new Map<string, JobEdge[]>();
  const outputs = new Map<string, JobEdge[]>();
  for (const id of nodes.keys()) {
    inputs.set(id, []);
    outputs.set(id, []);
  }
  for (const e of job.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) continue; // dangling: reported by validation
    outputs.get(e.from)!.push(e);
    inputs.get(e.to)!.push(e);
  }
  return { nodes, inputs, outputs, order: topologicalOrder(nodes, inputs, outputs) };
}

function topologicalOrder(
  nodes: Map<string, JobNode>,
  inputs: Map<string, JobEdge[]>,
  outputs: Map<string, JobEdge[]>,
): string[] | null {
  // Kahn's algorithm, taking ready nodes in document order so the order is stable for a given job.
  // The ready set is a binary min-heap of document indices: one source fanned out to 5,000 sinks
  // made a sorted array re-sorted per node take seconds.
  const ids = [...nodes.keys()];
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const remaining = ids.map((id) => inputs.get(id)!.length);
  const ready: number[] = [];
  const push = (i: number) => {
    let c = ready.push(i) - 1;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (ready[parent] <= ready[c]) break;
      [ready[parent], ready[c]] = [ready[c], ready[parent]];
      c = parent;
    }
  };
  const pop = (): number => {
    const top = ready[0];
    const last = ready.pop()!;
    if (ready.length > 0) {
      ready[0] = last;
      for (let c = 0; ; ) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < ready.length && ready[l] < ready[m]) m = l;
        if (r < ready.length && ready[r] < ready[m]) m = r;
        if (m === c) break;
        [ready[m], ready[c]] = [ready[c], ready[m]];
        c = m;
      }
    }
    return top;
  };
  remaining.forEach((n, i) => n === 0 && push(i));
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ids[pop()];
    order.push(id);
    for (const e of outputs.get(id)!) {
      const to = indexOf.get(e.to)!;
      if (--remaining[to] === 0) push(to);
    }
  }
  return order.length === nodes.size ? order : null;
}

/** Every node upstream of `id` (not including it), following edges backwards. */
export function upstreamOf(graph: Graph, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    for (const e of graph.inputs.get(cur) ?? []) {
      if (!seen.has(e.from)) {
        seen.add(e.from);
        stack.push(e.from);
      }
    }
  }
  return seen;
}

/** Nodes on a cycle, for a message that names them (empty when the graph is acyclic). */
export function nodesOnCycles(graph: Graph): string[] {
  if (graph.order) return [];
  const placed = new Set<string>();
  // Peel nodes that can be ordered from both ends; what stays sits on or between cycles.
  let changed = true;
  const alive = new Set(graph.nodes.keys());
  while (changed) {
    changed = false;
    for (const id of [...alive]) {
      const ins = (graph.inputs.get(id) ?? []).filter((e) => alive.has(e.from));
      const outs = (graph.outputs.get(id) ?? []).filter((e) => alive.has(e.to));
      if (ins.length === 0 || outs.length === 0) {
        alive.delete(id);
        placed.add(id);
        changed = true;
      }
    }
  }
  return [...alive];
}

export const portOf = (e: JobEdge): 'in' | 'left' | 'right' => e.toPort ?? 'in';
export const fromPortOf = (e: JobEdge): 'out' | 'late' => e.fromPort ?? 'out';

/**
 * The key in effect on each node's input (the field of an upstream keyBy, while it survives), for
 * every node of an acyclic graph: what the engine's plan and the exporters both key by.
 */
export function inputKeysOf(graph: Graph): Map<string, string | null> {
  const keyIn = new Map<string, string | null>();
  const keyOut = new Map<string, string | null>();
  for (const id of graph.order ?? []) {
    const inKeys = graph.inputs.get(id)!.map((e) => keyOut.get(e.from) ?? null);
    const keyField = inKeys.length > 0 && inKeys.every((k) => k === inKeys[0]) ? inKeys[0] : null;
    keyIn.set(id, keyField);
    keyOut.set(id, keyOnOutput(graph.nodes.get(id)!, keyField));
  }
  return keyIn;
}

function keyOnOutput(node: JobNode, keyIn: string | null): string | null {
  switch (node.kind) {
    case 'keyBy':
      return node.params.key;
    case 'window':
    case 'join':
      // A window's or join's output is a plain stream again (Flink: DataStream, not KeyedStream;
      // Spark: a new groupBy is needed): downstream keyed operators need their own keyBy.
      return null;
    case 'map':
      return keyIn !== null && Object.hasOwn(node.params.fields, keyIn) ? keyIn : null;
    case 'source':
      return null;
    default:
      return keyIn;
  }
}
