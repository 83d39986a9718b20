// Benchmark workloads: a generated stream through source → watermark → map → filter → keyBy →
// tumbling count → sink, run by the engine without keeping a result (facts are folded as they come),
// and the same counts computed by a tight loop over typed arrays (the practical limit on this
// machine). Both are checked against each other window by window, so a fast but wrong engine fails.
import type { Fact } from '../model/index.ts';
import { jobSchema, type Job, type Mode } from '../model/index.ts';
import { createSimulation } from '../engine/index.ts';

export type Workload = {
  readonly name: string;
  readonly mode: Mode;
  readonly records: number;
  readonly keys: number;
  readonly ratePerSec: number;
  readonly windowMs: number;
  /** Every node's parallelism (absent: 1). */
  readonly parallelism?: number;
};

const RATE = 100_000;
const KEYS = 1000;
const WINDOW_MS = 1000;
const SEED = 1;
const SOURCE_ID = 'src';
/** The generator's values are uniform integers in [1, 10]; the map doubles them, the filter keeps > 4. */
const VALUE_MIN = 1;
const VALUE_MAX = 10;
const FILTER_ABOVE = 4;

const tumbling = (label: string, records: number, mode: Mode): Workload => ({
  name: `tumbling-${label}-${mode}`,
  mode,
  records,
  keys: KEYS,
  ratePerSec: RATE,
  windowMs: WINDOW_MS,
});

export const workloads: readonly Workload[] = [
  tumbling('1M', 1_000_000, 'dataflow'),
  // The same job with every node at parallelism 4 (keyed subtasks by key group; issue 11's target:
  // within 1.5× the per-record cost at parallelism 1).
  { ...tumbling('1M', 1_000_000, 'dataflow'), name: 'tumbling-1M-dataflow-p4', parallelism: 4 },
  tumbling('1M', 1_000_000, 'microbatch'),
  tumbling('10M', 10_000_000, 'dataflow'),
  tumbling('10M', 10_000_000, 'microbatch'),
];

/** The targets: the share of the tight loop's speed, and memory over the baseline at 10M. */
export const targets = {
  ratio: { dataflow: 1 / 30, microbatch: 1 / 8 } as Record<Mode, number>,
  peakMbAt10M: 100,
};

export function findWorkload(name: string): Workload {
  const w = workloads.find((x) => x.name === name);
  if (!w) throw new Error(`unknown workload ${name}; known: ${workloads.map((x) => x.name).join(', ')}`);
  return w;
}

/**
 * The same workload with another number of records over the same stretch of time (so the same
 * windows and batches, fewer records in each): tests run each workload at 10k.
 */
export const withRecords = (w: Workload, records: number): Workload => ({
  ...w,
  records,
  ratePerSec: (w.ratePerSec * records) / w.records,
});

/** Processing time at which the generator stops: exactly `records` records arrive before it. */
const endMsOf = (w: Workload): number => {
  const endMs = (w.records * 1000) / w.ratePerSec;
  if (!Number.isInteger(endMs)) throw new Error(`${w.name}: records × 1000 / ratePerSec must be whole`);
  return endMs;
};

