// The app's sweep: what the panel shows (open, the chosen range, progress, the points) and its
// actions — start a sweep on the worker pool, cancel it, and put a swept value into the editor (one
// undo step) and run it. The runs happen in Web Workers (pool.ts); the metrics are the same fold the
// command line uses.
import { wrap } from 'comlink';
import { create } from 'zustand';
import type { Job } from '../../model/index.ts';
import { parseValues, resolvePath, SweepInputError, withValue, planSweep, sweepDocument, sweepTasks, type SweepDocument, type SweepPoint } from '../../model/index.ts';
import { commit } from '../editor/documentSlice.ts';
import { useEditor } from '../editor/store.ts';
import { runController } from '../run/runController.ts';
import { useRun } from '../run/runStore.ts';
import type { SweepWorkerApi } from '../../worker/sweepApi.ts';
import { initialRange, type SweepRange } from './parameters.ts';
import { createSweepPool, poolSize, type SweepPool, type SweepRunner } from './pool.ts';

export type SweepView = 'tradeoff' | 'state';

export type SweepState = {
  open: boolean;
  range: SweepRange | null;
  view: SweepView;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  /** `path: message` lines of a refused range, or the failure. */
  problems: string[];
  done: number;
  total: number;
  workers: number;
  /** Points by task index (holes while running). */
  points: (SweepPoint | undefined)[];
  /** The sweep as run (parameter and job name), for export. */
  parameter: string | null;
  jobName: string | null;
};

export const useSweep = create<SweepState>()(() => ({
  open: false,
  range: null,
  view: 'tradeoff',
  status: 'idle',
  problems: [],
  done: 0,
  total: 0,
  workers: 0,
  points: [],
  parameter: null,
  jobName: null,
}));

/** Starts the real sweep workers; tests and benchmarks may replace it. */
let startRunner = (): SweepRunner => {
  const worker = new Worker(new URL('../../worker/sweepWorker.ts', import.meta.url), { type: 'module', name: 'streamlab-sweep' });
  const api = wrap<SweepWorkerApi>(worker);
  return {
    runPoint: (job, mode) => api.runPoint(job, mode) as ReturnType<SweepRunner['runPoint']>,
    terminate: () => worker.terminate(),
  };
};

let pool: SweepPool | null = null;

export function openSweep(): void {
  const s = useSweep.getState();
  if (s.open) return useSweep.setState({ open: false });
  const job = useEditor.getState().job;
  // Keep the range the person chose while it still names a field of this job.
  const keep = s.range !== null && safeResolve(job, s.range.path);
  useSweep.setState({ open: true, range: keep ? s.range : initialRange(job) });
}

export const closeSweep = () => useSweep.setState({ open: false });

export const setRange = (patch: Partial<SweepRange>) => {
  const r = useSweep.getState().range;
  if (r) useSweep.setState({ range: { ...r, ...patch }, problems: [] });
};

function safeResolve(job: Job, path: string): boolean {
  try {
    resolvePath(job, path);
    return true;
  } catch {
    return false;
  }
}

const problemLines = (e: unknown): string[] => {
  if (e instanceof SweepInputError) return e.problems.map((p) => `${p.path}: ${p.message}`);
  throw e;
};

export async function startSweep(): Promise<void> {
  const s = useSweep.getState();
  if (!s.range || s.status === 'running') return;
  const { path, from, to, step, modes } = s.range;
  const job = useEditor.getState().job;
  let tasks;
  let plan;
  try {
    const values = parseValues(path, `${from}:${to}:${step}`);
    plan = planSweep(job, path, values, modes);
    tasks = sweepTasks(plan);
  } catch (e) {
    useSweep.setState({ problems: problemLines(e), status: 'idle' });
    return;
  }
  const size = Math.min(poolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency), tasks.length);
  pool = createSweepPool(size, startRunner);
  const points: (SweepPoint | undefined)[] = new Array(tasks.length);
  useSweep.setState({ status: 'running', problems: [], done: 0, total: tasks.length, workers: size, points, parameter: plan.parameter.path, jobName: plan.jobName });
  const out = await pool.run(tasks, (point, index, done) => {
    const next = [...useSweep.getState().points];
    next[index] = point;
    useSweep.setState({ points: next, done });
  });
  pool = null;
  useSweep.setState({ status: out.status, problems: out.status === 'failed' ? [out.message] : [] });
}

export function cancelSweep(): void {
  pool?.cancel();
}

/** The finished points as a streamlab.sweep/v1 document (for CSV export). */
export function currentDocument(): SweepDocument | null {
  const s = useSweep.getState();
  if (s.parameter === null) return null;
  return sweepDocument({ jobName: s.jobName, parameter: { path: s.parameter, steps: [], jobPath: '' } }, s.points.filter((p): p is SweepPoint => p !== undefined));
}

/**
 * Puts `value` at the sweep's path in the editor's job as one undoable edit, shows its node (or the
 * settings) in the inspector, and runs the job once it is loaded.
 */
export function applySweepValue(path: string, value: number): void {
  const editor = useEditor.getState();
  let steps;
  try {
    steps = resolvePath(editor.job, path).steps;
  } catch (e) {
    useSweep.setState({ problems: problemLines(e) });
    return;
  }
  commit(useEditor.setState, useEditor.getState, withValue(editor.job, steps, value));
  const node = path.startsWith('nodes.') ? path.split('.')[1] : null;
  useEditor.getState().selectOnly(node);
  playWhenLoaded();
}

/** Plays the run as soon as the reloaded job is ready (the editor reloads it a moment after a change). */
function playWhenLoaded(): void {
  let sawLoading = false;
  const stop = useRun.subscribe((r) => {
    if (r.phase === 'loading') sawLoading = true;
    else if (sawLoading && r.phase === 'ready') {
      stop();
      clearTimeout(timer);
      runController.play();
    } else if (sawLoading && (r.phase === 'invalid' || r.phase === 'error')) {
      stop();
      clearTimeout(timer);
    }
  });
  const timer = setTimeout(stop, 15_000);
}

/** For tests: run the sweep with other runners. */
export function setSweepRunnerFactory(f: () => SweepRunner): void {
  startRunner = f;
}
