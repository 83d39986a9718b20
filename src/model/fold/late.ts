// What a `record.late` fact adds to a result: the late record itself, a side-output entry when it
// was routed to one, or the node's dropped-late counter (Spark counts late rows after partial
// aggregation, so one fact may count more than one, or none). Both folds (the command line's
// result and the app's telemetry) read late facts through this, so they cannot count differently.
import type { FactOf } from '../facts.ts';
import type { LateRecord, SideOutputEntry } from '../result.ts';

export type LateEffect = {
  late: LateRecord;
  /** `node:name` of the side output it went to; null when dropped. */
  sideOutput: { key: string; entry: SideOutputEntry } | null;
  /** What it adds to `droppedLate[node]` (0 when it went to a side output). */
  dropped: number;
};

export const sideOutputKey = (node: string, name: string): string => `${node}:${name}`;

export function lateEffect(f: FactOf<'record.late'>): LateEffect {
  const late: LateRecord = { node: f.node, atMs: f.atMs, record: f.record, watermarkMs: f.watermarkMs, to: f.to };
  if (f.to === 'dropped') return { late, sideOutput: null, dropped: f.dropCount ?? 1 };
  return { late, sideOutput: { key: sideOutputKey(f.node, f.to), entry: { record: f.record, atMs: f.atMs, watermarkMs: f.watermarkMs } }, dropped: 0 };
}
