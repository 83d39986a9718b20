// fast-check arbitraries for small random jobs (issue 2, "fast-check properties over random jobs and
// inputs"): 1–2 scripted sources with random records, an optional watermark node with a random
// delay, an optional filter, an optional keyBy, a window with a random assigner counting its records,
// random allowed lateness and late output, a sink. The spec is kept beside the job so that a property
// can compute what to expect (how many records the filter removes, which records are "tail").
import fc from 'fast-check';
import type { Job, Mode } from '../../model/index.ts';
import {
  filter,
  generatorSource,
  graph as graphOf,
  job,
  keyBy,
  lateEdge,
  pipeline,
  sink,
  source,
  union,
  watermark,
  window,
  type Graph,
  type ScriptedRecord,
} from './jobs.ts';

export type AssignerSpec = { kind: 'tumbling'; sizeMs: number } | { kind: 'sliding'; sizeMs: number; slideMs: number } | { kind: 'session'; gapMs: number };

export type EarlySpec = null | { kind: 'processingTimeDelay'; delayMs: number } | { kind: 'eventTimeInterval'; intervalMs: number };

export type JobSpec = {
  sources: { records: ScriptedRecord[]; partitions: number }[];
  /** Where the watermark node goes: none, one per source, or one after the union. */
  watermark: null | { placement: 'perSource' | 'afterUnion'; delayMs: number };
  /** `value >= threshold`, or no filter. */
  filterThreshold: number | null;
  keyed: boolean;
  assigner: AssignerSpec;
  allowedLatenessMs: number;
  lateOutput: boolean;
  accumulation: 'accumulating' | 'discarding';
  early: EarlySpec;
  seed: number;
  intervalMs: number;
  autoWatermarkIntervalMs: number;
  policy: 'min' | 'max';
};

export const KEYS = ['a', 'b', 'c'] as const;
/** Event time of tail records: far beyond every random record and every window they are in. */
export const TAIL_TS = 1_000_000;
export const MAX_TS = 30_000;
export const MAX_AT = 10_000;

export type RecordsOptions = { maxRecords?: number };

/** Records of one source: random ts, at, key, value and partition, listed in arrival order. */
export function recordsArb(partitions: number, opts: RecordsOptions = {}): fc.Arbitrary<ScriptedRecord[]> {
  const one = fc.record({
    ts: fc.integer({ min: 0, max: MAX_TS }),
    at: fc.integer({ min: 0, max: MAX_AT }),
    key: fc.constantFrom(...KEYS),
    value: fc.integer({ min: 0, max: 9 }),
    partition: fc.integer({ min: 0, max: partitions - 1 }),
  });
  return fc.array(one, { minLength: 0, maxLength: opts.maxRecords ?? 25 }).map((list) => [...list].sort((a, b) => a.at - b.at));
}

const sourceArb = (opts: RecordsOptions) =>
  fc.integer({ min: 1, max: 2 }).chain((partitions) => recordsArb(partitions, opts).map((records) => ({ records, partitions })));

export const assignerArb: fc.Arbitrary<AssignerSpec> = fc.oneof(
  fc.constantFrom(1000, 2000, 5000, 10_000).map((sizeMs) => ({ kind: 'tumbling' as const, sizeMs })),
  fc
    .tuple(fc.constantFrom(1000, 2000, 5000), fc.constantFrom(2, 3, 4))
    .map(([slideMs, n]) => ({ kind: 'sliding' as const, sizeMs: slideMs * n, slideMs })),
  fc.constantFrom(500, 1000, 3000).map((gapMs) => ({ kind: 'session' as const, gapMs })),
);

export type JobSpecOptions = RecordsOptions & {
  assigner?: fc.Arbitrary<AssignerSpec>;
  /** Always put a watermark node in (micro-batch append mode emits nothing without one). */
  requireWatermark?: boolean;
  /** Restrict triggers to accumulating ones without early firings. */
  plainTrigger?: boolean;
};

export function jobSpecArb(opts: JobSpecOptions = {}): fc.Arbitrary<JobSpec> {
  const watermarkArb = fc.record({ placement: fc.constantFrom('perSource' as const, 'afterUnion' as const), delayMs: fc.constantFrom(0, 500, 2000, 5000) });
  return fc.record({
    sources: fc.array(sourceArb(opts), { minLength: 1, maxLength: 2 }),
    watermark: opts.requireWatermark ? watermarkArb : fc.option(watermarkArb, { nil: null, freq: 4 }),
    filterThreshold: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
    keyed: fc.boolean(),
    assigner: opts.assigner ?? assignerArb,
    allowedLatenessMs: fc.constantFrom(0, 0, 1000, 5000),
    lateOutput: fc.boolean(),
    accumulation: opts.plainTrigger ? fc.constant('accumulating' as const) : fc.constantFrom('accumulating' as const, 'discarding' as const),
    early: opts.plainTrigger
      ? fc.constant(null)
      : fc.oneof(
          fc.constant(null),
          fc.constantFrom(300, 1500).map((delayMs) => ({ kind: 'processingTimeDelay' as const, delayMs })),
          fc.constantFrom(1000, 4000).map((intervalMs) => ({ kind: 'eventTimeInterval' as const, intervalMs })),
        ),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    intervalMs: fc.constantFrom(0, 500, 1000),
    autoWatermarkIntervalMs: fc.constantFrom(50, 200),
    policy: fc.constantFrom('min' as const, 'max' as const),
  });
}

