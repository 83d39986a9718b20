// Event time × processing time for one window operator, in the manner of the Streaming Systems
// figures: records as dots at (event time, arrival), the watermark as a line, windows as bands that
// fill until they fire, panes labelled early/on time/late, late records marked: to the side
// output (dataflow) or struck out (micro-batch). The dots are drawn once and revealed by a clip
// that follows the clock, so playing re-renders a rectangle, not every dot.
import { memo, useId, useMemo } from 'react';
import { useEditor } from '../editor/store.ts';
import { formatMs } from '../lib/format.ts';
import { useSize } from '../lib/useSize.ts';
import { useLane, useLaneMode, useRun } from '../run/runStore.ts';
import type { Pane } from '../run/reduceFacts.ts';
import { plotDataFor, recordsUpstream } from './plotData.ts';

const M = { left: 56, right: 12, top: 12, bottom: 30 };

export function EventTimeView() {
  const windows = useEditor((s) => s.job.nodes.filter((n) => n.kind === 'window').map((n) => n.id).join('\n'));
  const selected = useEditor((s) => (s.selection.length === 1 ? s.selection[0]! : null));
  const ids = windows ? windows.split('\n') : [];
  const id = selected && ids.includes(selected) ? selected : ids[0];
  if (!id) return <p className="muted">The job has no window operator to plot.</p>;
  return <Plot id={id} />;
}

