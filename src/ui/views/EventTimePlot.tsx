// Event time × processing time for one window operator, in the manner of the Streaming Systems
// figures: records as dots at (event time, arrival), the watermark as a line, windows as bands that
// fill until they fire, panes labelled early/on time/late, late records marked: to the side
// output (dataflow) or struck out (micro-batch). The dots are drawn once in a layer of their own,
// the window bands in another, and both are revealed by a curtain that slides with the clock on
// `transform`; the watermark's last leg (from its last advance up to the clock) is a bar of its own,
// stretched on `transform` too. Both follow the clock outside React, so a clock tick re-renders
// nothing and repaints none of the plot: only new telemetry (a few times a second) does.
import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef } from 'react';
import { useEditor } from '../editor/store.ts';
import { formatMs } from '../lib/format.ts';
import { useSize } from '../lib/useSize.ts';
import { useLane, useLaneMode, useRun } from '../run/runStore.ts';
import type { LateRecord } from '../../model/index.ts';
import type { Pane } from '../../telemetry/reduceFacts.ts';
import { plotDataFor } from './plotData.ts';

const M = { left: 56, right: 12, top: 12, bottom: 30 };

export function EventTimeView() {
  const windows = useEditor((s) => s.job.nodes.filter((n) => n.kind === 'window').map((n) => n.id).join('\n'));
  const selected = useEditor((s) => (s.selection.length === 1 ? s.selection[0]! : null));
  const ids = windows ? windows.split('\n') : [];
  const id = selected && ids.includes(selected) ? selected : ids[0];
  if (!id) return <p className="muted">The job has no window operator to plot.</p>;
  return <Plot id={id} />;
}

/** Before the worker has read a loaded job's sources. */
const NO_RECORDS = { records: [] as [number, number][], stride: 1 };

