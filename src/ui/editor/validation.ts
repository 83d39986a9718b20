// Validation as you type. The engine's `parseJob`/`checkGraph` (src/engine/job/validate.ts) are the
// authority once they exist; until then the schema plus the structural checks below stand in.
import { createGraph, jobSchema, nodesOnCycles } from '../../engine/index.ts';
import type { Job, Mode } from '../../engine/index.ts';
import { inputPortsOf } from './defaults.ts';

export type Problem = { path: string; message: string; nodeId: string | null; severity: 'error' | 'warning' };

type Issue = { path: PropertyKey[]; message: string };

export function validateJob(job: Job, _mode: Mode): Problem[] {
  const parsed = jobSchema.safeParse(job);
  const problems: Problem[] = parsed.success ? [] : parsed.error.issues.map((i) => fromIssue(job, i));
  return problems.concat(checkStructure(job));
}

function fromIssue(job: Job, issue: Issue): Problem {
  const path = issue.path.map(String).join('.');
  return { path, message: issue.message, nodeId: nodeIdOfPath(job, path), severity: 'error' };
}

/** `nodes.3.params.delayMs` or `nodes[3].params` → the id of node 3. */
export function nodeIdOfPath(job: Job, path: string): string | null {
  const m = /^nodes(?:\.|\[)(\d+)/.exec(path);
  if (!m) return null;
  return job.nodes[Number(m[1])]?.id ?? null;
}

function checkStructure(job: Job): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  job.nodes.forEach((n, i) => {
    if (seen.has(n.id)) out.push({ path: `nodes.${i}.id`, message: `duplicate node id "${n.id}"`, nodeId: n.id, severity: 'error' });
    seen.add(n.id);
  });
  const graph = createGraph(job);
  for (const n of job.nodes) {
    const ins = graph.inputs.get(n.id) ?? [];
    const ports = inputPortsOf(n.kind);
    for (const port of ports) {
      if (!ins.some((e) => (e.toPort ?? 'in') === port)) {
        const what = port === 'in' ? 'an input' : `an input on its ${port} side`;
        out.push({ path: `nodes.${job.nodes.indexOf(n)}`, message: `needs ${what}`, nodeId: n.id, severity: 'error' });
      }
    }
    if (n.kind !== 'sink' && (graph.outputs.get(n.id) ?? []).length === 0) {
      out.push({ path: `nodes.${job.nodes.indexOf(n)}`, message: 'output goes nowhere: connect it to a sink', nodeId: n.id, severity: 'warning' });
    }
  }
  const cyclic = nodesOnCycles(graph);
  if (cyclic.length > 0) {
    out.push({ path: 'edges', message: `cycle through ${cyclic.join(', ')}`, nodeId: cyclic[0] ?? null, severity: 'error' });
  }
  return out;
}
