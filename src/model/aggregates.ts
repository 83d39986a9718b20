// An aggregate's output name: the job model decides it (the engine writes it, the exporters alias to it).
import type { Aggregate } from './schema.ts';

export type AggSpec = { fn: Aggregate['fn']; field: string | undefined; as: string };

export function toAggSpecs(aggregate: Aggregate | Aggregate[]): AggSpec[] {
  const list = Array.isArray(aggregate) ? aggregate : [aggregate];
  return list.map((a) => ({ fn: a.fn, field: a.field, as: a.as ?? (a.fn === 'count' ? 'count' : `${a.fn}_${a.field ?? ''}`) }));
}
