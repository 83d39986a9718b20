// A problem in the words of the editor rather than of the job document: nodes by their name, not
// `nodes[4]`, and an empty job told what to do first.
import type { Job } from '../../model/index.ts';
import type { Problem } from '../editor/validation.ts';

/** The path's node part as the node's label (or id); `nodes[4].params.delayMs` → `"Count" · params.delayMs`. */
export function whereOf(job: Pick<Job, 'nodes'>, p: Pick<Problem, 'path' | 'nodeId'>): string {
  const m = /^nodes\[(\d+)\]\.?(.*)$/.exec(p.path);
  if (!m) return p.path;
  const node = job.nodes[Number(m[1])];
  const name = node ? node.label || node.id : `node ${Number(m[1]) + 1}`;
  return m[2] ? `${name} · ${m[2]}` : name;
}

/** Within a node's own inspector the node is known: only the field, or nothing. */
export function fieldOf(path: string): string {
  return /^nodes\[\d+\]\.?(.*)$/.exec(path)?.[1] ?? path;
}

/** The message, with the one an empty job gets replaced by what to do. */
export function messageOf(job: Pick<Job, 'nodes'>, p: Pick<Problem, 'path' | 'message'>): string {
  if (job.nodes.length === 0 && p.path === 'nodes') return 'Add a source from the palette to start.';
  return p.message;
}
