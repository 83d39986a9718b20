// What a micro-batch window aggregation groups by, read once from its plan node: the assigner's
// kind and sizes, the key field, and whether the watermark applies to it.
import type { AggSpec } from '../../../model/index.ts';
import type { PlanNode } from '../../plan.ts';

export type WindowShape = {
  readonly specs: readonly AggSpec[];
  readonly keyField: string | null;
  readonly keyed: boolean;
  readonly global: boolean;
  readonly session: boolean;
  readonly processingTime: boolean;
  readonly tumbling: boolean;
  readonly sizeMs: number;
  readonly slideMs: number;
  readonly gapMs: number;
  /**
   * The watermark only applies when the grouping includes the event-time window (Spark's
   * watermark predicate needs the watermarked column among the grouping keys).
   */
  readonly hasWatermark: boolean;
};

export function windowShapeOf(plan: PlanNode): WindowShape {
  const node = plan.node;
  if (node.kind !== 'window') throw new Error('not a window');
  const assigner = node.params.assigner;
  const global = assigner.kind === 'global';
  return {
    specs: plan.aggs!,
    keyField: plan.keyField,
    keyed: plan.keyField !== null,
    global,
    session: assigner.kind === 'session',
    processingTime: assigner.time === 'processing',
    tumbling: assigner.kind === 'tumbling',
    sizeMs: assigner.kind === 'tumbling' || assigner.kind === 'sliding' ? assigner.sizeMs : 0,
    slideMs: assigner.kind === 'sliding' ? assigner.slideMs : 0,
    gapMs: assigner.kind === 'session' ? assigner.gapMs : 0,
    hasWatermark: plan.afterWatermarkNode && !global,
  };
}