function Plot({ id }: { id: string }) {
  const nodes = useEditor((s) => s.job.nodes);
  const edges = useEditor((s) => s.job.edges);
  const mode = useLaneMode();
  const settings = useEditor((s) => s.job.settings);
  const job = useMemo(() => ({ nodes, edges, mode, settings }), [nodes, edges, mode, settings]);
  const watermarkHistory = useLane((s) => s.watermarkHistory);
  const panes = useLane((s) => s.panes);
  const lateRecords = useLane((s) => s.lateRecords);
  const batches = useLane((s) => s.batches);
  const [box, { width: W, height: H }] = useSize<HTMLDivElement>();
  const { records, stride } = useLane((s) => s.sourceRecords[id]) ?? NO_RECORDS;
  // Everything but the clock changes only when telemetry arrives (a few times a second), and is
  // drawn in a deferred render: React works through it in slices between frames, so a big update
  // (fast-forward brings minutes of run at once) does not hold a frame up. The scale follows the
  // clock only once it runs past the end of the run (a run without an end).
  const live = useMemo(() => ({ watermarkHistory, panes, lateRecords, batches }), [watermarkHistory, panes, lateRecords, batches]);
  const run = useDeferredValue(live);
  const d = useMemo(() => plotDataFor(job, id, run, records, 0), [job, id, run, records]);
  const yMax = useRun((s) => Math.max(d.yMax, s.clockMs));
  const sc = useMemo(() => scale(W, H, d.xMax, yMax), [W, H, d.xMax, yMax]);
  const { x, y } = sc;
  const wmPath = useMemo(() => d.watermark.map(([at, wm], i) => `${i === 0 ? 'M' : 'L'}${x(wm)},${y(at)}${d.watermark[i + 1] ? ` L${x(wm)},${y(d.watermark[i + 1]![0])}` : ''}`).join(' '), [d.watermark, x, y]);
  const last = d.watermark[d.watermark.length - 1];
  const curtain = useRef<HTMLDivElement>(null);
  const leg = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const follow = (clockMs: number) => {
      curtain.current?.style.setProperty('transform', `translateY(${Math.round(y(clockMs) - H)}px)`);
      if (last) leg.current?.style.setProperty('transform', `scaleY(${Math.max(0, y(last[0]) - y(clockMs)) / H})`);
    };
    follow(useRun.getState().clockMs);
    return useRun.subscribe((s, prev) => {
      if (s.clockMs !== prev.clockMs) follow(s.clockMs);
    });
  }, [y, H, last]);
  const sideOutput = d.late.filter((r) => r.to !== 'dropped').length;
  return (
    <figure className="plot">
      <div className="plot-box" ref={box}>
      <svg className="plot-under" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        <Bands panes={d.panes} sc={sc} />
      </svg>
      <svg className="plot-under" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        <Dots records={d.records} sc={sc} />
      </svg>
      <div className="plot-curtain" ref={curtain} style={{ left: M.left - 4, width: Math.max(0, W - M.left - M.right + 8), height: H }} />
      <svg className="plot-over" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Event time against processing time for ${id}: ${d.panes.length} panes emitted, ${d.late.length} late records`}>
        <Axes sc={sc} xMax={d.xMax} yMax={yMax} />
        <path className="plot-watermark" d={wmPath} />
        <Panes panes={d.panes} sc={sc} />
        <LateMarks late={d.late} sc={sc} />
      </svg>
      {last && <div className="plot-watermark-leg" ref={leg} aria-hidden="true" style={{ left: x(last[1]), top: y(last[0]) - H, height: H }} />}
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

/**
 * Each window that emitted, as a band from the bottom up to its first pane: all in one path (they
 * are decoration, hidden from assistive technology), so a fast-forward that closes hundreds of
 * windows a second makes and drops no elements.
 */
const Bands = memo(function Bands({ panes, sc: { x, y } }: { panes: Pane[]; sc: Scale }) {
  const first = new Map<string, Pane>();
  for (const p of panes) if (!first.has(`${p.startMs}:${p.endMs}`)) first.set(`${p.startMs}:${p.endMs}`, p);
  let d = '';
  for (const p of first.values()) {
    const w = Math.max(1, x(p.endMs) - x(p.startMs));
    d += `M${x(p.startMs)},${y(p.atMs)}h${w}V${y(0)}h${-w}Z`;
  }
  return d ? <path className="plot-window" d={d} /> : null;
});

// Each pane line and late mark is a component of its own, with plain-value props: an update (which
// in fast-forward brings hundreds of them) renders only the new ones, not all that are drawn.
const Panes = memo(function Panes({ panes, sc }: { panes: Pane[]; sc: Scale }) {
  const groups = groupPanes(panes);
  if (groups.length > MAX_PANE_ELEMENTS) return <ManyPanes groups={groups} sc={sc} />;
  return <>{groups.map((g) => <PaneLine key={g.key} startMs={g.startMs} endMs={g.endMs} atMs={g.atMs} pane={g.pane} keys={g.keys} sc={sc} />)}</>;
});

/**
 * Beyond this many pane lines (a long run, or a fast-forward that replaces hundreds at each
 * update), the lines of each kind of pane are one path, and only the labels that fit are elements.
 */
const MAX_PANE_ELEMENTS = 250;

function ManyPanes({ groups, sc: { x, y } }: { groups: PaneGroup[]; sc: Scale }) {
  const lines = new Map<string, string>();
  const labels: PaneGroup[] = [];
  for (const g of groups) {
    const kind = g.pane ?? 'batch';
    lines.set(kind, `${lines.get(kind) ?? ''}M${x(g.startMs)},${y(g.atMs)}H${x(g.endMs)}`);
    if (x(g.endMs) - x(g.startMs) >= MIN_LABEL_PX) labels.push(g);
  }
  return (
    <>
      {[...lines].map(([kind, d]) => <g key={kind} className={`plot-pane pane-${kind}`}><path d={d} /></g>)}
      {labels.map((g) => (
        <g key={`${g.startMs}:${g.endMs}:${g.atMs}:${g.pane}`} className={`plot-pane pane-${g.pane ?? 'batch'}`}>
          <text x={x(g.endMs) - 3} y={y(g.atMs) - 3} textAnchor="end">{paneLabel(g.pane)} {g.keys}</text>
        </g>
      ))}
    </>
  );
}

type PaneGroup = ReturnType<typeof groupPanes>[number];

/**
 * A window narrower than this has no label: the labels of neighbouring windows would be drawn over
 * each other, unreadable (a run of hours), and text is what costs most to lay out and paint.
 */
const MIN_LABEL_PX = 24;

const PaneLine = memo(function PaneLine({ startMs, endMs, atMs, pane, keys, sc: { x, y } }: Omit<PaneGroup, 'key'> & { sc: Scale }) {
  return (
    <g className={`plot-pane pane-${pane ?? 'batch'}`}>
      <line x1={x(startMs)} x2={x(endMs)} y1={y(atMs)} y2={y(atMs)} />
      {x(endMs) - x(startMs) >= MIN_LABEL_PX && <text x={x(endMs) - 3} y={y(atMs) - 3} textAnchor="end">{paneLabel(pane)} {keys}</text>}
    </g>
  );
});

/**
 * Up to this many late records, each is a mark of its own; beyond, the marks of each kind are one
 * path: a fast-forward replaces hundreds at each update, and making and dropping an element for
 * each costs more than it tells (the marks carry nothing else).
 */
const MAX_LATE_ELEMENTS = 250;

const LateMarks = memo(function LateMarks({ late, sc }: { late: LateRecord[]; sc: Scale }) {
  const tsOf = (r: LateRecord) => (typeof r.record.ts === 'number' ? r.record.ts : 0);
  if (late.length <= MAX_LATE_ELEMENTS) {
    return <>{late.map((r) => <LateMark key={keyOf(r)} ts={tsOf(r)} atMs={r.atMs} dropped={r.to === 'dropped'} sc={sc} />)}</>;
  }
  let side = '';
  let dropped = '';
  for (const r of late) {
    if (r.to === 'dropped') dropped += cross(sc, tsOf(r), r.atMs);
    else side += cross(sc, tsOf(r), r.atMs);
  }
  return <>{side && <path className="plot-late" d={side} />}{dropped && <path className="plot-late is-dropped" d={dropped} />}</>;
});

/** A cross drawn as a path, not a ✕ glyph: hundreds of text elements cost layout and paint. */
const cross = ({ x, y }: Scale, ts: number, atMs: number) => `M${x(ts) - 4},${y(atMs) - 4}l8,8m0,-8l-8,8`;

const LateMark = memo(function LateMark({ ts, atMs, dropped, sc }: { ts: number; atMs: number; dropped: boolean; sc: Scale }) {
  return <path className={`plot-late ${dropped ? 'is-dropped' : ''}`} d={cross(sc, ts, atMs)} />;
});

/**
 * A late record's mark is keyed by the record itself: the list is trimmed at its head as it grows,
 * and keyed by position every mark would move (and be laid out again) at each update.
 */
const keys = new WeakMap<LateRecord, number>();
let lastKey = 0;
const keyOf = (r: LateRecord): number => {
  let k = keys.get(r);
  if (k === undefined) keys.set(r, (k = ++lastKey));
  return k;
};

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
