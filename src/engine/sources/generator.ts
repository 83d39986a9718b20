// The seeded record generator (job-format.md "Generator"). Record i arrives at
// startMs + floor(i * 1000 / ratePerSec), on partition i mod partitions; its event time lags its
// arrival by up to maxOutOfOrdernessMs, and a `late.fraction` of records lag by `late.byMs` more.
//
// It runs once per record, so it is written for speed: the seeded generator (kernel/rng.ts's
// mulberry32, the same draws in the same order) is inlined, `drainUntil` moves records into the
// micro-batch backlog without a SourceItem per record, and with one partition `rowAt` makes any
// record on demand, so that a micro-batch can make its rows while it runs instead of holding them.
// A class: a dataflow restart makes a new cursor, and closures made anew per cursor were
// deoptimised at every call site that had seen the previous cursor's (see dataflow/attempt.ts).
import type { Generator, Row } from '../../model/index.ts';
import { hashString } from '../kernel/rng.ts';
import type { SourceCursor, SourceItem } from './cursor.ts';

export function createGeneratorCursor(gen: Generator, partitions: number, seed: number, sourceId: string): SourceCursor {
  return new GeneratorCursor(gen, partitions, seed, sourceId);
}

class GeneratorCursor implements SourceCursor {
  private readonly a0: number;
  /** The generator's state (kernel/rng.ts mulberry32). */
  private a: number;
  private readonly keys: readonly (string | number)[];
  /** keySkew > 0: the cumulative Zipf distribution over the keys (the first key the hottest); null: uniform. */
  private readonly zipfCdf: Float64Array | null;
  private readonly startMs: number;
  private readonly endMs: number;
  private readonly rate: number;
  /** 0: constant, 1: uniform integers (rng.int(min, max)), 2: uniform doubles. */
  private readonly valueKind: 0 | 1 | 2;
  private readonly constant: number;
  private readonly min: number;
  private readonly max: number;
  private readonly ooo: number;
  private readonly lateFraction: number;
  private readonly lateByMs: number;
  /** Draws per record: the key, then the value, the lag and the late coin where they apply. */
  private readonly draws: number;
  private i = 0;
  readonly rowAt: ((index: number, into?: Row) => Row) | undefined;
  readonly seek: ((index: number) => void) | undefined;

  constructor(
    gen: Generator,
    readonly partitions: number,
    seed: number,
    sourceId: string,
  ) {
    // kernel/rng.ts createRng(seed ^ hashString(sourceId)), inlined. mulberry32's state moves by a
    // constant per draw and every record takes the same number of draws, so record i's draws start
    // from a state computed from i alone: the generator is random-access (rowAt).
    this.a0 = ((seed ^ hashString(sourceId)) >>> 0) ^ 0x9e3779b9;
    this.a = this.a0;
    this.keys = typeof gen.keys === 'number' ? Array.from({ length: gen.keys }, (_, i) => `k${i}`) : gen.keys;
    this.zipfCdf = gen.keySkew !== undefined && gen.keySkew > 0 && this.keys.length > 1 ? zipfCdf(this.keys.length, gen.keySkew) : null;
    this.startMs = gen.startMs ?? 0;
    this.endMs = gen.endMs ?? Number.POSITIVE_INFINITY;
    this.rate = gen.ratePerSec;
    const value = gen.value ?? { kind: 'constant' as const, value: 1 };
    this.constant = value.kind === 'constant' ? value.value : 0;
    this.min = value.kind === 'uniform' ? value.min : 0;
    this.max = value.kind === 'uniform' ? value.max : 0;
    this.valueKind = value.kind === 'constant' ? 0 : Number.isInteger(this.min) && Number.isInteger(this.max) ? 1 : 2;
    this.ooo = gen.maxOutOfOrdernessMs ?? 0;
    this.lateFraction = gen.late ? gen.late.fraction : -1;
    this.lateByMs = gen.late ? gen.late.byMs : 0;
    this.draws = 1 + (this.valueKind === 0 ? 0 : 1) + (this.ooo > 0 ? 1 : 0) + (this.lateFraction >= 0 ? 1 : 0);
    // Random access with one partition only (the index is the offset).
    this.rowAt = partitions === 1 ? (n, into) => this.row(n, into) : undefined;
    this.seek =
      partitions === 1
        ? (index) => {
            this.i = index;
          }
        : undefined;
  }

