// The seeded record generator (job-format.md "Generator"). Record i arrives at
// startMs + floor(i * 1000 / ratePerSec), on partition i mod partitions; its event time lags its
// arrival by up to maxOutOfOrdernessMs, and a `late.fraction` of records lag by `late.byMs` more.
//
// It runs once per record, so it is written for speed: the seeded generator (kernel/rng.ts's
// mulberry32, the same draws in the same order) is inlined, `drainUntil` moves records into the
// micro-batch backlog without a SourceItem per record, and with one partition `rowAt` makes any
// record on demand, so that a micro-batch can make its rows while it runs instead of holding them.
import type { Generator } from '../job/schema.ts';
import { hashString } from '../kernel/rng.ts';
import type { Row } from '../result.ts';
import type { SourceCursor, SourceItem } from './cursor.ts';

export function createGeneratorCursor(gen: Generator, partitions: number, seed: number, sourceId: string): SourceCursor {
  // kernel/rng.ts createRng(seed ^ hashString(sourceId)), inlined. mulberry32's state moves by a
  // constant per draw and every record takes the same number of draws, so record i's draws start
  // from a state computed from i alone: the generator is random-access (rowAt).
  const a0 = ((seed ^ hashString(sourceId)) >>> 0) ^ 0x9e3779b9;
  let a = a0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const keys: readonly (string | number)[] = typeof gen.keys === 'number' ? Array.from({ length: gen.keys }, (_, i) => `k${i}`) : gen.keys;
  const nKeys = keys.length;
  const startMs = gen.startMs ?? 0;
  const endMs = gen.endMs ?? Number.POSITIVE_INFINITY;
  const rate = gen.ratePerSec;
  const value = gen.value ?? { kind: 'constant' as const, value: 1 };
  const constant = value.kind === 'constant' ? value.value : 0;
  const min = value.kind === 'uniform' ? value.min : 0;
  const max = value.kind === 'uniform' ? value.max : 0;
  // 0: constant, 1: uniform integers (rng.int(min, max)), 2: uniform doubles.
  const valueKind = value.kind === 'constant' ? 0 : Number.isInteger(min) && Number.isInteger(max) ? 1 : 2;
  const ooo = gen.maxOutOfOrdernessMs ?? 0;
  const lateFraction = gen.late ? gen.late.fraction : -1;
  const lateByMs = gen.late ? gen.late.byMs : 0;
  /** Draws per record: the key, then the value, the lag and the late coin where they apply. */
  const draws = 1 + (valueKind === 0 ? 0 : 1) + (ooo > 0 ? 1 : 0) + (lateFraction >= 0 ? 1 : 0);
  let i = 0;
  const arrival = (n: number) => startMs + Math.floor((n * 1000) / rate);

  /**
   * Record n's row, drawing from the generator in the order the spec's reference does; written into
   * `into` (a row this function made before, that nobody kept) when given.
   */
  const rowAt = (n: number, into?: Row): Row => {
    a = (a0 + Math.imul(n * draws, 0x6d2b79f5)) | 0;
    const atMs = arrival(n);
    const key = keys[Math.floor(random() * nKeys)];
    const v = valueKind === 0 ? constant : valueKind === 1 ? min + Math.floor(random() * (max - min + 1)) : min + random() * (max - min);
    let ts = ooo > 0 ? atMs - Math.floor(random() * (ooo + 1)) : atMs;
    if (lateFraction >= 0 && random() < lateFraction) ts -= lateByMs;
    // Event time never goes below the epoch: a record cannot happen before time 0.
    if (into === undefined) return { ts: ts < 0 ? 0 : ts, key, value: v };
    into.ts = ts < 0 ? 0 : ts;
    into.key = key;
    into.value = v;
    return into;
  };

  const arrivesBy = (n: number, t: number) => {
    const at = arrival(n);
    return at <= t && at < endMs;
  };
  /** The index after the last record arriving at or before `t` (arrivals never go back: a search). */
  const lastUntil = (t: number): number => {
    if (!arrivesBy(i, t)) return i;
    let lo = i; // arrives by t
    let step = 1;
    let hi = i + step;
    while (arrivesBy(hi, t)) {
      lo = hi;
      step *= 2;
      hi = i + step;
    }
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (arrivesBy(mid, t)) lo = mid;
      else hi = mid;
    }
    return hi;
  };

  return {
    partitions,
    get taken() {
      return i;
    },
    peekAtMs() {
      const at = arrival(i);
      return at < endMs ? at : undefined;
    },
    next(): SourceItem {
      const atMs = arrival(i);
      const partition = i % partitions;
      return { kind: 'record', atMs, partition, row: rowAt(i++) };
    },
    drainUntil(t, into) {
      // Count first, then size each partition's backlog once: pushing a large batch's rows one by
      // one regrows (and copies) the array a dozen times.
      const last = lastUntil(t);
      if (last === i) return 0;
      if (partitions === 1) {
        const list = into[0];
        let k = list.length;
        list.length = k + (last - i);
        for (; i < last; i++) list[k++] = rowAt(i);
        return 0;
      }
      const fill = new Array<number>(partitions);
      for (let p = 0; p < partitions; p++) {
        const first = i + ((p - (i % partitions) + partitions) % partitions);
        const count = first < last ? Math.floor((last - 1 - first) / partitions) + 1 : 0;
        fill[p] = into[p].length;
        into[p].length += count;
      }
      for (; i < last; i++) {
        const p = i % partitions;
        into[p][fill[p]++] = rowAt(i);
      }
      return 0;
    },
    rowAt: partitions === 1 ? rowAt : undefined,
    seek:
      partitions === 1
        ? (index) => {
            i = index;
          }
        : undefined,
    skipUntil(t) {
      const last = lastUntil(t);
      const n = last - i;
      i = last;
      return n;
    },
    countUntil: (t) => lastUntil(t) - i,
    // Every partition of a generator ends together, at endMs.
    isPartitionDone: () => arrival(i) >= endMs,
  };
}
