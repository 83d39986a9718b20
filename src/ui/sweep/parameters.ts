// What the app's sweep can vary in a job: every watermark delay, allowed lateness, micro-batch
// trigger interval, checkpoint interval, early-firing interval and generator disorder the job has,
// each as a sweep path (src/sweep/params.ts) with a default range around its current value. A
// scenario may suggest one (its additive top-level `sweep` field, e.g. team scores: the heuristic
// watermark delay from 0 to 3 min).
import { z } from 'zod';
import type { Job, SweepModes } from '../../model/index.ts';

export type SweepParameter = {
  path: string;
  label: string;
  /** The value the job has now (the field's default when the job leaves it out). */
  current: number;
  /** The node it belongs to (the inspector shows it), or null for a job setting. */
  node: string | null;
  /** Range suggested when it is picked. */
  from: number;
  to: number;
  step: number;
  /** Minimum value the field accepts. */
  min: number;
};

export type SweepRange = { path: string; from: number; to: number; step: number; modes: SweepModes };

const s = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** 0 … max(2 × current, a floor), in 10 steps of a round size. */
function rangeAround(current: number, floor: number, min = 0): Pick<SweepParameter, 'from' | 'to' | 'step' | 'min'> {
  const top = Math.max(current * 2, floor);
  const raw = top / 10;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((x) => x >= raw) ?? raw;
  // A field that refuses 0 starts at one step.
  const from = min > 0 ? step : 0;
  return { from, to: Math.ceil(top / step) * step, step, min };
}

export function sweepParameters(job: Job): SweepParameter[] {
  const out: SweepParameter[] = [];
  const label = (id: string, fallback: string) => job.nodes.find((n) => n.id === id)?.label ?? fallback;
  for (const n of job.nodes) {
    if (n.kind === 'watermark') {
      const v = n.params.delayMs;
      out.push({ path: `nodes.${n.id}.params.delayMs`, label: `Watermark delay — ${label(n.id, n.id)} (now ${s(v)})`, current: v, node: n.id, ...rangeAround(v, 10_000) });
    }
    if (n.kind === 'window') {
      const v = n.params.allowedLatenessMs ?? 0;
      out.push({ path: `nodes.${n.id}.params.allowedLatenessMs`, label: `Allowed lateness — ${label(n.id, n.id)} (now ${s(v)})`, current: v, node: n.id, ...rangeAround(v, 10_000) });
      const t = n.params.trigger;
      const early = t && t.kind === 'eventTime' ? t.early : undefined;
      if (early) {
        const field = early.kind === 'processingTimeDelay' ? 'delayMs' : 'intervalMs';
        const v2 = early.kind === 'processingTimeDelay' ? early.delayMs : early.intervalMs;
        out.push({ path: `nodes.${n.id}.params.trigger.early.${field}`, label: `Early-firing ${field === 'delayMs' ? 'delay' : 'interval'} — ${label(n.id, n.id)} (now ${s(v2)})`, current: v2, node: n.id, ...rangeAround(v2, 10_000, 1) });
      }
    }
    if (n.kind === 'source' && n.params.generator) {
      const v = n.params.generator.maxOutOfOrdernessMs ?? 0;
      out.push({ path: `nodes.${n.id}.params.generator.maxOutOfOrdernessMs`, label: `Generator disorder — ${label(n.id, n.id)} (now ${s(v)})`, current: v, node: n.id, ...rangeAround(v, 10_000) });
    }
  }
  const trigger = job.settings.microbatch.trigger;
  if (trigger.kind === 'processingTime') {
    const v = trigger.intervalMs;
    out.push({ path: 'settings.microbatch.trigger.intervalMs', label: `Micro-batch trigger interval (now ${s(v)})`, current: v, node: null, ...rangeAround(v, 5000) });
  }
  const cp = job.settings.dataflow.checkpointing;
  if (cp) {
    const v = cp.intervalMs;
    out.push({ path: 'settings.dataflow.checkpointing.intervalMs', label: `Checkpoint interval (now ${s(v)})`, current: v, node: null, ...rangeAround(v, 10_000, 1) });
  }
  return out;
}

const suggestionSchema = z.looseObject({
  parameter: z.string().min(1),
  from: z.number().finite(),
  to: z.number().finite(),
  step: z.number().finite().positive(),
  modes: z.enum(['microbatch', 'dataflow', 'both']).optional(),
});

/**
 * The sweeps a scenario suggests (its `sweep` field: one object or a list), those that name a
 * parameter of this job; anything malformed is ignored.
 */
export function suggestedSweeps(job: Job): SweepRange[] {
  const raw = (job as { sweep?: unknown }).sweep;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const known = new Set(sweepParameters(job).map((p) => p.path));
  return list.flatMap((item) => {
    const r = suggestionSchema.safeParse(item);
    if (!r.success || !known.has(r.data.parameter) || r.data.to < r.data.from) return [];
    return [{ path: r.data.parameter, from: r.data.from, to: r.data.to, step: r.data.step, modes: r.data.modes ?? 'both' }];
  });
}

/** What the panel starts with: the scenario's first suggestion, else the first parameter's range. */
export function initialRange(job: Job): SweepRange | null {
  const suggested = suggestedSweeps(job)[0];
  if (suggested) return suggested;
  const p = sweepParameters(job)[0];
  return p ? { path: p.path, from: p.from, to: p.to, step: p.step, modes: 'both' } : null;
}
