// Builders for test jobs: small, readable streamlab.job/v1 documents, always parsed through the real
// schema (`jobSchema.parse`) so that defaults are the ones the engine sees from the CLI.
//
//   job(pipeline(source('src', [rec(1000, 0, 'a')]), watermark('wm', 0), keyBy('kb'),
//                tumbling('win', 10_000), sink('out')), { mode: 'microbatch' })
import { jobSchema, type Job, type JobInput, type Mode } from '../../model/index.ts';

type NodeInput = JobInput['nodes'][number];
type EdgeInput = NonNullable<JobInput['edges']>[number];
type SettingsInput = NonNullable<JobInput['settings']>;
type MicrobatchInput = NonNullable<SettingsInput['microbatch']>;
type DataflowInput = NonNullable<SettingsInput['dataflow']>;
type ParamsInput<K extends NodeInput['kind']> = Extract<NodeInput, { kind: K }>['params'];
type WindowParams = ParamsInput<'window'>;

/** Extra node fields every kind may carry. */
export type NodeExtras = { parallelism?: number; costMs?: number; label?: string };

export type Graph = { nodes: NodeInput[]; edges: EdgeInput[] };

// ---- source items ----------------------------------------------------------------------------

export type ScriptedRecord = { ts: number; at: number; key?: unknown; value?: unknown; partition?: number; [field: string]: unknown };

/** A scripted record: event time `ts`, arrival (processing) time `at`. */
export function rec(ts: number, at: number, key: unknown = 'a', value: unknown = 1, extra: Record<string, unknown> = {}): ScriptedRecord {
  return { ts, at, key, value, ...extra };
}

/** The same record on a given source partition. */
export const onPartition = (partition: number, r: ScriptedRecord): ScriptedRecord => ({ ...r, partition });

/** A punctuated watermark item (dataflow). */
export function punct(watermark: number, at: number, partition?: number): { watermark: number; at: number; partition?: number } {
  return partition === undefined ? { watermark, at } : { watermark, at, partition };
}

// ---- nodes -------------------------------------------------------------------------------------

export function source(
  id: string,
  records: (ScriptedRecord | { watermark: number; at: number; partition?: number })[],
  opts: { partitions?: number } & NodeExtras = {},
): NodeInput {
  const { partitions, ...extras } = opts;
  return { id, kind: 'source', params: { connector: 'kafka', partitions: partitions ?? 1, records }, ...extras };
}

export function generatorSource(id: string, generator: ParamsInput<'source'>['generator'], opts: { partitions?: number } & NodeExtras = {}): NodeInput {
  const { partitions, ...extras } = opts;
  return { id, kind: 'source', params: { connector: 'rate', partitions: partitions ?? 1, generator }, ...extras };
}

export function watermark(id: string, delayMs: number, opts: { idleTimeoutMs?: number } & NodeExtras = {}): NodeInput {
  const { idleTimeoutMs, ...extras } = opts;
  return { id, kind: 'watermark', params: idleTimeoutMs === undefined ? { delayMs } : { delayMs, idleTimeoutMs }, ...extras };
}

export const filter = (id: string, predicate: string, extras: NodeExtras = {}): NodeInput => ({ id, kind: 'filter', params: { predicate }, ...extras });
export const map = (id: string, fields: Record<string, string>, extras: NodeExtras = {}): NodeInput => ({ id, kind: 'map', params: { fields }, ...extras });
export const keyBy = (id: string, key = 'key', extras: NodeExtras = {}): NodeInput => ({ id, kind: 'keyBy', params: { key }, ...extras });
export const union = (id: string, extras: NodeExtras = {}): NodeInput => ({ id, kind: 'union', params: {}, ...extras });
export const sink = (id: string, extras: NodeExtras = {}): NodeInput => ({ id, kind: 'sink', params: { connector: 'console', delivery: 'at-least-once' }, ...extras });

