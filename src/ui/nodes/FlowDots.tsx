// Records moving along an edge while the job plays: small HTML dots animated along the edge's path
// with the Web Animations API, on `transform` only, so the compositor moves them and the main
// thread does no layout, paint or hover hit-testing per frame (SVG animateMotion did all three,
// every frame, for every dot). The path is sampled once per shape; the dots re-animate only when
// their number or the path changes.
import { EdgeLabelRenderer } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef } from 'react';

const TRAVEL_MS = 1600;
const SAMPLES = 24;

/** Points along an SVG path, from its start to its end. */
export function samplePath(d: string, samples = SAMPLES): [number, number][] {
  if (typeof document === 'undefined') return [];
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', d);
  const length = path.getTotalLength();
  return Array.from({ length: samples + 1 }, (_, i) => {
    const p = path.getPointAtLength((length * i) / samples);
    return [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
  });
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export const FlowDots = memo(function FlowDots({ path, count, late, replayed = false }: { path: string; count: number; late: boolean; replayed?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const frames = useMemo(() => samplePath(path).map(([x, y]) => ({ transform: `translate(${x}px, ${y}px)` })), [path]);
  useEffect(() => {
    const el = box.current;
    if (!el || frames.length === 0 || reducedMotion()) return;
    const animations = [...el.children].map((dot, i) =>
      (dot as HTMLElement).animate(frames, { duration: TRAVEL_MS, iterations: Infinity, delay: -(i * TRAVEL_MS) / count }),
    );
    return () => animations.forEach((a) => a.cancel());
  }, [frames, count]);
  if (count === 0) return null;
  return (
    <EdgeLabelRenderer>
      <div ref={box} className="flow-dots" aria-hidden="true">
        {Array.from({ length: count }, (_, i) => <span key={i} className={`flow-dot ${late ? 'is-late' : ''} ${replayed ? 'is-replayed' : ''}`} />)}
      </div>
    </EdgeLabelRenderer>
  );
});
