// The sweep worker's API: one run of a job in one mode, folded into the sweep metrics by the same
// fold the command line uses (src/sweep/metricsFold.ts). The job is validated here as at every
// boundary; a refused job is an answer, not an exception. sweepWorker.ts only exposes this object;
// tests call it directly in Node.
import type { Mode, SweepMetrics } from '../model/index.ts';
import { parseJob } from '../model/index.ts';
import { runPoint } from '../engine/index.ts';

export type PointOutcome = { ok: true; metrics: SweepMetrics } | { ok: false; problems: { path: string; message: string }[] };

export function createSweepWorkerApi() {
  return {
    /** Runs `job` (a streamlab.job/v1 document) to its end in `mode`; the metrics of the run. */
    runPoint(job: unknown, mode: Mode): PointOutcome {
      if (mode !== 'microbatch' && mode !== 'dataflow') return { ok: false, problems: [{ path: 'mode', message: `expected microbatch or dataflow, got ${JSON.stringify(mode)}` }] };
      const parsed = parseJob(job, { mode });
      if (!parsed.ok) return { ok: false, problems: parsed.problems };
      return { ok: true, metrics: runPoint(parsed.job, mode) };
    },
  };
}

export type SweepWorkerApi = ReturnType<typeof createSweepWorkerApi>;