  get taken() {
    return this.i;
  }

  private random(): number {
    const a = (this.a = (this.a + 0x6d2b79f5) | 0);
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private arrival(n: number) {
    return this.startMs + Math.floor((n * 1000) / this.rate);
  }

  /**
   * Record n's row, drawing from the generator in the order the spec's reference does; written into
   * `into` (a row this function made before, that nobody kept) when given.
   */
  private row(n: number, into?: Row): Row {
    this.a = (this.a0 + Math.imul(n * this.draws, 0x6d2b79f5)) | 0;
    const atMs = this.arrival(n);
    const u = this.random();
    const key = this.keys[this.zipfCdf === null ? Math.floor(u * this.keys.length) : zipfIndex(this.zipfCdf, u)];
    const { valueKind, min, max } = this;
    const v = valueKind === 0 ? this.constant : valueKind === 1 ? min + Math.floor(this.random() * (max - min + 1)) : min + this.random() * (max - min);
    let ts = this.ooo > 0 ? atMs - Math.floor(this.random() * (this.ooo + 1)) : atMs;
    if (this.lateFraction >= 0 && this.random() < this.lateFraction) ts -= this.lateByMs;
    // Event time never goes below the epoch: a record cannot happen before time 0.
    if (into === undefined) return { ts: ts < 0 ? 0 : ts, key, value: v };
    into.ts = ts < 0 ? 0 : ts;
    into.key = key;
    into.value = v;
    return into;
  }

  private arrivesBy(n: number, t: number) {
    const at = this.arrival(n);
    return at <= t && at < this.endMs;
  }

  /** The index after the last record arriving at or before `t` (arrivals never go back: a search). */
  private lastUntil(t: number): number {
    const i = this.i;
    if (!this.arrivesBy(i, t)) return i;
    let lo = i; // arrives by t
    let step = 1;
    let hi = i + step;
    while (this.arrivesBy(hi, t)) {
      lo = hi;
      step *= 2;
      hi = i + step;
    }
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.arrivesBy(mid, t)) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  peekAtMs() {
    const at = this.arrival(this.i);
    return at < this.endMs ? at : undefined;
  }

  next(): SourceItem {
    const i = this.i++;
    return { kind: 'record', atMs: this.arrival(i), partition: i % this.partitions, row: this.row(i) };
  }

  drainUntil(t: number, into: Row[][]): number {
    // Count first, then size each partition's backlog once: pushing a large batch's rows one by
    // one regrows (and copies) the array a dozen times.
    const last = this.lastUntil(t);
    let i = this.i;
    if (last === i) return 0;
    const partitions = this.partitions;
    if (partitions === 1) {
      const list = into[0];
      let k = list.length;
      list.length = k + (last - i);
      for (; i < last; i++) list[k++] = this.row(i);
      this.i = i;
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
      into[p][fill[p]++] = this.row(i);
    }
    this.i = i;
    return 0;
  }

  skipUntil(t: number): number {
    const last = this.lastUntil(t);
    const n = last - this.i;
    this.i = last;
    return n;
  }

  countUntil(t: number): number {
    return this.lastUntil(t) - this.i;
  }

  /** Every partition of a generator ends together, at endMs. */
  isPartitionDone(): boolean {
    return this.arrival(this.i) >= this.endMs;
  }
}

/** P(key i) ∝ 1 / (i + 1)^s, cumulated: the same single uniform draw per record as without skew. */
function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, s);
  for (let i = 0; i < n; i++) cdf[i] /= sum;
  cdf[n - 1] = 1;
  return cdf;
}

/** The first index whose cumulative probability exceeds u (binary search). */
function zipfIndex(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
