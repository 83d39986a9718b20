// An edge that shows its queue fill (NiFi's green/yellow/red) and, while playing, records moving
// along it as dots whose number follows the rate. The dots are compositor animations (FlowDots):
// no React render and no main-thread work per frame; the edge re-renders only when what it shows
// of the metrics samples (queue level and count, dot rate) changes. A large graph gets fewer dots
// per edge (the whole canvas has a budget), and none when zoomed out so far that they would be specks.
import { BaseEdge, getBezierPath, useStore } from '@xyflow/react';
import type { EdgeProps, EdgeTypes } from '@xyflow/react';
import { memo } from 'react';
import { edgeKey } from '../../model/index.ts';
import { useEngineRun, useRun } from '../run/runStore.ts';
import { BarrierMarkers } from './BarrierMarker.tsx';
import { FlowDots } from './FlowDots.tsx';
import { queueLevel } from './status.ts';
import { isReplaying } from '../../telemetry/machinery.ts';

const MAX_DOTS = 6;
/** Dots on the whole canvas at most, shared by its edges. */
const DOT_BUDGET = 150;
const MIN_DOT_ZOOM = 0.45;

const FlowEdge = memo(function FlowEdge(props: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath(props);
  const key = `${props.source}->${props.target}`;
  // What the edge shows of its queue, as plain values: a new sample re-renders it only if they changed.
  const level = useEngineRun((s) => levelOf(s.edgeQueues[key]));
  const queueTitle = useEngineRun((s) => titleOf(s.edgeQueues[key]));
  const playing = useRun((s) => s.phase === 'playing');
  const visible = useStore((s) => s.transform[2] >= MIN_DOT_ZOOM);
  const most = useStore((s) => Math.max(1, Math.min(MAX_DOTS, Math.floor(DOT_BUDGET / Math.max(1, s.edges.length)))));
  const rate = useEngineRun((s) => dotsFor(s.samples[props.source]?.recordsOut, s.samplePeriodMs, most));
  const dots = playing && visible ? rate : 0;
  const late = props.sourceHandleId === 'late';
  // Records that went along this edge (a node's count is per output, so a fan-out is read here).
  const sent = useEngineRun((s) => s.flows[edgeKey(props.source, props.sourceHandleId === 'late' ? 'late' : 'out', props.target)] ?? 0);
  const label = sent > 0 ? (props.label ? `${String(props.label)} · ${sent}` : String(sent)) : props.label;
  // After a restore, records re-read below the pre-failure offsets are marked until the sources catch up.
  const replayed = useEngineRun((s) => isReplaying(s.machinery));
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} className={`${level} ${late ? 'is-late' : ''}`}
        label={label} labelX={labelX} labelY={labelY} labelShowBg={false} labelStyle={late ? lateLabel : undefined}
        interactionWidth={16} />
      <FlowDots path={path} count={dots} late={late} replayed={replayed} />
      {!late && visible && <BarrierMarkers edgeKey={key} path={path} />}
      {queueTitle && <title>{queueTitle}</title>}
    </>
  );
});

const lateLabel = { fill: '#b45309', fontWeight: 700 };

type Queue = { queued: number; outbox: number; capacity: number } | undefined;
const levelOf = (q: Queue) => (q ? `queue-${queueLevel((q.queued + q.outbox) / Math.max(1, q.capacity))}` : '');
const titleOf = (q: Queue) => (q && q.queued + q.outbox > 0 ? `queue ${q.queued + q.outbox} / ${q.capacity}` : '');

/** More records per second, more dots; a trickle still shows one. */
function dotsFor(recordsOut: number | undefined, periodMs: number, most: number): number {
  if (!recordsOut) return 0;
  const perSecond = (recordsOut * 1000) / Math.max(1, periodMs);
  return Math.min(most, Math.max(1, Math.round(Math.log2(1 + perSecond))));
}

export const edgeTypes: EdgeTypes = { flow: FlowEdge };
