// What a node of each kind starts with when it is added from the palette: a working example, so a
// freshly drawn graph runs before anything has been typed.
import type { NodeKind } from '../../model/index.ts';

export const defaultParams: Record<NodeKind, Record<string, unknown>> = {
  source: {
    connector: 'kafka',
    partitions: 1,
    generator: {
      ratePerSec: 5,
      keys: ['a', 'b', 'c'],
      value: { kind: 'constant', value: 1 },
      maxOutOfOrdernessMs: 1000,
      late: { fraction: 0.1, byMs: 12000 },
      startMs: 0,
      endMs: 30000,
    },
  },
  watermark: { delayMs: 2000 },
  filter: { predicate: 'value > 0' },
  map: { fields: { value: 'value * 2' } },
  keyBy: { key: 'key' },
  window: {
    assigner: { kind: 'tumbling', sizeMs: 10000 },
    aggregate: { fn: 'count', as: 'count' },
    allowedLatenessMs: 0,
    lateOutput: 'late',
  },
  dropLate: { lateOutput: 'late' },
  dedup: { key: 'key', withinMs: 10000 },
  join: { leftKey: 'key', rightKey: 'key', lowerBoundMs: -5000, upperBoundMs: 5000, type: 'inner' },
  union: {},
  sink: { connector: 'console', delivery: 'at-least-once' },
};

/** Input handles (target ports) of a node of this kind. */
export function inputPortsOf(kind: NodeKind): ('in' | 'left' | 'right')[] {
  if (kind === 'source') return [];
  if (kind === 'join') return ['left', 'right'];
  return ['in'];
}

/** Output handles (source ports) of a node of this kind. */
export function outputPortsOf(kind: NodeKind): ('out' | 'late')[] {
  if (kind === 'sink') return [];
  if (kind === 'window' || kind === 'dropLate') return ['out', 'late'];
  return ['out'];
}

export const kindTitles: Record<NodeKind, string> = {
  source: 'Source',
  watermark: 'Watermark',
  filter: 'Filter',
  map: 'Map',
  keyBy: 'Key by',
  window: 'Window',
  dropLate: 'Drop late',
  dedup: 'Deduplicate',
  join: 'Interval join',
  union: 'Union',
  sink: 'Sink',
};
