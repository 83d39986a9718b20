// An edge that shows its queue fill (NiFi's green/yellow/red) and, while playing, records moving
// along it as dots whose number follows the rate. The dots are SVG animations: no React render per
// frame; the edge re-renders only when a new metrics sample arrives.
import { BaseEdge, getBezierPath } from '@xyflow/react';
import type { EdgeProps, EdgeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useLane, useRun } from '../run/runStore.ts';
import { queueLevel } from './status.ts';

const MAX_DOTS = 6;
const TRAVEL_S = 1.6;

const FlowEdge = memo(function FlowEdge(props: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath(props);
  const key = `${props.source}->${props.target}`;
  const queue = useLane((s) => s.edgeQueues[key]);
  const playing = useRun((s) => s.phase === 'playing');
  const rate = useLane((s) => dotsFor(s.samples[props.source]?.recordsOut, s.samplePeriodMs));
  const dots = playing ? rate : 0;
  const fill = queue ? (queue.queued + queue.outbox) / Math.max(1, queue.capacity) : null;
  const level = fill === null ? '' : `queue-${queueLevel(fill)}`;
  const late = props.sourceHandleId === 'late';
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} className={`${level} ${late ? 'is-late' : ''}`}
        label={props.label} labelX={labelX} labelY={labelY} labelShowBg={false} labelStyle={late ? lateLabel : undefined}
        interactionWidth={16} />
      {Array.from({ length: dots }, (_, i) => (
        <circle key={i} r={3.5} className={`flow-dot ${late ? 'is-late' : ''}`}>
          <animateMotion dur={`${TRAVEL_S}s`} begin={`${(i * TRAVEL_S) / dots}s`} repeatCount="indefinite" path={path} />
        </circle>
      ))}
      {fill !== null && fill > 0 && (
        <title>{`queue ${queue!.queued + queue!.outbox} / ${queue!.capacity}`}</title>
      )}
    </>
  );
});

const lateLabel = { fill: '#b45309', fontWeight: 700 };

/** More records per second, more dots; a trickle still shows one. */
function dotsFor(recordsOut: number | undefined, periodMs: number): number {
  if (!recordsOut) return 0;
  const perSecond = (recordsOut * 1000) / Math.max(1, periodMs);
  return Math.min(MAX_DOTS, Math.max(1, Math.round(Math.log2(1 + perSecond))));
}

export const edgeTypes: EdgeTypes = { flow: FlowEdge };
