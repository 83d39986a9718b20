// Runs a settings sweep (streamlab sweep, the app's sweep workers): each point one simulation whose
// facts go through the model's sweep metrics fold, the same fold for every host. A point whose run
// would be the same as an earlier one's (a setting the mode does not read) reuses its metrics.
import { createSweepMetrics, runKey, sweepDocument, sweepTasks } from '../model/index.ts';
import type { Job, Mode, SweepDocument, SweepMetrics, SweepPlan, SweepPoint } from '../model/index.ts';
import { createSimulation } from './simulation.ts';

/** One run of `job` in `mode`, folded into the sweep metrics. */
export function runPoint(job: Job, mode: Mode): SweepMetrics {
  const fold = createSweepMetrics(job);
  const sim = createSimulation(job, {
    mode,
    buildResult: false,
    onFacts: (facts) => {
      for (let i = 0; i < facts.length; i++) fold.add(facts[i]);
    },
  });
  sim.runToEnd();
  sim.dispose();
  return fold.metrics();
}

/** Runs every point of the plan in order; `onPoint` hears each as it is done (progress). */
export function runSweep(plan: SweepPlan, onPoint?: (point: SweepPoint, done: number, total: number) => void): SweepDocument {
  const tasks = sweepTasks(plan);
  const cache = new Map<string, SweepMetrics>();
  const points: SweepPoint[] = [];
  for (const t of tasks) {
    const key = `${t.mode}\u0000${runKey(t.job, t.mode)}`;
    let metrics = cache.get(key);
    if (!metrics) cache.set(key, (metrics = runPoint(t.job, t.mode)));
    const point: SweepPoint = { value: t.value, mode: t.mode, ...metrics };
    points.push(point);
    onPoint?.(point, points.length, tasks.length);
  }
  return sweepDocument(plan, points);
}

