// What a micro-batch query is made of before it runs, read once from its plan: the trigger and its
// settings, the sources, the stateful operators (each stage run as shuffle tasks), the watermarks,
// and the sinks' commit behaviour. Nothing here changes while the query runs.
import type { Plan, PlanNode } from '../../plan.ts';
import { createSourceCursor } from '../../sources/index.ts';
import { createMbDedup } from '../dedup.ts';
import { createMbJoin } from '../join.ts';
import { watermarkLagByNode } from '../joinWatermark.ts';
import { withTaskCounts, type TaskCounter } from '../shuffleTasks.ts';
import { createMbSource, type MbSource } from '../sources.ts';
import type { MbOperator } from '../types.ts';
import { createMbWatermarks, type MbWatermarks } from '../watermarks.ts';
import { createMbWindowAggregate } from '../windowAggregate/operator.ts';

export type MbSettings = Plan['job']['settings']['microbatch'];
export type MbTrigger = MbSettings['trigger'];

export type MbQuery = {
  readonly plan: Plan;
  readonly settings: MbSettings;
  readonly trigger: MbTrigger;
  /** The processing-time trigger's interval; 0 for the others. */
  readonly intervalMs: number;
  /** A batch's fixed cost (planning, addBatch, commit), before its rows' cost. */
  readonly overheadMs: number;
  /** maxRecordsPerTrigger: the rate limit of a batch (none for Trigger.Once). */
  readonly limit: number | null;
  /** Asynchronous progress tracking in effect (spec §1.9): stateless queries with Kafka sinks only. */
  readonly asyncTracking: boolean;
  readonly asyncIntervalMs: number;
  readonly hasFaults: boolean;
  readonly sinkNodes: readonly PlanNode[];
  /** Sinks that commit through a metadata log (Spark's file sink): the batches each has written. */
  readonly fileSinkBatches: Map<string, Set<number>>;
  readonly sources: readonly MbSource[];
  readonly operators: Map<string, MbOperator>;
  /** Stateful stages, each run as shufflePartitions tasks (shuffleTasks.ts). */
  readonly stages: readonly PlanNode[];
  readonly taskCounters: Map<string, TaskCounter>;
  readonly watermarks: MbWatermarks;
  /** Per node: how far behind the global watermark it runs (after a time-interval join, spec §1.5). */
  readonly wmLag: Map<string, number>;
  readonly watermarkNodes: readonly string[];
  /** availableNow: the offsets available when the query started; later data is not read. */
  readonly availableNowCutoffMs: number;
  /** An unbounded source (job-format `bounded: false`) never ends: with its input drained the query waits, it does not finish. */
  readonly waitsForever: boolean;
};

export function mbQueryOf(plan: Plan): MbQuery {
  const settings = plan.job.settings.microbatch;
  const trigger = settings.trigger;
  const stateless = !plan.nodes.some((p) => p.node.kind === 'window' || p.node.kind === 'dedup' || p.node.kind === 'join');
  const sinkNodes = plan.nodes.filter((p) => p.node.kind === 'sink');
  const asyncTracking =
    settings.asyncProgressTracking &&
    stateless &&
    trigger.kind === 'processingTime' &&
    sinkNodes.every((p) => p.node.kind === 'sink' && p.node.params.connector === 'kafka');
  const fileSinks = new Set(sinkNodes.filter((p) => p.node.kind === 'sink' && p.node.params.connector === 'file').map((p) => p.id));

  const sources: MbSource[] = [];
  const operators = new Map<string, MbOperator>();
  const shufflePartitions = settings.shufflePartitions;
  const stages: PlanNode[] = [];
  const taskCounters = new Map<string, TaskCounter>();
  for (const p of plan.nodes) {
    const n = p.node;
    if (n.kind === 'source') sources.push(createMbSource(p.id, createSourceCursor(n, plan.job.settings.seed)));
    else if (n.kind === 'window' || n.kind === 'dedup' || n.kind === 'join') {
      const op = n.kind === 'window' ? createMbWindowAggregate(p) : n.kind === 'dedup' ? createMbDedup(p) : createMbJoin(p);
      if (shufflePartitions > 1) {
        const counted = withTaskCounts(p, op, shufflePartitions);
        operators.set(p.id, counted.op);
        taskCounters.set(p.id, counted.counter);
      } else operators.set(p.id, op);
      stages.push(p);
    }
  }
  return {
    plan,
    settings,
    trigger,
    intervalMs: trigger.kind === 'processingTime' ? trigger.intervalMs : 0,
    overheadMs: trigger.kind === 'continuous' ? 1 : settings.batchOverheadMs,
    limit: trigger.kind === 'once' ? null : settings.maxRecordsPerTrigger,
    asyncTracking,
    asyncIntervalMs: typeof settings.asyncProgressTrackingIntervalMs === 'number' ? settings.asyncProgressTrackingIntervalMs : 1000,
    hasFaults: plan.job.faults.length > 0,
    sinkNodes,
    fileSinkBatches: new Map<string, Set<number>>([...fileSinks].map((id) => [id, new Set<number>()])),
    sources,
    operators,
    stages,
    taskCounters,
    watermarks: createMbWatermarks(plan, settings.multipleWatermarkPolicy),
    wmLag: watermarkLagByNode(plan),
    watermarkNodes: plan.nodes.filter((p) => p.node.kind === 'watermark').map((p) => p.id),
    availableNowCutoffMs: trigger.kind === 'availableNow' || trigger.kind === 'once' ? 0 : Infinity,
    waitsForever: plan.job.nodes.some((n) => n.kind === 'source' && n.params.bounded === false),
  };
}

/** Every stateful operator's state (the state store versions a re-run batch restores). */
export function snapshotAll(q: MbQuery): Map<string, unknown> {
  return new Map([...q.operators].map(([id, op]) => [id, op.snapshot?.()]));
}
