// The event-time figure, in the manner of the Streaming Systems figures 2-6 to 2-13: records as
// dots at (event time, arrival), windows as bands that fill until they fire, each pane as a line
// where it fired with its value written there (early / on time / late in their own styles), the
// allowed-lateness horizon, late records crossed and followed to where they went, micro-batch
// batches as processing-time stripes, and the watermark on top of all, thick, in its own colour.
//
// Speed: the dots, bands and stripes are drawn once in layers of their own, revealed by a curtain
// that slides with the clock on `transform`; the watermark's last leg (from its last advance up to
// the clock) is a bar of its own, stretched on `transform` too. Both follow the clock outside
// React, so a clock tick re-renders nothing and repaints none of the plot: only new telemetry (a
// few times a second) does. Large sets of marks collapse into one path per kind.
import { memo, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { create } from 'zustand';
import type { LateRecord, Mode } from '../../model/index.ts';
import type { Pane } from '../../telemetry/reduceFacts.ts';
import { useEditor } from '../editor/store.ts';
import { useSize } from '../lib/useSize.ts';
import { engineRuns, useEngineRun, useEngineMode, useRun } from '../run/runStore.ts';
import { usePresent } from '../shell/present.ts';
import { FailureMarks } from './FailureMarks.tsx';
import { FigureLegend } from './FigureLegend.tsx';
import { aggregateFields, clockOriginOf, formatAxisTime, lateTag, paneValueText, placeLabels, textWidth, ticks } from './figureLayout.ts';
import { domainOf, hasWatermarkUpstream, plotDataFor } from './plotData.ts';
import type { PlotData, WindowSpan } from './plotData.ts';

/** Which window operators the figure shows: one (by id) or all; shared by both engine runs in Compare. */
const useFigureChoice = create<{ choice: string | null }>()(() => ({ choice: null }));

type WindowInfo = { id: string; title: string };

export function EventTimeView() {
  // Window operators, and drop-late operators (their lesson is the same figure: records against the watermark).
  const list = useEditor((s) => s.job.nodes.filter((n) => n.kind === 'window' || n.kind === 'dropLate').map((n) => `${n.id}\u0000${n.label ?? ''}`).join('\n'));
  const selected = useEditor((s) => (s.selection.length === 1 ? s.selection[0]! : null));
  const choice = useFigureChoice((s) => s.choice);
  const windows: WindowInfo[] = list ? list.split('\n').map((l) => { const [id, label] = l.split('\u0000'); return { id: id!, title: label || id! }; }) : [];
  // A window node clicked on the canvas becomes the figure's choice, as if picked here.
  const selectedWindow = windows.some((w) => w.id === selected) ? selected : null;
  useEffect(() => {
    if (selectedWindow) useFigureChoice.setState({ choice: selectedWindow });
  }, [selectedWindow]);
  if (windows.length === 0) return <p className="muted">The job has no window or drop-late operator to plot.</p>;
  const picked = choice === 'all' ? 'all' : windows.find((w) => w.id === choice)?.id ?? windows[0]!.id;
  const shown = picked === 'all' ? windows : windows.filter((w) => w.id === picked);
  return (
    <figure className="plot" aria-label="Event-time figure">
      {windows.length > 1 && (
        <div className="plot-picker" role="group" aria-label="Window operators in the figure">
          <span className="plot-picker-label" aria-hidden="true">Operator:</span>
          {windows.map((w) => (
            <button key={w.id} type="button" aria-pressed={picked === w.id} onClick={() => useFigureChoice.setState({ choice: w.id })}>{w.title}</button>
          ))}
          <button type="button" aria-pressed={picked === 'all'} onClick={() => useFigureChoice.setState({ choice: 'all' })}>All</button>
        </div>
      )}
      <div className={`plot-grid plot-count-${shown.length}`}>
        {shown.map((w) => <Plot key={w.id} id={w.id} title={w.title} />)}
      </div>
    </figure>
  );
}

/** Before the worker has read a loaded job's sources. */
const NO_RECORDS = { records: [] as [number, number][], stride: 1 };

const M = { left: 66, right: 104, top: 22, bottom: 38 };

function Plot({ id, title }: { id: string; title: string }) {
  const nodes = useEditor((s) => s.job.nodes);
  const edges = useEditor((s) => s.job.edges);
  const compare = useEditor((s) => s.compare);
  const origin = useEditor((s) => clockOriginOf(s.job));
  const mode = useEngineMode();
  const settings = useEditor((s) => s.job.settings);
  const presenting = usePresent((s) => s.presenting);
  const job = useMemo(() => ({ nodes, edges, mode, settings }), [nodes, edges, mode, settings]);
  const watermarkHistory = useEngineRun((s) => s.watermarkHistory);
  const panes = useEngineRun((s) => s.panes);
  const lateRecords = useEngineRun((s) => s.lateRecords);
  const batches = useEngineRun((s) => s.batches);
  const [box, { width: W, height: H }] = useSize<HTMLDivElement>();
  const { records, stride } = useEngineRun((s) => s.sourceRecords[id]) ?? NO_RECORDS;
  // Everything but the clock changes only when telemetry arrives (a few times a second), and is
  // drawn in a deferred render: React works through it in slices between frames, so a big update
  // (fast-forward brings minutes of run at once) does not hold a frame up.
  const live = useMemo(() => ({ watermarkHistory, panes, lateRecords, batches }), [watermarkHistory, panes, lateRecords, batches]);
  const run = useDeferredValue(live);
  const d = useMemo(() => plotDataFor(job, id, run, records, 0), [job, id, run, records]);
  // Compare: one scale for both engines' figures, the larger of the two domains.
  const other: Mode = mode === 'dataflow' ? 'microbatch' : 'dataflow';
  const otherDomain = engineRuns[other]((s) => {
    if (!compare) return '0:0';
    const o = domainOf({ ...job, mode: other }, id, s, records);
    return `${o.xMax}:${o.yMax}`;
  });
  const [oxMax, oyMax] = otherDomain.split(':').map(Number) as [number, number];
  const xMax = Math.max(d.xMax, oxMax);
  // The scale follows the clock only once it runs past the end of the run (a run without an end).
  const yMax = useRun((s) => Math.max(d.yMax, oyMax, s.clockMs));
  const fontPx = presenting ? 17 : 13;
  const sc = useMemo(() => scale(W, H, xMax, yMax), [W, H, xMax, yMax]);
  const { x, y } = sc;
  const wmPath = useMemo(() => d.watermark.map(([at, wm], i) => `${i === 0 ? 'M' : 'L'}${x(wm)},${y(at)}${d.watermark[i + 1] ? ` L${x(wm)},${y(d.watermark[i + 1]![0])}` : ''}`).join(' '), [d.watermark, x, y]);
  const last = d.watermark[d.watermark.length - 1];
  const curtain = useRef<HTMLDivElement>(null);
  const leg = useRef<HTMLDivElement>(null);
  const halo = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const follow = (clockMs: number) => {
      curtain.current?.style.setProperty('transform', `translateY(${Math.round(y(clockMs) - H)}px)`);
      const stretch = last ? `scaleY(${Math.max(0, y(last[0]) - y(clockMs)) / H})` : '';
      if (last) leg.current?.style.setProperty('transform', stretch);
      if (last) halo.current?.style.setProperty('transform', stretch);
    };
    follow(useRun.getState().clockMs);
    return useRun.subscribe((s, prev) => {
      if (s.clockMs !== prev.clockMs) follow(s.clockMs);
    });
  }, [y, H, last]);
  const crashCount = useEngineRun((s) => s.crashes.length);
  const node = nodes.find((n) => n.id === id);
  const fields = useMemo(() => (node?.kind === 'window' ? aggregateFields(node.params) : []), [node]);
  const late: Record<string, number> = {};
  for (const r of d.late) late[r.to] = (late[r.to] ?? 0) + 1;
  const sideOutput = mode === 'dataflow' && (node?.kind === 'window' || node?.kind === 'dropLate') ? (node.params.lateOutput ?? null) : null;
  const lateText = Object.entries(late).map(([to, n]) => (to === 'dropped' ? `${n} dropped` : `${n} to side output "${to}"`)).join(', ');
  return (
    <div className="plot-one">
      <div className="plot-box" ref={box}>
        <svg className="plot-under" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
          <Stripes batches={d.batches} sc={sc} W={W} />
          <Bands windows={d.windows} sc={sc} />
          <Dots records={d.records} sc={sc} />
        </svg>
        <div className="plot-curtain" ref={curtain} style={{ left: M.left - 4, width: Math.max(0, W - M.left - M.right + 8), height: H }} />
        <svg className="plot-over" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="group"
          aria-label={`${title}: event time across, processing time up; ${d.panes.length} panes fired${d.late.length ? `, ${d.late.length} late records (${lateText})` : ''}; scales: event time ${formatAxisTime(0, origin, 1000)} to ${formatAxisTime(xMax, origin, 1000)}, processing time ${formatAxisTime(0, origin, 1000)} to ${formatAxisTime(yMax, origin, 1000)}`}>
          <Axes sc={sc} xMax={xMax} yMax={yMax} W={W} H={H} origin={origin} title={title} fontPx={fontPx} />
          <Horizons windows={d.windows} sc={sc} />
          <Panes panes={d.panes} sc={sc} />
          <LateMarks late={d.late} sc={sc} W={W} />
          <path className="plot-watermark-halo" d={wmPath} />
          <path className="plot-watermark" d={wmPath} />
          <FailureMarks sc={sc} W={W} mode={mode} fontPx={fontPx} />
          <PaneLabels panes={d.panes} fields={fields} sc={sc} W={W} H={H} origin={origin} fontPx={fontPx} late={d.late} />
        </svg>
        {last && <div className="plot-watermark-leg is-halo" ref={halo} aria-hidden="true" style={{ left: x(last[1]), top: y(last[0]) - H, height: H }} />}
        {last && <div className="plot-watermark-leg" ref={leg} aria-hidden="true" style={{ left: x(last[1]), top: y(last[0]) - H, height: H }} />}
      </div>
      <FigureLegend facts={{ failures: crashCount > 0, mode, stride, latenessMs: d.latenessMs > 0, late, sideOutput, windowed: node?.kind === 'window', noWatermark: mode === 'microbatch' && !hasWatermarkUpstream(job, id) }} />
    </div>
  );
}

