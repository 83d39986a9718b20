// Checkpoint barriers on an edge (issue 13), drawn where the engine says they are. Aligned: the
// barrier travels in line with the records, so it sits behind the ones still in front of it (drawn
// between it and the receiver) and moves forward as the receiver takes them. Unaligned: it
// overtakes the queue and sits at the receiver's door, with the records it overtook drawn behind
// it, outlined, as stored with the checkpoint. Positions come from the metrics samples (one a
// simulated second); a CSS transition on `transform` moves the marker between them on the compositor.
import { memo } from 'react';
import { useEngineRun } from '../run/runStore.ts';
import type { EdgeBarrier } from '../../telemetry/machinery.ts';
import { samplePath } from './FlowDots.tsx';
import './machinery.css';

/**
 * Points along each edge path, kept across renders: barriers come and go every checkpoint, and
 * sampling a path (an SVG element, 41 getPointAtLength calls) for hundreds of edges each time
 * would be a long task.
 */
const pointsCache = new Map<string, [number, number][]>();
function pointsOf(path: string): [number, number][] {
  let p = pointsCache.get(path);
  if (!p) {
    if (pointsCache.size > 2000) pointsCache.clear();
    pointsCache.set(path, (p = samplePath(path, 40)));
  }
  return p;
}

/** Records drawn queued in front of (or overtaken by) a barrier, at most. */
const MAX_RECORDS = 6;

/** Where along the edge (0 the sender, 1 the receiver) a barrier is drawn. */
export function barrierProgress(b: Pick<EdgeBarrier, 'unaligned' | 'ahead' | 'aheadAtSend'>): number {
  if (b.unaligned) return 0.88;
  if (b.aheadAtSend <= 0) return 0.8;
  const done = 1 - Math.min(b.ahead, b.aheadAtSend) / b.aheadAtSend;
  return 0.15 + 0.65 * done;
}

export function describeBarrier(b: EdgeBarrier): string {
  const what = `${b.savepoint ? 'savepoint' : 'checkpoint'} ${b.id}`;
  return b.unaligned
    ? `${what}, unaligned: overtaking the queue; ${b.overtook} overtaken record${b.overtook === 1 ? '' : 's'} stored with the checkpoint`
    : `${what}, aligned: queued behind ${b.ahead} record${b.ahead === 1 ? '' : 's'}`;
}

export const BarrierMarkers = memo(function BarrierMarkers({ edgeKey, path }: { edgeKey: string; path: string }) {
  const barriers = useEngineRun((s) => s.machinery.barriers[edgeKey]);
  if (!barriers) return null;
  const points = pointsOf(path);
  if (points.length === 0) return null;
  const at = (t: number) => points[Math.max(0, Math.min(points.length - 1, Math.round(t * (points.length - 1))))]!;
  return (
    <g className="barriers">
      {barriers.map((b) => {
        const t = barrierProgress(b);
        const [x, y] = at(t);
        const records = Math.min(MAX_RECORDS, b.unaligned ? b.overtook : b.ahead);
        const step = 0.035;
        return (
          <g key={b.id}>
            {Array.from({ length: records }, (_, i) => {
              // Aligned: records in front (towards the receiver); unaligned: overtaken ones behind.
              const [rx, ry] = at(b.unaligned ? t - (i + 1) * step : t + (i + 1) * step);
              return <rect key={i} className={`barrier-record ${b.unaligned ? 'is-stored' : 'is-queued'}`} x={rx - 3.5} y={ry - 3.5} width={7} height={7} rx={1.5} />;
            })}
            <g role="img" aria-label="Checkpoint barrier" aria-description={describeBarrier(b)}
              data-barrier={b.unaligned ? 'overtaking' : 'queued'} data-kind={b.savepoint ? 'savepoint' : 'checkpoint'}
              className={`barrier ${b.unaligned ? 'is-unaligned' : 'is-aligned'} ${b.savepoint ? 'is-savepoint' : ''}`}
              style={{ transform: `translate(${x}px, ${y}px)` }}>
              <title>{describeBarrier(b)}</title>
              <rect x={-3} y={-13} width={6} height={26} rx={1.5} />
              <text y={-17} textAnchor="middle">{b.savepoint ? `SP ${b.id}` : `CP ${b.id}`}</text>
              {b.unaligned && b.overtook > 0 && <text className="barrier-stored" y={27} textAnchor="middle">{b.overtook} stored</text>}
            </g>
          </g>
        );
      })}
    </g>
  );
});
