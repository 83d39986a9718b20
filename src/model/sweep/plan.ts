// A settings sweep (job-format.md, "Settings sweep"): the job once per value of one parameter and
// per mode, each run folded into its metrics by metricsFold.ts as the facts come (no result
// document is built). What does not change between values is not redone: the document is parsed and
// its path resolved once, and a value that leaves a mode's run unchanged (a dataflow setting in a
// micro-batch run, say) reuses that mode's earlier point instead of running the same job again.
import type { Job, Mode } from '../schema.ts';
import type { SweepMetrics } from './metricsFold.ts';
import { jobsForValues, resolvePath, valueAt, type ResolvedPath, type SweepValue } from './params.ts';

export const SWEEP_FORMAT = 'streamlab.sweep/v1';

export type SweepPoint = { value: SweepValue; mode: Mode } & SweepMetrics;

export type SweepDocument = {
  format: typeof SWEEP_FORMAT;
  job: string | null;
  parameter: string;
  points: SweepPoint[];
};

export type SweepModes = Mode | 'both';
export const modesOf = (m: SweepModes): Mode[] => (m === 'both' ? ['microbatch', 'dataflow'] : [m]);

export type SweepPlan = {
  parameter: ResolvedPath;
  values: SweepValue[];
  modes: Mode[];
  /** The validated job for each value, in order. */
  jobs: Job[];
  jobName: string | null;
  /** The value the job has now (undefined when it leaves the field to its default). */
  currentValue: unknown;
};

/** Resolves the path and validates the job with every value; throws SweepInputError on bad input. */
export function planSweep(raw: unknown, path: string, values: SweepValue[], modes: SweepModes | null): SweepPlan {
  const parameter = resolvePath(raw, path);
  const rawMode = (raw as { mode?: unknown } | null)?.mode;
  const list: Mode[] = modes ? modesOf(modes) : [rawMode === 'microbatch' ? 'microbatch' : 'dataflow'];
  const jobs = jobsForValues(raw, parameter, values, list);
  return { parameter, values, modes: list, jobs, jobName: jobs[0]?.name ?? null, currentValue: valueAt(raw, parameter.steps) };
}

/** What decides a run in `mode`: the job without the other mode's settings and what only the editor reads. */
export function runKey(job: Job, mode: Mode): string {
  const { name: _name, description: _description, layout: _layout, mode: _mode, settings, ...rest } = job;
  const { microbatch, dataflow, ...common } = settings;
  return JSON.stringify({ ...rest, settings: { ...common, ...(mode === 'microbatch' ? { microbatch } : { dataflow }) } });
}

export type SweepTask = { index: number; value: SweepValue; mode: Mode; job: Job };

/** The runs of a plan, value by value, each value's modes in the plan's order. */
export function sweepTasks(plan: SweepPlan): SweepTask[] {
  const tasks: SweepTask[] = [];
  plan.values.forEach((value, v) => {
    for (const mode of plan.modes) tasks.push({ index: tasks.length, value, mode, job: plan.jobs[v] });
  });
  return tasks;
}

export function sweepDocument(plan: Pick<SweepPlan, 'jobName' | 'parameter'>, points: SweepPoint[]): SweepDocument {
  return { format: SWEEP_FORMAT, job: plan.jobName, parameter: plan.parameter.path, points };
}

export const SWEEP_COLUMNS = [
  'completeness',
  'latencyP50Ms',
  'latencyP95Ms',
  'resultsEmitted',
  'revisions',
  'lateRecords',
  'droppedLate',
  'stateRowsPeak',
  'visibilityLatencyP50Ms',
] as const satisfies readonly (keyof SweepMetrics)[];

const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV: one header line, one line per point; an empty cell where the value is null. */
export function sweepCsv(doc: SweepDocument): string {
  const header = ['parameter', 'value', 'mode', ...SWEEP_COLUMNS];
  const lines = doc.points.map((p) => [doc.parameter, p.value, p.mode, ...SWEEP_COLUMNS.map((c) => p[c])].map(csvCell).join(','));
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

export const sweepJson = (doc: SweepDocument): string => `${JSON.stringify(doc, null, 2)}\n`;
