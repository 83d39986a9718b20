// Work limits (job-format.md, "Work limits"): how much work a job may ask for, in one place. A job
// whose estimate is above a limit is refused by `validate` and `run` before it starts (see
// workLimits.ts); a run that still grows past its budget stops itself (simulation.ts). The numbers
// are set so that a job at a limit finishes well within 60 s on a 2-core machine and within the
// memory of a browser tab, and so that every test, scenario and case stays far below them.

/** Refused before running: estimates from the job alone. */
export const WORK_LIMITS = {
  /** Windows one record falls into: a sliding window's sizeMs / slideMs. */
  windowsPerRecord: 100_000,
  /** Records the generators make over the run, per source and in total (ratePerSec × duration). */
  generatedRecords: 20_000_000,
  /** Copies of one record that reach one node along different paths (stacked diamonds double them). */
  pathsPerNode: 100_000,
  /** Records handled by all operators together: records × paths, × windows per record at a window. */
  recordSteps: 100_000_000,
  /** Keyed state one window, dedup or join node may hold: distinct keys × windows per record. */
  stateRows: 5_000_000,
  /** Timer events × the tasks each touches: watermark ticks, micro-batches, metric samples, checkpoints. */
  timerEvents: 20_000_000,
  /** Micro-batches over the run (one runs per trigger interval with data, or back to back at 0 ms). */
  batches: 200_000,
} as const;

/** Stops a run while it runs (SimulationOptions.budget overrides them, for tests). */
export const RUN_BUDGET = {
  /** Events taken from the simulation's queue. */
  events: 20_000_000,
  /** Records handled by operators (the work estimated by WORK_LIMITS.recordSteps, as it happens). */
  recordSteps: 150_000_000,
  /** Rows of operator state held at one time (windows, dedup keys, join buffers). */
  stateRows: 5_000_000,
  /**
   * Rows the result keeps (sink writes, late and side-output records, watermarks, batches,
   * checkpoints): what the result's JSON and a tab's memory hold. Only counted when a result is kept.
   */
  resultRows: 2_000_000,
} as const;

export type RunBudget = { [K in keyof typeof RUN_BUDGET]: number };
export type BudgetLimit = keyof RunBudget;

/** 86400000 → "86,400,000"; huge or fractional values are rounded, Infinity stays a word. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'more than 10^308';
  if (n >= 1e21) return `about ${n.toExponential(2).replace('e+', ' × 10^')}`;
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 86400000 → "1 day", 1 → "1 ms": a duration as a person says it, when it is a whole unit. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 's']];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return name === 's' ? `${formatCount(n)} s` : `${formatCount(n)} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${formatCount(ms)} ms`;
}
