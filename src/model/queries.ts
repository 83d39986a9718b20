// Questions about a job that the validator, the engine's plan and the exporters all ask, answered in
// one place so that they cannot answer differently.
import type { JobNode, NodeKind, NodeOf } from './schema.ts';

/** Node kinds that Spark's continuous processing can run (map-like operations only). */
export const CONTINUOUS_KINDS: ReadonlySet<NodeKind> = new Set([
  'source', 'watermark', 'filter', 'map', 'keyBy', 'union', 'dropLate', 'sink',
]);

type Scripted = NonNullable<NodeOf<'source'>['params']['records']>[number];
export const isPunctuatedWatermark = (item: Scripted): item is Extract<Scripted, { watermark: number }> =>
  typeof (item as { watermark?: unknown }).watermark === 'number' && !('ts' in item);

/** True for a source whose scripted items include punctuated watermarks. */
export function hasPunctuatedWatermarks(node: JobNode): boolean {
  return node.kind === 'source' && (node.params.records ?? []).some(isPunctuatedWatermark);
}

/** An event-time window: windows by record timestamps, and is not the global window. */
export function isEventTimeWindow(node: JobNode): node is NodeOf<'window'> {
  return node.kind === 'window' && node.params.assigner.kind !== 'global' && node.params.assigner.time !== 'processing';
}

/** A dataflow window that only fires when a watermark passes (its trigger is event-time based). */
export function firesOnWatermark(node: JobNode): boolean {
  if (!isEventTimeWindow(node)) return false;
  const kind = node.params.trigger?.kind ?? 'eventTime';
  return kind === 'eventTime';
}
