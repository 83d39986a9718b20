// The streamlab.job/v1 document (../shared/spec/job-format.md) as zod schemas. This file is the one
// place the job's shape is written down; the editor, the CLI, the worker and the exporters all parse
// through it. Nodes and their params are strict objects so that a typo ("delay" for "delayMs",
// "costMS") is an error that says where, instead of a silently ignored field; the document itself is
// loose so that later, compatible additions (a scenario's narrative, say) still load.
import './zodConfig.ts'; // first: jitless in browsers before any schema exists (see there)
import { z } from 'zod';

/** Millisecond amounts: integers, bounded so that sums of them stay exact in a double. */
const ms = z.number().int().min(-1e15).max(1e15);
const nonNegMs = z.number().int().min(0).max(1e15);
const positiveMs = z.number().int().min(1).max(1e15);
const count = z.number().int().min(1).max(1e9);

export const scriptedRecordSchema = z.looseObject({
  ts: ms,
  at: nonNegMs,
  partition: z.number().int().min(0).max(1023).optional(),
});

export const scriptedWatermarkSchema = z.strictObject({
  watermark: ms,
  at: nonNegMs,
  partition: z.number().int().min(0).max(1023).optional(),
});

export const valueDistributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('uniform'), min: z.number().finite(), max: z.number().finite() }),
  z.strictObject({ kind: z.literal('constant'), value: z.number().finite() }),
]);

export const generatorSchema = z.strictObject({
  ratePerSec: z.number().positive().max(10_000_000),
  keys: z.union([z.array(z.union([z.string(), z.number().finite()])).min(1).max(100_000), z.number().int().min(1).max(10_000_000)]),
  value: valueDistributionSchema.optional(),
  maxOutOfOrdernessMs: nonNegMs.optional(),
  late: z.strictObject({ fraction: z.number().min(0).max(1), byMs: nonNegMs }).optional(),
  startMs: nonNegMs.optional(),
  endMs: nonNegMs.optional(),
  /** Zipf exponent of the key distribution (0 or absent: uniform): one hot key overloads one subtask. */
  keySkew: z.number().min(0).max(10).optional(),
});

const sourceParams = z.strictObject({
  connector: z.enum(['kafka', 'socket', 'rate']).default('kafka'),
  partitions: z.number().int().min(1).max(1024).default(1),
  records: z.array(z.union([scriptedWatermarkSchema, scriptedRecordSchema])).max(1_000_000).optional(),
  generator: generatorSchema.optional(),
  /**
   * false: an unbounded source (a Kafka source without setBounded) is idle, not finished, after its
   * last item and never emits the end-of-input watermark. Default true.
   */
  bounded: z.boolean().optional(),
});

const watermarkParams = z.strictObject({
  delayMs: nonNegMs,
  idleTimeoutMs: positiveMs.optional(),
});

const filterParams = z.strictObject({ predicate: z.string().min(1).max(10_000) });
const mapParams = z.strictObject({
  fields: z.record(z.string().min(1).max(200), z.string().min(1).max(10_000)),
});
const keyByParams = z.strictObject({ key: z.string().min(1).max(200) });

const timeDomain = z.enum(['event', 'processing']).optional();
export const assignerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tumbling'), sizeMs: positiveMs, time: timeDomain }),
  z.strictObject({ kind: z.literal('sliding'), sizeMs: positiveMs, slideMs: positiveMs, time: timeDomain }),
  z.strictObject({ kind: z.literal('session'), gapMs: positiveMs, time: timeDomain }),
  z.strictObject({ kind: z.literal('global'), time: timeDomain }),
]);

export const aggregateSchema = z.strictObject({
  fn: z.enum(['count', 'sum', 'min', 'max', 'avg']),
  field: z.string().min(1).max(200).optional(),
  as: z.string().min(1).max(200).optional(),
});

export const earlyFiringSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('processingTimeDelay'), delayMs: positiveMs }),
  z.strictObject({ kind: z.literal('processingTimeInterval'), intervalMs: positiveMs }),
  z.strictObject({ kind: z.literal('eventTimeInterval'), intervalMs: positiveMs }),
]);

const accumulation = z.enum(['accumulating', 'discarding']).optional();
export const triggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('eventTime'),
    early: earlyFiringSchema.optional(),
    late: z.strictObject({ kind: z.literal('count'), count }).optional(),
    accumulation,
  }),
  z.strictObject({ kind: z.literal('processingTime'), accumulation }),
  z.strictObject({ kind: z.literal('count'), count, accumulation }),
]);

const windowParams = z.strictObject({
  assigner: assignerSchema,
  aggregate: z.union([aggregateSchema, z.array(aggregateSchema).min(1).max(20)]),
  trigger: triggerSchema.optional(),
  allowedLatenessMs: nonNegMs.optional(),
  lateOutput: z.string().min(1).max(200).optional(),
});

const dropLateParams = z.strictObject({ lateOutput: z.string().min(1).max(200).optional() });
const dedupParams = z.strictObject({
  key: z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(20)]),
  withinMs: positiveMs.optional(),
});
const joinParams = z.strictObject({
  leftKey: z.string().min(1).max(200),
  rightKey: z.string().min(1).max(200),
  lowerBoundMs: ms,
  upperBoundMs: ms,
  type: z.enum(['inner', 'leftOuter', 'rightOuter', 'fullOuter']).optional(),
});
const unionParams = z.strictObject({});
const sinkParams = z.strictObject({
  connector: z.enum(['kafka', 'file', 'console']).default('console'),
  delivery: z.enum(['at-least-once', 'exactly-once']).default('at-least-once'),
});