export function jobOf(w: Workload): Job {
  const job = jobSchema.parse({
    format: 'streamlab.job/v1',
    name: w.name,
    mode: w.mode,
    settings: {
      seed: SEED,
      microbatch: { trigger: { kind: 'processingTime', intervalMs: 1000 }, outputMode: 'append' },
      dataflow: { autoWatermarkIntervalMs: 200 },
    },
    nodes: [
      {
        id: SOURCE_ID,
        kind: 'source',
        params: {
          connector: 'rate',
          partitions: 1,
          generator: {
            ratePerSec: w.ratePerSec,
            keys: w.keys,
            value: { kind: 'uniform', min: VALUE_MIN, max: VALUE_MAX },
            endMs: endMsOf(w),
          },
        },
      },
      { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
      { id: 'map', kind: 'map', params: { fields: { key: 'key', value: 'value * 2' } } },
      { id: 'filter', kind: 'filter', params: { predicate: `value > ${FILTER_ABOVE}` } },
      { id: 'keyBy', kind: 'keyBy', params: { key: 'key' } },
      {
        id: 'count',
        kind: 'window',
        params: { assigner: { kind: 'tumbling', sizeMs: w.windowMs }, aggregate: { fn: 'count', as: 'count' } },
      },
      { id: 'out', kind: 'sink', params: {} },
    ],
    edges: [
      { from: SOURCE_ID, to: 'wm' },
      { from: 'wm', to: 'map' },
      { from: 'map', to: 'filter' },
      { from: 'filter', to: 'keyBy' },
      { from: 'keyBy', to: 'count' },
      { from: 'count', to: 'out' },
    ],
  });
  if (w.parallelism !== undefined) for (const n of job.nodes) n.parallelism = w.parallelism;
  return job;
}

/** Window counts per (key index, window index), laid out key-major. */
export type Counts = { keys: number; windows: number; counts: Float64Array };

const windowsOf = (w: Workload): number => Math.ceil(endMsOf(w) / w.windowMs);

// ---- the tight loop --------------------------------------------------------------------------

export type TightRun = { seconds: number; counts: Counts; filteredOut: number };

/** mulberry32 as the engine's kernel/rng.ts seeds it, inlined: the same (key, value) sequence. */
function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * Generates the workload's (key, ts, value) triples into typed arrays, then counts the rows that
 * pass the filter per (key, window). The same records as the engine's generator (same seed, same
 * draws), so the counts must match the engine's output exactly.
 */
export function runTightLoop(w: Workload): TightRun {
  const n = w.records;
  const nWindows = windowsOf(w);
  const t0 = performance.now();
  const keyOf = new Int32Array(n);
  const tsOf = new Float64Array(n);
  const valueOf = new Int32Array(n);
  let a = ((SEED ^ hashString(SOURCE_ID)) >>> 0) ^ 0x9e3779b9;
  const span = VALUE_MAX - VALUE_MIN + 1;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    keyOf[i] = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * w.keys);
    a = (a + 0x6d2b79f5) | 0;
    t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    valueOf[i] = VALUE_MIN + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * span);
    tsOf[i] = Math.floor((i * 1000) / w.ratePerSec);
  }
  const counts = new Float64Array(w.keys * nWindows);
  let filteredOut = 0;
  for (let i = 0; i < n; i++) {
    if (valueOf[i] * 2 > FILTER_ABOVE) counts[keyOf[i] * nWindows + Math.floor(tsOf[i] / w.windowMs)]++;
    else filteredOut++;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, counts: { keys: w.keys, windows: nWindows, counts }, filteredOut };
}

// ---- the engine ------------------------------------------------------------------------------

export type EngineRun = {
  seconds: number;
  counts: Counts;
  /** Sink rows seen (window results). */
  windowResults: number;
  /** Records the filter removed (record.emitted into the filter minus out of it). */
  filteredOut: number;
  /** Records dropped or side-output for lateness (the drop counter). */
  late: number;
  /** The watermark node's last watermark: windows ending after it are knowingly not emitted. */
  finalWatermarkMs: number;
  /** Rows that arrived at the sink that were not window results of this workload (must be 0). */
  strayRows: number;
};

export type EngineOptions = {
  /** Called every `sampleEveryMs` of simulated time (memory sampling). */
  sample?: () => void;
  sampleEveryMs?: number;
};

