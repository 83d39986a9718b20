// A small pool of sweep workers (src/worker/sweepWorker.ts): as many as the machine has cores, less
// one for the page, at least one. Runs of a sweep go to whichever worker is free; runs that would
// repeat one already queued (the same job for that mode: see runKey) are run once and shared.
// Cancel terminates the workers — a run in a worker is one synchronous call, so that is the only
// way to stop it — and a next sweep starts fresh ones. Workers are injected, so tests use fakes.
import type { Job, Mode, SweepMetrics } from '../../model/index.ts';
import { runKey, type SweepPoint, type SweepTask } from '../../model/index.ts';
import type { PointOutcome } from '../../worker/sweepApi.ts';

export type SweepRunner = {
  runPoint(job: Job, mode: Mode): Promise<PointOutcome>;
  terminate(): void;
};

export type PoolOutcome =
  | { status: 'done'; points: SweepPoint[] }
  | { status: 'cancelled'; points: SweepPoint[] }
  | { status: 'failed'; points: SweepPoint[]; message: string };

export const poolSize = (cores: number | undefined): number => Math.max(1, (cores ?? 2) - 1);

export type SweepPool = {
  /** Runs the tasks; `onPoint` hears each point as it is done (in any order), with the count so far. */
  run(tasks: readonly SweepTask[], onPoint: (point: SweepPoint, index: number, done: number, total: number) => void): Promise<PoolOutcome>;
  cancel(): void;
};

export function createSweepPool(size: number, start: () => SweepRunner): SweepPool {
  let runners: SweepRunner[] = [];
  let cancelled: (() => void) | null = null;

  const stopAll = () => {
    for (const r of runners) r.terminate();
    runners = [];
  };

  return {
    run(tasks, onPoint) {
      stopAll();
      // One run per distinct (mode, job): a value that does not change a mode's run shares it.
      const groups = new Map<string, SweepTask[]>();
      for (const t of tasks) {
        const k = `${t.mode}\u0000${runKey(t.job, t.mode)}`;
        const g = groups.get(k);
        if (g) g.push(t);
        else groups.set(k, [t]);
      }
      const queue = [...groups.values()];
      const points: (SweepPoint | undefined)[] = new Array(tasks.length);
      let done = 0;
      return new Promise<PoolOutcome>((resolve) => {
        let finished = false;
        const list = () => points.filter((p): p is SweepPoint => p !== undefined);
        const finish = (o: PoolOutcome) => {
          if (finished) return;
          finished = true;
          cancelled = null;
          stopAll();
          resolve(o);
        };
        cancelled = () => finish({ status: 'cancelled', points: list() });
        if (queue.length === 0) return finish({ status: 'done', points: [] });
        let active = 0;
        const next = (runner: SweepRunner) => {
          if (finished) return;
          const group = queue.shift();
          if (!group) {
            if (active === 0) finish({ status: 'done', points: list() });
            return;
          }
          active++;
          const first = group[0];
          runner.runPoint(first.job, first.mode).then(
            (out) => {
              if (finished) return;
              active--;
              if (!out.ok) return finish({ status: 'failed', points: list(), message: out.problems.map((p) => `${p.path}: ${p.message}`).join('; ') });
              for (const t of group) {
                if (finished) return;
                const point: SweepPoint = { value: t.value, mode: t.mode, ...(out.metrics as SweepMetrics) };
                points[t.index] = point;
                done++;
                onPoint(point, t.index, done, tasks.length);
              }
              next(runner);
            },
            (e: unknown) => finish({ status: 'failed', points: list(), message: e instanceof Error ? e.message : String(e) }),
          );
        };
        const n = Math.min(size, queue.length);
        for (let i = 0; i < n; i++) {
          const r = start();
          runners.push(r);
        }
        for (const r of [...runners]) next(r);
      });
    },
    cancel() {
      cancelled?.();
    },
  };
}