const nodeBase = {
  id: z.string().min(1).max(100).regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must start with a letter or _ and hold only letters, digits, _ and -'),
  label: z.string().max(200).optional(),
  parallelism: z.number().int().min(1).max(256).optional(),
  costMs: z.number().min(0).max(1e6).optional(),
};

export const paramSchemas = {
  source: sourceParams,
  watermark: watermarkParams,
  filter: filterParams,
  map: mapParams,
  keyBy: keyByParams,
  window: windowParams,
  dropLate: dropLateParams,
  dedup: dedupParams,
  join: joinParams,
  union: unionParams,
  sink: sinkParams,
} as const;

export type NodeKind = keyof typeof paramSchemas;
export const nodeKinds = Object.keys(paramSchemas) as NodeKind[];

const node = <K extends NodeKind>(kind: K) =>
  z.strictObject({ ...nodeBase, kind: z.literal(kind), params: paramSchemas[kind] });

export const nodeSchema = z.discriminatedUnion('kind', [
  node('source'), node('watermark'), node('filter'), node('map'), node('keyBy'), node('window'),
  node('dropLate'), node('dedup'), node('join'), node('union'), node('sink'),
]);

export const edgeSchema = z.looseObject({
  from: z.string().min(1).max(100),
  to: z.string().min(1).max(100),
  fromPort: z.enum(['out', 'late']).optional(),
  toPort: z.enum(['in', 'left', 'right']).optional(),
});

export const microbatchTriggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('processingTime'), intervalMs: nonNegMs }),
  z.strictObject({ kind: z.literal('once') }),
  z.strictObject({ kind: z.literal('availableNow') }),
  z.strictObject({ kind: z.literal('continuous'), checkpointIntervalMs: positiveMs }),
]);

export const microbatchSettingsSchema = z.looseObject({
  trigger: microbatchTriggerSchema.default({ kind: 'processingTime', intervalMs: 0 }),
  outputMode: z.enum(['append', 'update', 'complete']).default('append'),
  maxRecordsPerTrigger: z.number().int().min(1).max(1e12).nullable().default(null),
  multipleWatermarkPolicy: z.enum(['min', 'max']).default('min'),
  batchOverheadMs: nonNegMs.default(50),
  asyncProgressTracking: z.boolean().default(false),
  restartDelayMs: nonNegMs.default(1000),
  /** Spark's spark.sql.shuffle.partitions: tasks per stateful stage (1 here unless set). */
  shufflePartitions: z.number().int().min(1).max(1024).default(1),
});

export const checkpointingSchema = z.looseObject({
  intervalMs: positiveMs,
  mode: z.enum(['aligned', 'unaligned']).default('aligned'),
  minPauseMs: nonNegMs.default(0),
  timeoutMs: positiveMs.default(600_000),
  maxConcurrent: z.number().int().min(1).max(100).default(1),
  externalized: z.enum(['retain', 'delete']).default('retain'),
});

export const dataflowSettingsSchema = z.looseObject({
  autoWatermarkIntervalMs: nonNegMs.default(200),
  bufferCapacity: z.number().int().min(1).max(1_000_000).default(8),
  /** Flink's maximum parallelism: the number of key groups (KeyGroupRangeAssignment). */
  maxParallelism: z.number().int().min(1).max(32_768).default(128),
  checkpointing: checkpointingSchema.optional(),
  restart: z
    .looseObject({
      kind: z.enum(['fixedDelay', 'none']).default('fixedDelay'),
      delayMs: nonNegMs.default(1000),
      attempts: z.number().int().min(0).max(1e6).default(3),
    })
    .default({ kind: 'fixedDelay', delayMs: 1000, attempts: 3 }),
});

export const faultSchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('crash'), atMs: nonNegMs, node: z.string().min(1).max(100).optional() }),
  z.looseObject({ kind: z.literal('savepoint'), atMs: nonNegMs }),
]);

export const settingsSchema = z.looseObject({
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  untilMs: nonNegMs.max(1e12).optional(),
  microbatch: microbatchSettingsSchema.default(() => microbatchSettingsSchema.parse({})),
  dataflow: dataflowSettingsSchema.default(() => dataflowSettingsSchema.parse({})),
});

export const modeSchema = z.enum(['microbatch', 'dataflow']);

export const jobSchema = z.looseObject({
  format: z.literal('streamlab.job/v1'),
  name: z.string().max(200).optional(),
  description: z.string().max(10_000).optional(),
  mode: modeSchema.default('dataflow'),
  settings: settingsSchema.default(() => settingsSchema.parse({})),
  nodes: z.array(nodeSchema).min(1).max(5000),
  edges: z.array(edgeSchema).max(20_000).default([]),
  faults: z.array(faultSchema).max(10_000).default([]),
  layout: z.record(z.string(), z.looseObject({ x: z.number().finite(), y: z.number().finite() })).optional(),
});

export type Job = z.output<typeof jobSchema>;
export type JobInput = z.input<typeof jobSchema>;
export type JobNode = Job['nodes'][number];
export type JobEdge = Job['edges'][number];
export type Mode = z.output<typeof modeSchema>;
export type Fault = Job['faults'][number];
export type Settings = Job['settings'];
export type MicrobatchSettings = Settings['microbatch'];
export type DataflowSettings = Settings['dataflow'];
export type Assigner = z.output<typeof assignerSchema>;
export type Aggregate = z.output<typeof aggregateSchema>;
export type Trigger = z.output<typeof triggerSchema>;
export type Generator = z.output<typeof generatorSchema>;
export type ScriptedItem = NonNullable<z.output<typeof sourceParams>['records']>[number];
export type NodeOf<K extends NodeKind> = Extract<JobNode, { kind: K }>;
export type ParamsOf<K extends NodeKind> = NodeOf<K>['params'];