/**
 * A tail record per source, all arriving together after every other record, far ahead in event
 * time, passing any filter: in micro-batch mode its watermark passes every window of the random
 * records, so that append mode emits them all (Spark has no end-of-input watermark).
 */
export function withTail(spec: JobSpec): JobSpec {
  const lastAt = allRecords(spec).reduce((m, r) => Math.max(m, r.at), 0);
  return {
    ...spec,
    sources: spec.sources.map((s) => ({ ...s, records: [...s.records, { ts: TAIL_TS, at: lastAt + 1000, key: 'zz', value: 100, partition: 0 }] })),
  };
}

/** Whether a window result belongs to the tail records (its window lies far beyond the random ones). */
export const isTailWindow = (row: { windowEnd?: unknown }): boolean => typeof row.windowEnd === 'number' && row.windowEnd > TAIL_TS / 2;

/**
 * Makes event time non-decreasing with arrival across every source of the spec: the sorted event
 * times are handed out to the records in arrival order.
 */
export function inOrder(spec: JobSpec): JobSpec {
  const all = spec.sources.flatMap((s, i) => s.records.map((r, j) => ({ i, j, at: r.at, ts: r.ts })));
  const ts = all.map((r) => r.ts).sort((a, b) => a - b);
  const order = [...all].sort((a, b) => a.at - b.at || a.i - b.i || a.j - b.j);
  const sources = spec.sources.map((s) => ({ ...s, records: s.records.map((r) => ({ ...r })) }));
  order.forEach((r, n) => {
    sources[r.i].records[r.j].ts = ts[n];
  });
  return { ...spec, sources };
}

/** The job a spec describes. */
export function buildJob(spec: JobSpec, mode: Mode): Job {
  return job(buildGraph(spec, spec.sources.map((s, i) => source(`s${i}`, s.records, { partitions: s.partitions }))), {
    mode,
    seed: spec.seed,
    microbatch: { trigger: { kind: 'processingTime', intervalMs: spec.intervalMs }, multipleWatermarkPolicy: spec.policy },
    dataflow: { autoWatermarkIntervalMs: spec.autoWatermarkIntervalMs },
  });
}

export function buildGraph(spec: Omit<JobSpec, 'sources'>, sourceNodes: Graph['nodes']): Graph {
  const parts: Graph[] = [];
  const extra: Graph['edges'] = [];
  // Each source, with its own watermark node when placed per source.
  const heads = sourceNodes.map((src, i) => {
    if (spec.watermark?.placement === 'perSource') {
      parts.push(pipeline(src, watermark(`wm${i}`, spec.watermark.delayMs)));
      return `wm${i}`;
    }
    parts.push(pipeline(src));
    return src.id;
  });
  const rest = [];
  if (heads.length > 1) rest.push(union('u'));
  if (spec.watermark?.placement === 'afterUnion') rest.push(watermark('wm', spec.watermark.delayMs));
  if (spec.filterThreshold !== null) rest.push(filter('f', `value >= ${spec.filterThreshold}`));
  if (spec.keyed) rest.push(keyBy('kb'));
  rest.push(
    window('win', spec.assigner, {
      allowedLatenessMs: spec.allowedLatenessMs,
      ...(spec.lateOutput ? { lateOutput: 'late' } : {}),
      trigger: spec.early ? { kind: 'eventTime', early: spec.early, accumulation: spec.accumulation } : { kind: 'eventTime', accumulation: spec.accumulation },
    }),
    sink('out'),
  );
  const main = pipeline(...rest);
  parts.push(main);
  for (const h of heads) extra.push({ from: h, to: main.nodes[0].id });
  if (spec.lateOutput) {
    parts.push(pipeline(sink('lateSink')));
    extra.push(lateEdge('win', 'lateSink'));
  }
  return graphOf(parts, extra);
}

/** The same shape of job over seeded generator sources. */
export const generatorJobArb = (mode: Mode): fc.Arbitrary<Job> =>
  fc
    .record({
      spec: jobSpecArb({ maxRecords: 0 }),
      gens: fc.array(
        fc.record({
          ratePerSec: fc.integer({ min: 5, max: 200 }),
          keys: fc.integer({ min: 1, max: 5 }),
          maxOutOfOrdernessMs: fc.integer({ min: 0, max: 3000 }),
          late: fc.record({ fraction: fc.double({ min: 0, max: 0.3, noNaN: true }), byMs: fc.integer({ min: 0, max: 10_000 }) }),
          endMs: fc.integer({ min: 1, max: 4000 }),
          partitions: fc.integer({ min: 1, max: 3 }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    })
    .map(({ spec, gens }) =>
      job(
        buildGraph(
          spec,
          gens.map(({ partitions, ...g }, i) =>
            generatorSource(`s${i}`, { ...g, value: { kind: 'uniform', min: 0, max: 9 } }, { partitions }),
          ),
        ),
        {
          mode,
          seed: spec.seed,
          microbatch: { trigger: { kind: 'processingTime', intervalMs: spec.intervalMs }, multipleWatermarkPolicy: spec.policy },
          dataflow: { autoWatermarkIntervalMs: spec.autoWatermarkIntervalMs },
        },
      ),
    );

/** Every record of a spec (tail records included). */
export const allRecords = (spec: JobSpec): ScriptedRecord[] => spec.sources.flatMap((s) => s.records);
