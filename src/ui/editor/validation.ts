// Validation as you type, by the engine's own rules (parseJob: schema, then graph checks), with
// each problem tied to the node it concerns so the canvas can mark it and the list can focus it.
// (validate.ts is not re-exported from src/engine/index.ts yet; the CLI imports it the same way.)
import type { Job, Mode } from '../../model/index.ts';
import { parseJob } from '../../model/index.ts';

export type Problem = { path: string; message: string; nodeId: string | null; severity: 'error' | 'warning' };

export function validateJob(job: Job, mode: Mode): Problem[] {
  const r = parseJob(job, { mode });
  const found = r.ok
    ? r.warnings.map((p) => ({ ...p, severity: 'warning' as const }))
    : r.problems.map((p) => ({ ...p, severity: 'error' as const }));
  return found.map((p) => ({ ...p, nodeId: nodeIdOfPath(job, p.path) }));
}

/** `nodes[3].params.delayMs` → node 3; `edges[2]…` → the node the edge enters; `faults[0]` → its node. */
export function nodeIdOfPath(job: Job, path: string): string | null {
  const m = /^(nodes|edges|faults)(?:\.|\[)(\d+)/.exec(path);
  if (!m) return null;
  const i = Number(m[2]);
  if (m[1] === 'nodes') return job.nodes[i]?.id ?? null;
  if (m[1] === 'edges') return job.edges[i]?.to ?? null;
  const fault = job.faults[i];
  return fault && 'node' in fault && typeof fault.node === 'string' ? fault.node : null;
}