export const dropLate = (id: string, lateOutput?: string, extras: NodeExtras = {}): NodeInput => ({
  id,
  kind: 'dropLate',
  params: lateOutput === undefined ? {} : { lateOutput },
  ...extras,
});

export const dedup = (id: string, key: string | string[], withinMs?: number, extras: NodeExtras = {}): NodeInput => ({
  id,
  kind: 'dedup',
  params: withinMs === undefined ? { key } : { key, withinMs },
  ...extras,
});

export const join = (id: string, params: ParamsInput<'join'>, extras: NodeExtras = {}): NodeInput => ({ id, kind: 'join', params, ...extras });

const COUNT = { fn: 'count', as: 'count' } as const;
type WindowOpts = Omit<WindowParams, 'assigner' | 'aggregate'> & { aggregate?: WindowParams['aggregate'] } & NodeExtras;

export function window(id: string, assigner: WindowParams['assigner'], opts: WindowOpts = {}): NodeInput {
  const { aggregate, parallelism, costMs, label, ...rest } = opts;
  const extras: NodeExtras = {};
  if (parallelism !== undefined) extras.parallelism = parallelism;
  if (costMs !== undefined) extras.costMs = costMs;
  if (label !== undefined) extras.label = label;
  return { id, kind: 'window', params: { assigner, aggregate: aggregate ?? COUNT, ...rest }, ...extras };
}

/** A tumbling event-time window counting its records (`count`), unless `aggregate` says otherwise. */
export const tumbling = (id: string, sizeMs: number, opts: WindowOpts = {}) => window(id, { kind: 'tumbling', sizeMs }, opts);
export const sliding = (id: string, sizeMs: number, slideMs: number, opts: WindowOpts = {}) => window(id, { kind: 'sliding', sizeMs, slideMs }, opts);
export const session = (id: string, gapMs: number, opts: WindowOpts = {}) => window(id, { kind: 'session', gapMs }, opts);

// ---- graphs --------------------------------------------------------------------------------------

/** Nodes in a chain, each feeding the next. */
export function pipeline(...nodes: NodeInput[]): Graph {
  const edges: EdgeInput[] = [];
  for (let i = 1; i < nodes.length; i++) edges.push({ from: nodes[i - 1].id, to: nodes[i].id });
  return { nodes, edges };
}

/** Several graphs side by side, plus extra edges (a union's or join's inputs, a late port). */
export function graph(parts: Graph[], extraEdges: EdgeInput[] = []): Graph {
  return { nodes: parts.flatMap((p) => p.nodes), edges: [...parts.flatMap((p) => p.edges), ...extraEdges] };
}

/** An edge from a node's late side output. */
export const lateEdge = (from: string, to: string): EdgeInput => ({ from, to, fromPort: 'late' });

export type JobOptions = {
  mode?: Mode;
  seed?: number;
  untilMs?: number;
  microbatch?: MicrobatchInput;
  dataflow?: DataflowInput;
  faults?: JobInput['faults'];
  name?: string;
};

/** A complete job (schema defaults applied). */
export function job(g: Graph, opts: JobOptions = {}): Job {
  const settings: SettingsInput = {};
  if (opts.seed !== undefined) settings.seed = opts.seed;
  if (opts.untilMs !== undefined) settings.untilMs = opts.untilMs;
  if (opts.microbatch !== undefined) settings.microbatch = opts.microbatch;
  if (opts.dataflow !== undefined) settings.dataflow = opts.dataflow;
  const input: JobInput = {
    format: 'streamlab.job/v1',
    name: opts.name ?? 'test',
    mode: opts.mode ?? 'dataflow',
    settings,
    nodes: g.nodes,
    edges: g.edges,
    faults: opts.faults ?? [],
  };
  return jobSchema.parse(input);
}

/** Micro-batch settings with a processing-time trigger (the most common test setting). */
export function every(intervalMs: number, rest: Omit<MicrobatchInput, 'trigger'> = {}): MicrobatchInput {
  return { trigger: { kind: 'processingTime', intervalMs }, ...rest };
}