export type Scale = { x: (ms: number) => number; y: (ms: number) => number };

function scale(W: number, H: number, xMax: number, yMax: number): Scale {
  return {
    x: (ts) => M.left + ((W - M.left - M.right) * Math.max(0, ts)) / xMax,
    y: (at) => H - M.bottom - ((H - M.top - M.bottom) * at) / yMax,
  };
}

/** Micro-batch: each batch's processing time as a stripe across the figure (every other one shaded). */
const Stripes = memo(function Stripes({ batches, sc: { x, y }, W }: { batches: [number, number][]; sc: Scale; W: number }) {
  if (batches.length === 0) return null;
  let d = '';
  batches.forEach(([start, end], i) => {
    const top = y(end);
    const h = Math.max(1.5, y(start) - top);
    if (i % 2 === 0 || h < 3) d += `M${x(0)},${top}h${W - M.right - x(0)}v${h}h${-(W - M.right - x(0))}Z`;
  });
  let edges = '';
  for (const [start] of batches) edges += `M${x(0)},${y(start)}H${W - M.right}`;
  return <><path className="plot-batch" d={d} /><path className="plot-batch-edge" d={edges} /></>;
});

/**
 * Each window as a band from its first record's arrival up to where it first fired (up to the top
 * while it is open: the curtain reveals it with the clock, so it fills as the run goes). All in one
 * path (decoration, hidden from assistive technology): a fast-forward that closes hundreds of
 * windows a second makes and drops no elements.
 */
