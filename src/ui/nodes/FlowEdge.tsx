// An edge that shows its queue fill (NiFi's green/yellow/red) and, while playing, records moving
// along it as dots whose number follows the rate. The dots are compositor animations (FlowDots):
// no React render and no main-thread work per frame; the edge re-renders only when a new metrics
// sample arrives. A large graph gets fewer dots per edge (the whole canvas has a budget), and none
// when zoomed out so far that they would be specks.
import { BaseEdge, getBezierPath, useStore } from '@xyflow/react';
import type { EdgeProps, EdgeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useLane, useRun } from '../run/runStore.ts';
import { FlowDots } from './FlowDots.tsx';
import { queueLevel } from './status.ts';

const MAX_DOTS = 6;
/** Dots on the whole canvas at most, shared by its edges. */
const DOT_BUDGET = 150;
const MIN_DOT_ZOOM = 0.45;

const FlowEdge = memo(function FlowEdge(props: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath(props);
  const key = `${props.source}->${props.target}`;
  const queue = useLane((s) => s.edgeQueues[key]);
  const playing = useRun((s) => s.phase === 'playing');
  const visible = useStore((s) => s.transform[2] >= MIN_DOT_ZOOM);
  const most = useStore((s) => Math.max(1, Math.min(MAX_DOTS, Math.floor(DOT_BUDGET / Math.max(1, s.edges.length)))));
  const rate = useLane((s) => dotsFor(s.samples[props.source]?.recordsOut, s.samplePeriodMs, most));
  const dots = playing && visible ? rate : 0;
  const fill = queue ? (queue.queued + queue.outbox) / Math.max(1, queue.capacity) : null;
  const level = fill === null ? '' : `queue-${queueLevel(fill)}`;
  const late = props.sourceHandleId === 'late';
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} className={`${level} ${late ? 'is-late' : ''}`}
        label={props.label} labelX={labelX} labelY={labelY} labelShowBg={false} labelStyle={late ? lateLabel : undefined}
        interactionWidth={16} />
      <FlowDots path={path} count={dots} late={late} />
      {fill !== null && fill > 0 && (
        <title>{`queue ${queue!.queued + queue!.outbox} / ${queue!.capacity}`}</title>
      )}
    </>
  );
});

const lateLabel = { fill: '#b45309', fontWeight: 700 };

/** More records per second, more dots; a trickle still shows one. */
function dotsFor(recordsOut: number | undefined, periodMs: number, most: number): number {
  if (!recordsOut) return 0;
  const perSecond = (recordsOut * 1000) / Math.max(1, periodMs);
  return Math.min(most, Math.max(1, Math.round(Math.log2(1 + perSecond))));
}

export const edgeTypes: EdgeTypes = { flow: FlowEdge };
