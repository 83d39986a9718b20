// Aggregates over a window's rows (count, sum, min, max, avg), kept as small accumulators so that a
// window's state does not grow with its rows, and mergeable for session windows.
import type { AggSpec, Row } from '../../model/index.ts';
import { getField, isPrototypeName, setField } from '../../model/index.ts';


/** One slot per aggregate: [count, sum, min, max] — avg is sum / count of numeric values. */
export type Acc = Float64Array;
const SLOTS = 4;


export function createAcc(specs: readonly AggSpec[]): Acc {
  const acc = new Float64Array(specs.length * SLOTS);
  for (let i = 0; i < specs.length; i++) {
    acc[i * SLOTS + 2] = Number.POSITIVE_INFINITY;
    acc[i * SLOTS + 3] = Number.NEGATIVE_INFINITY;
  }
  return acc;
}

export function addToAcc(specs: readonly AggSpec[], acc: Acc, row: Row): void {
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    const o = i * SLOTS;
    if (s.fn === 'count' && s.field === undefined) {
      acc[o]++;
      continue;
    }
    const v = s.field === undefined ? undefined : isPrototypeName(s.field) ? getField(row, s.field) : row[s.field];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      // SQL aggregates skip NULLs; count(field) counts non-null values of any type.
      if (s.fn === 'count' && v !== undefined && v !== null) acc[o]++;
      continue;
    }
    acc[o]++;
    acc[o + 1] += v;
    if (v < acc[o + 2]) acc[o + 2] = v;
    if (v > acc[o + 3]) acc[o + 3] = v;
  }
}

/**
 * `addToAcc` for one list of specs, specialised once: a lone `count(*)` (the common case) is one
 * increment, with no loop over specs and no look at the row.
 */
export function createAdder(specs: readonly AggSpec[]): (acc: Acc, row: Row) => void {
  if (specs.every((s) => s.fn === 'count' && s.field === undefined)) {
    if (specs.length === 1) return (acc) => void acc[0]++;
    return (acc) => {
      for (let o = 0; o < acc.length; o += SLOTS) acc[o]++;
    };
  }
  return (acc, row) => addToAcc(specs, acc, row);
}

export function mergeAcc(into: Acc, from: Acc): void {
  for (let o = 0; o < into.length; o += SLOTS) {
    into[o] += from[o];
    into[o + 1] += from[o + 1];
    if (from[o + 2] < into[o + 2]) into[o + 2] = from[o + 2];
    if (from[o + 3] > into[o + 3]) into[o + 3] = from[o + 3];
  }
}

export function accIsEmpty(acc: Acc): boolean {
  for (let o = 0; o < acc.length; o += SLOTS) if (acc[o] !== 0) return false;
  return true;
}

/** Writes each aggregate's value under its `as` name (null where SQL gives NULL: no values). */
export function writeAggregates(specs: readonly AggSpec[], acc: Acc, out: Row): void {
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    const o = i * SLOTS;
    const n = acc[o];
    let value: number | null;
    switch (s.fn) {
      case 'count':
        value = n;
        break;
      case 'sum':
        value = n === 0 ? null : acc[o + 1];
        break;
      case 'min':
        value = n === 0 ? null : acc[o + 2];
        break;
      case 'max':
        value = n === 0 ? null : acc[o + 3];
        break;
      case 'avg':
        value = n === 0 ? null : acc[o + 1] / n;
        break;
    }
    setField(out, s.as, value);
  }
}