const Bands = memo(function Bands({ windows, sc: { x, y } }: { windows: WindowSpan[]; sc: Scale }) {
  let d = '';
  for (const w of windows) {
    const wd = Math.max(1, x(w.endMs) - x(w.startMs) - 1);
    const top = y(w.firedAtMs ?? Number.MAX_SAFE_INTEGER / 2);
    d += `M${x(w.startMs) + 0.5},${Math.max(0, top)}h${wd}V${y(w.firstAtMs)}h${-wd}Z`;
  }
  return d ? <path className="plot-window" d={d} /> : null;
});

/** With allowed lateness: where the watermark passed each window's end + lateness. */
const Horizons = memo(function Horizons({ windows, sc: { x, y } }: { windows: WindowSpan[]; sc: Scale }) {
  let d = '';
  for (const w of windows) if (w.horizonAtMs !== null) d += `M${x(w.startMs)},${y(w.horizonAtMs)}H${x(w.endMs)}`;
  return d ? <path className="plot-horizon" d={d} /> : null;
});

// Each pane line is a component of its own, with plain-value props: an update (which in
// fast-forward brings hundreds of them) renders only the new ones, not all that are drawn.
const Panes = memo(function Panes({ panes, sc }: { panes: Pane[]; sc: Scale }) {
  const groups = groupPanes(panes);
  if (groups.length > MAX_PANE_ELEMENTS) return <ManyPanes groups={groups} sc={sc} />;
  return <>{groups.map((g) => <PaneLine key={g.key} startMs={g.startMs} endMs={g.endMs} atMs={g.atMs} pane={g.pane} sc={sc} />)}</>;
});

/** Beyond this many pane lines, the lines of each kind of pane are one path. */
const MAX_PANE_ELEMENTS = 250;