export function runEngine(w: Workload, options: EngineOptions = {}): EngineRun {
  const job = jobOf(w);
  const nWindows = windowsOf(w);
  const counts = new Float64Array(w.keys * nWindows);
  let windowResults = 0;
  let strayRows = 0;
  let late = 0;
  let intoFilter = 0;
  let outOfFilter = 0;
  let finalWatermarkMs = -Infinity;
  const onFacts = (facts: Fact[]) => {
    for (const f of facts) {
      switch (f.type) {
        case 'record.written': {
          const r = f.write.record;
          const key = typeof r.key === 'string' ? Number(r.key.slice(1)) : NaN;
          const wi = (r.windowStart as number) / w.windowMs;
          if (f.node !== 'out' || !(key >= 0 && key < w.keys) || !Number.isInteger(wi) || wi < 0 || wi >= nWindows || typeof r.count !== 'number') {
            strayRows++;
            break;
          }
          windowResults++;
          counts[key * nWindows + wi] += r.count;
          break;
        }
        case 'record.late':
          late += f.to === 'dropped' ? (f.dropCount ?? 1) : 1;
          break;
        case 'record.emitted':
          if (f.to === 'filter') intoFilter += f.count;
          if (f.from === 'filter') outOfFilter += f.count;
          break;
        case 'watermark.advanced':
          if (f.node === 'wm' && f.watermarkMs > finalWatermarkMs) finalWatermarkMs = f.watermarkMs;
          break;
        default:
          break;
      }
    }
  };
  const t0 = performance.now();
  const sim = createSimulation(job, { buildResult: false, onFacts });
  if (options.sample) {
    const every = options.sampleEveryMs ?? 250;
    for (let t = every; !sim.isDone(); t += every) {
      sim.runUntil(t);
      options.sample();
    }
  } else sim.runToEnd();
  sim.dispose();
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    counts: { keys: w.keys, windows: nWindows, counts },
    windowResults,
    filteredOut: intoFilter - outOfFilter,
    late,
    finalWatermarkMs,
    strayRows,
  };
}

// ---- the check -------------------------------------------------------------------------------

export type Checksum = {
  ok: boolean;
  /** Sum of emitted window counts. */
  emitted: number;
  /** Records in windows the final watermark never passed (micro-batch append: never emitted). */
  notEmitted: number;
  late: number;
  filteredOut: number;
  /** emitted + notEmitted + late + filteredOut: must equal the input. */
  total: number;
  problems: string[];
};

/**
 * The engine's run against the tight loop's: every (key, window) whose end the final watermark
 * reached has exactly the tight loop's count; the others were never emitted; and emitted counts,
 * knowingly unemitted ones, late drops and filtered records add up to the input.
 */
export function checkRun(w: Workload, engine: EngineRun, tight: TightRun): Checksum {
  const problems: string[] = [];
  const { windows } = tight.counts;
  let emitted = 0;
  let notEmitted = 0;
  let mismatches = 0;
  for (let k = 0; k < w.keys; k++) {
    for (let wi = 0; wi < windows; wi++) {
      const i = k * windows + wi;
      const got = engine.counts.counts[i];
      const want = tight.counts.counts[i];
      emitted += got;
      const endMs = (wi + 1) * w.windowMs;
      const due = endMs <= engine.finalWatermarkMs || (w.mode === 'dataflow' && endMs - 1 <= engine.finalWatermarkMs);
      if (due) {
        if (got !== want) mismatches++;
      } else {
        if (got !== 0) mismatches++;
        notEmitted += want;
      }
    }
  }
  if (mismatches > 0) problems.push(`${mismatches} (key, window) counts differ from the tight loop's`);
  if (engine.strayRows > 0) problems.push(`${engine.strayRows} sink rows are not window results`);
  if (engine.filteredOut !== tight.filteredOut) problems.push(`filter removed ${engine.filteredOut}, expected ${tight.filteredOut}`);
  if (w.mode === 'dataflow' && notEmitted > 0) problems.push(`dataflow left ${notEmitted} records in unfired windows`);
  const total = emitted + notEmitted + engine.late + engine.filteredOut;
  if (total !== w.records) problems.push(`checksum ${total} ≠ ${w.records} input records`);
  return { ok: problems.length === 0, emitted, notEmitted, late: engine.late, filteredOut: engine.filteredOut, total, problems };
}