function Plot({ id }: { id: string }) {
  const nodes = useEditor((s) => s.job.nodes);
  const edges = useEditor((s) => s.job.edges);
  const mode = useLaneMode();
  const settings = useEditor((s) => s.job.settings);
  const job = useMemo(() => ({ nodes, edges, mode, settings }), [nodes, edges, mode, settings]);
  const clockMs = useRun((s) => s.clockMs);
  const watermarkHistory = useLane((s) => s.watermarkHistory);
  const panes = useLane((s) => s.panes);
  const lateRecords = useLane((s) => s.lateRecords);
  const batches = useLane((s) => s.batches);
  const [box, { width: W, height: H }] = useSize<HTMLDivElement>();
  const { records, truncated } = useMemo(() => recordsUpstream(job, id), [job, id]);
  const d = plotDataFor(job, id, { watermarkHistory, panes, lateRecords, batches }, records, clockMs);
  const x = (ts: number) => M.left + ((W - M.left - M.right) * Math.max(0, ts)) / d.xMax;
  const y = (at: number) => H - M.bottom - ((H - M.top - M.bottom) * at) / d.yMax;
  const clip = useId();
  const firstFiring = new Map<number, number>();
  for (const p of d.panes) if (!firstFiring.has(p.startMs)) firstFiring.set(p.startMs, p.atMs);
  const windowStarts = [...new Set(d.panes.map((p) => `${p.startMs}:${p.endMs}`))].map((k) => k.split(':').map(Number) as [number, number]);
  const wmPath = d.watermark.map(([at, wm], i) => `${i === 0 ? 'M' : 'L'}${x(wm)},${y(at)}${d.watermark[i + 1] ? ` L${x(wm)},${y(d.watermark[i + 1]![0])}` : ` L${x(wm)},${y(clockMs)}`}`).join(' ');
  return (
    <figure className="plot">
      <div className="plot-box" ref={box}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Event time against processing time for ${id}: ${d.panes.length} panes emitted, ${d.late.length} late records`}>
        <defs>
          <clipPath id={clip}><rect x={0} y={y(clockMs)} width={W} height={H} /></clipPath>
        </defs>
        {windowStarts.map(([start, end]) => (
          <rect key={start} className="plot-window" x={x(start)} width={Math.max(1, x(end) - x(start))} y={y(firstFiring.get(start) ?? clockMs)} height={y(0) - y(firstFiring.get(start) ?? clockMs)} />
        ))}
        <Axes x={x} y={y} xMax={d.xMax} yMax={d.yMax} />
        <g clipPath={`url(#${clip})`}><Dots records={d.records} x={x} y={y} /></g>
        <path className="plot-watermark" d={wmPath} />
        {groupPanes(d.panes).map((g) => (
          <g key={g.key} className={`plot-pane pane-${g.pane ?? 'batch'}`}>
            <line x1={x(g.startMs)} x2={x(g.endMs)} y1={y(g.atMs)} y2={y(g.atMs)} />
            <text x={x(g.endMs) - 3} y={y(g.atMs) - 3} textAnchor="end">{paneLabel(g.pane)} {g.keys}</text>
          </g>
        ))}
        {d.late.map((r, i) => {
          const ts = typeof r.record.ts === 'number' ? r.record.ts : 0;
          return <text key={i} className={`plot-late ${r.to === 'dropped' ? 'is-dropped' : ''}`} x={x(ts)} y={y(r.atMs) + 5} textAnchor="middle">✕</text>;
        })}
        <line className="plot-clock" x1={M.left} x2={W - M.right} y1={y(clockMs)} y2={y(clockMs)} />
      </svg>
      </div>
      <figcaption>
        <strong>{id}</strong>: dots are records at (event time, arrival); <span className="key-wm">purple</span> is the watermark;
        bands are windows, closed by the line where a pane was emitted; <span className="key-late">✕</span> late records
        ({d.late.filter((r) => r.to !== 'dropped').length} to a side output, {d.late.filter((r) => r.to === 'dropped').length} dropped).
        {truncated && ` The first ${d.records.length} records are drawn.`}
      </figcaption>
    </figure>
  );
}

/** Panes of one window emitted at the same moment share one line: "on time a, b". */
function groupPanes(panes: Pane[]) {
  const groups = new Map<string, { key: string; startMs: number; endMs: number; atMs: number; pane: Pane['pane']; keys: string }>();
  for (const p of panes) {
    const key = `${p.startMs}:${p.endMs}:${p.atMs}:${p.pane}`;
    const g = groups.get(key);
    const k = p.key === undefined || p.key === null ? '' : String(p.key);
    if (g) g.keys = g.keys ? `${g.keys}, ${k}` : k;
    else groups.set(key, { key, startMs: p.startMs, endMs: p.endMs, atMs: p.atMs, pane: p.pane, keys: k });
  }
  return [...groups.values()];
}

const paneLabel = (p: string | null) => (p === 'early' ? 'early' : p === 'late' ? 'late' : p === 'onTime' ? 'on time' : 'emitted');

const Dots = memo(function Dots({ records, x, y }: { records: [number, number][]; x: (n: number) => number; y: (n: number) => number }) {
  return <>{records.map(([ts, at], i) => <circle key={i} className="plot-dot" cx={x(ts)} cy={y(at)} r={3.5} />)}</>;
}, (a, b) => a.records === b.records && a.x(1e4) === b.x(1e4) && a.y(1e4) === b.y(1e4));

function Axes({ x, y, xMax, yMax }: { x: (n: number) => number; y: (n: number) => number; xMax: number; yMax: number }) {
  const ticks = (max: number) => {
    const step = [1000, 2000, 5000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000].find((s) => max / s <= 8) ?? max / 5;
    return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  };
  return (
    <g className="plot-axes">
      <line x1={x(0)} x2={x(xMax)} y1={y(0)} y2={y(0)} />
      <line x1={x(0)} x2={x(0)} y1={y(0)} y2={y(yMax)} />
      {ticks(xMax).map((t) => <text key={`x${t}`} x={x(t)} y={y(0) + 16} textAnchor="middle">{formatMs(t)}</text>)}
      {ticks(yMax).map((t) => <text key={`y${t}`} x={x(0) - 6} y={y(t) + 4} textAnchor="end">{formatMs(t)}</text>)}
      <text x={x(xMax)} y={y(0) + 28} textAnchor="end" className="axis-title">event time →</text>
      <text x={x(0) + 6} y={y(yMax) + 4} className="axis-title">processing time ↑</text>
    </g>
  );
}