function ManyPanes({ groups, sc: { x, y } }: { groups: PaneGroup[]; sc: Scale }) {
  const lines = new Map<string, string>();
  for (const g of groups) {
    const kind = g.pane ?? 'batch';
    lines.set(kind, `${lines.get(kind) ?? ''}M${x(g.startMs)},${y(g.atMs)}H${x(g.endMs)}`);
  }
  return <>{[...lines].map(([kind, d]) => <g key={kind} className={`plot-pane pane-${kind}`}><path d={d} /></g>)}</>;
}

const PaneLine = memo(function PaneLine({ startMs, endMs, atMs, pane, sc: { x, y } }: Pick<PaneGroup, 'startMs' | 'endMs' | 'atMs' | 'pane'> & { sc: Scale }) {
  return (
    <g className={`plot-pane pane-${pane ?? 'batch'}`}>
      <line x1={x(startMs)} x2={x(endMs)} y1={y(atMs)} y2={y(atMs)} />
    </g>
  );
});

/** At most this many value labels are considered: beyond, a run of hours has no room for them anyway. */
const MAX_LABELS = 150;

/** A window narrower than this carries no value label (its neighbours' would be drawn over it). */
const MIN_LABEL_PX = 16;

/**
 * Each pane's value, written at the right end of its line (where the book writes it), placed so
 * that no two labels overlap; each late record's destination ("→ late", "dropped") in the right
 * margin, level with it. Labels are accessible: a test (and a screen reader) reads the values.
 */
const PaneLabels = memo(function PaneLabels({ panes, fields, sc: { x, y }, W, H, origin, fontPx, late }: {
  panes: Pane[]; fields: string[]; sc: Scale; W: number; H: number; origin: number | null; fontPx: number; late: LateRecord[];
}) {
  const placed = useMemo(() => {
    // Only windows wide enough to carry a number (a run of hours has thousands of slivers), the latest first to go.
    const groups = groupPanes(panes).filter((g) => x(g.endMs) - x(g.startMs) >= MIN_LABEL_PX).slice(-MAX_LABELS);
    const manyKeys = new Set(panes.map((p) => String(p.key))).size > 1;
    const texts = new Map<string, { text: string; name: string; kind: string }>();
    const requests = groups.map((g) => {
      const text = g.rows.map(([k, row]) => (manyKeys ? `${k}: ${paneValueText(row, fields)}` : paneValueText(row, fields))).join(', ');
      const kind = g.pane === 'onTime' ? 'on time' : g.pane ?? 'written';
      texts.set(g.key, { text, kind: g.pane ?? 'batch', name: `Pane [${formatAxisTime(g.startMs, origin, 1000)}, ${formatAxisTime(g.endMs, origin, 1000)}) ${kind} at ${formatAxisTime(g.atMs, origin, 1000)}: ${text}` });
      return { id: g.key, x: x(g.endMs) - 3, y: y(g.atMs), width: textWidth(text, fontPx), height: fontPx, anchor: 'end' as const };
    });
    const lateTags = late.length <= 40 ? late.map((r, i) => ({ id: `late${i}`, x: W - M.right + 6, y: y(r.atMs) + fontPx / 2, width: textWidth(lateTag(r.to, 10), fontPx - 2), height: fontPx - 2, anchor: 'start' as const })) : [];
    const bounds = { x0: M.left, y0: 0, x1: W, y1: H - M.bottom };
    const labels = placeLabels(requests, { ...bounds, x1: W - M.right });
    const tags = placeLabels(lateTags, bounds, [], 24);
    return { labels: labels.map((l) => ({ ...l, ...texts.get(l.id)! })), tags: tags.map((t) => ({ ...t, r: late[Number(t.id.slice(4))]! })) };
  }, [panes, fields, x, y, W, H, origin, fontPx, late]);
  return (
    <>
      {placed.labels.map((l) => (
        <g key={l.id} role="img" aria-label={l.name} className={`plot-pane-value pane-${l.kind}`}>
          <text x={l.x} y={l.y} textAnchor={l.anchor} fontSize={fontPx}>{l.text}</text>
        </g>
      ))}
      <g aria-hidden="true">
        {placed.tags.map((t) => (
          <text key={t.id} className={`plot-late-tag${t.r.to === 'dropped' ? ' is-dropped' : ''}`} x={t.x} y={t.y} fontSize={fontPx - 2}>
            {lateTag(t.r.to, 10)}
          </text>
        ))}
      </g>
    </>
  );
});

