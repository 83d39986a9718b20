// Event time × processing time for one window operator, in the manner of the Streaming Systems
// figures: records as dots at (event time, arrival), the watermark as a line, windows as bands that
// fill until they fire, panes labelled early/on time/late, late records marked: to the side
// output (dataflow) or struck out (micro-batch). The dots (and window bands) are drawn once in a
// layer of their own and revealed by a curtain that slides with the clock on `transform`, so
// playing repaints neither the dots nor the bands.
import { memo, useMemo } from 'react';
import { useEditor } from '../editor/store.ts';
import { formatMs } from '../lib/format.ts';
import { useSize } from '../lib/useSize.ts';
import { useLane, useLaneMode, useRun } from '../run/runStore.ts';
import type { LateRecord } from '../../engine/index.ts';
import type { Pane } from '../../telemetry/reduceFacts.ts';
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
  const { records, stride } = useMemo(() => recordsUpstream(job, id), [job, id]);
  // Everything but the clock changes only when facts arrive (a few times a second); the clock moves
  // the curtain and the watermark's last segment, and nothing else is re-rendered for it.
  const d = useMemo(() => plotDataFor(job, id, { watermarkHistory, panes, lateRecords, batches }, records, 0), [job, id, watermarkHistory, panes, lateRecords, batches, records]);
  const yMax = Math.max(d.yMax, clockMs);
  const sc = useMemo(() => scale(W, H, d.xMax, yMax), [W, H, d.xMax, yMax]);
  const { x, y } = sc;
  const wmPath = d.watermark.map(([at, wm], i) => `${i === 0 ? 'M' : 'L'}${x(wm)},${y(at)}${d.watermark[i + 1] ? ` L${x(wm)},${y(d.watermark[i + 1]![0])}` : ` L${x(wm)},${y(clockMs)}`}`).join(' ');
  const sideOutput = d.late.filter((r) => r.to !== 'dropped').length;
  return (
    <figure className="plot">
      <div className="plot-box" ref={box}>
      <svg className="plot-under" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        <Bands panes={d.panes} sc={sc} />
        <Dots records={d.records} sc={sc} />
      </svg>
      <div className="plot-curtain" style={{ left: M.left - 4, width: Math.max(0, W - M.left - M.right + 8), height: H, transform: `translateY(${Math.round(y(clockMs) - H)}px)` }} />
      <svg className="plot-over" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Event time against processing time for ${id}: ${d.panes.length} panes emitted, ${d.late.length} late records`}>
        <Axes sc={sc} xMax={d.xMax} yMax={yMax} />
        <path className="plot-watermark" d={wmPath} />
        <Panes panes={d.panes} sc={sc} />
        <LateMarks late={d.late} sc={sc} />
      </svg>
      </div>
      <figcaption>
        <strong>{id}</strong>: dots are records at (event time, arrival); <span className="key-wm">purple</span> is the watermark;
        bands are windows, closed by the line where a pane was emitted; <span className="key-late">✕</span> late records
        ({sideOutput} to a side output, {d.late.length - sideOutput} dropped).
        {stride > 1 && ` One dot per ${stride} generated records.`}
      </figcaption>
    </figure>
  );
}

type Scale = { x: (ms: number) => number; y: (ms: number) => number };

function scale(W: number, H: number, xMax: number, yMax: number): Scale {
  return {
    x: (ts) => M.left + ((W - M.left - M.right) * Math.max(0, ts)) / xMax,
    y: (at) => H - M.bottom - ((H - M.top - M.bottom) * at) / yMax,
  };
}

/** Each window that emitted, as a band from the bottom up to its first pane. */
const Bands = memo(function Bands({ panes, sc: { x, y } }: { panes: Pane[]; sc: Scale }) {
  const first = new Map<string, Pane>();
  for (const p of panes) if (!first.has(`${p.startMs}:${p.endMs}`)) first.set(`${p.startMs}:${p.endMs}`, p);
  return <>{[...first.values()].map((p) => (
    <rect key={`${p.startMs}:${p.endMs}`} className="plot-window" x={x(p.startMs)} width={Math.max(1, x(p.endMs) - x(p.startMs))} y={y(p.atMs)} height={y(0) - y(p.atMs)} />
  ))}</>;
});

const Panes = memo(function Panes({ panes, sc: { x, y } }: { panes: Pane[]; sc: Scale }) {
  return <>{groupPanes(panes).map((g) => (
    <g key={g.key} className={`plot-pane pane-${g.pane ?? 'batch'}`}>
      <line x1={x(g.startMs)} x2={x(g.endMs)} y1={y(g.atMs)} y2={y(g.atMs)} />
      <text x={x(g.endMs) - 3} y={y(g.atMs) - 3} textAnchor="end">{paneLabel(g.pane)} {g.keys}</text>
    </g>
  ))}</>;
});

const LateMarks = memo(function LateMarks({ late, sc: { x, y } }: { late: LateRecord[]; sc: Scale }) {
  return <>{late.map((r, i) => {
    const ts = typeof r.record.ts === 'number' ? r.record.ts : 0;
    return <text key={i} className={`plot-late ${r.to === 'dropped' ? 'is-dropped' : ''}`} x={x(ts)} y={y(r.atMs) + 5} textAnchor="middle">✕</text>;
  })}</>;
});

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

const Dots = memo(function Dots({ records, sc: { x, y } }: { records: [number, number][]; sc: Scale }) {
  return <>{records.map(([ts, at], i) => <circle key={i} className="plot-dot" cx={x(ts)} cy={y(at)} r={3.5} />)}</>;
});

const Axes = memo(function Axes({ sc: { x, y }, xMax, yMax }: { sc: Scale; xMax: number; yMax: number }) {
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
});