/**
 * Up to this many late records, each is a mark of its own followed by a dotted line to where it
 * went (the margin says which); beyond, the marks of each kind are one path and the lines are left
 * out: a fast-forward replaces hundreds at each update, and the legend counts them.
 */
const MAX_LATE_ELEMENTS = 250;
const MAX_LATE_TRAILS = 40;

const LateMarks = memo(function LateMarks({ late, sc, W }: { late: LateRecord[]; sc: Scale; W: number }) {
  const tsOf = (r: LateRecord) => (typeof r.record.ts === 'number' ? r.record.ts : 0);
  if (late.length <= MAX_LATE_ELEMENTS) {
    const trails = late.length <= MAX_LATE_TRAILS;
    return <>{late.map((r) => <LateMark key={keyOf(r)} ts={tsOf(r)} atMs={r.atMs} dropped={r.to === 'dropped'} sc={sc} trailTo={trails ? W - M.right + 4 : null} />)}</>;
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
const cross = ({ x, y }: Scale, ts: number, atMs: number) => `M${x(ts) - 5},${y(atMs) - 5}l10,10m0,-10l-10,10`;

const LateMark = memo(function LateMark({ ts, atMs, dropped, sc, trailTo }: { ts: number; atMs: number; dropped: boolean; sc: Scale; trailTo: number | null }) {
  return (
    <>
      {trailTo !== null && <path className={`plot-late-trail ${dropped ? 'is-dropped' : ''}`} d={`M${sc.x(ts) + 6},${sc.y(atMs)}H${trailTo}`} />}
      <path className={`plot-late ${dropped ? 'is-dropped' : ''}`} d={cross(sc, ts, atMs)} />
    </>
  );
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

type PaneGroup = { key: string; startMs: number; endMs: number; atMs: number; pane: Pane['pane']; rows: [string, Pane['row']][] };

/** Panes of one window emitted at the same moment share one line: "a: 3, b: 5". */
function groupPanes(panes: Pane[]): PaneGroup[] {
  const groups = new Map<string, PaneGroup>();
  for (const p of panes) {
    const key = `${p.startMs}:${p.endMs}:${p.atMs}:${p.pane}`;
    const g = groups.get(key);
    const k = p.key === undefined || p.key === null ? '' : String(p.key);
    if (g) g.rows.push([k, p.row]);
    else groups.set(key, { key, startMs: p.startMs, endMs: p.endMs, atMs: p.atMs, pane: p.pane, rows: [[k, p.row]] });
  }
  return [...groups.values()];
}

const Dots = memo(function Dots({ records, sc: { x, y } }: { records: [number, number][]; sc: Scale }) {
  return <>{records.map(([ts, at], i) => <circle key={i} className="plot-dot" cx={x(ts)} cy={y(at)} r={4} />)}</>;
});

const Axes = memo(function Axes({ sc: { x, y }, xMax, yMax, W, H, origin, title, fontPx }: {
  sc: Scale; xMax: number; yMax: number; W: number; H: number; origin: number | null; title: string; fontPx: number;
}) {
  const tick = fontPx - 1;
  const xt = ticks(xMax, Math.max(2, (W - M.left - M.right) / (tick * 7)));
  const yt = ticks(yMax, Math.max(2, (H - M.top - M.bottom) / (tick * 2.6)));
  return (
    <g className="plot-axes" aria-hidden="true">
      <line x1={x(0)} x2={x(xMax)} y1={y(0)} y2={y(0)} />
      <line x1={x(0)} x2={x(0)} y1={y(0)} y2={y(yMax)} />
      {xt.values.map((t) => <line key={`gx${t}`} className="plot-grid-line" x1={x(t)} x2={x(t)} y1={y(0)} y2={y(yMax)} />)}
      {xt.values.map((t) => <text key={`x${t}`} x={x(t)} y={y(0) + tick + 4} textAnchor="middle" fontSize={tick}>{formatAxisTime(t, origin, xt.step)}</text>)}
      {yt.values.map((t) => <text key={`y${t}`} x={x(0) - 6} y={y(t) + tick / 3} textAnchor="end" fontSize={tick}>{formatAxisTime(t, origin, yt.step)}</text>)}
      <text x={x(xMax)} y={y(0) + 2 * tick + 8} textAnchor="end" className="axis-title" fontSize={tick}>event time →</text>
      <text x={4} y={M.top - 8} className="axis-title" fontSize={tick}>↑ processing time</text>
      <text x={x(xMax)} y={M.top - 8} textAnchor="end" className="plot-title" fontSize={fontPx}>{title}</text>
    </g>
  );
});

export type { PlotData };
