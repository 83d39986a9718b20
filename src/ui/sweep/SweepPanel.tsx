// The sweep panel (issue 14): pick a parameter of the job, a range and the engines; the runs go to
// Web Workers with a progress bar and Cancel; the chart plots completeness and latency against the
// value for both engines (late records and state as a second view), marks the current value, and a
// click on a point puts that value in the editor and runs it. Results export as CSV, the chart as
// SVG or PNG. Loaded only when the panel first opens (recharts is large).
import { useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import type { Mode } from '../../model/index.ts';
import { sweepCsv, type SweepModes } from '../../model/index.ts';
import { useEditor } from '../editor/store.ts';
import { chartRows, modesIn, seriesKey, type ChartMetric } from './chartRows.ts';
import { download, svgOf, svgToPng } from './exportChart.ts';
import { suggestedSweeps, sweepParameters } from './parameters.ts';
import { applySweepValue, cancelSweep, closeSweep, currentDocument, setRange, startSweep, useSweep, type SweepView } from './sweepStore.ts';

const COLORS: Record<Mode, string> = { dataflow: '#2458c6', microbatch: '#b45309' };
const MODE_NAMES: Record<Mode, string> = { dataflow: 'dataflow', microbatch: 'micro-batch' };

export default function SweepPanel() {
  const open = useSweep((s) => s.open);
  if (!open) return null;
  return (
    <section className="sweep-panel" role="dialog" aria-modal="false" aria-labelledby="sweep-title">
      <div className="sweep-head">
        <h2 id="sweep-title">Sweep a setting</h2>
        <button type="button" onClick={closeSweep} aria-label="Close the sweep panel">×</button>
      </div>
      <SweepForm />
      <SweepProgress />
      <SweepResults />
    </section>
  );
}

function SweepForm() {
  const job = useEditor((s) => s.job);
  const range = useSweep((s) => s.range);
  const running = useSweep((s) => s.status === 'running');
  const problems = useSweep((s) => s.problems);
  const params = sweepParameters(job);
  if (!range || params.length === 0) return <p className="muted">This job has nothing to sweep: add a watermark, a window, a generator, or a processing-time trigger.</p>;
  const num = (v: string) => (v.trim() === '' ? NaN : Number(v));
  const suggestions = suggestedSweeps(job);
  return (
    <form
      className="sweep-form"
      onSubmit={(e) => {
        e.preventDefault();
        void startSweep();
      }}
    >
      {suggestions.length > 0 && (
        <div className="sweep-suggested">
          <span className="muted">Suggested:</span>
          {suggestions.map((g) => {
            const p = params.find((x) => x.path === g.path);
            return (
              <button key={g.path} type="button" disabled={running} onClick={() => setRange(g)}>
                {p ? p.label.replace(/ \(now .*\)$/, '') : g.path}: {g.from}–{g.to} ms
              </button>
            );
          })}
        </div>
      )}
      <label className="inline-field sweep-param">
        <span>Parameter</span>
        <select
          value={range.path}
          disabled={running}
          onChange={(e) => {
            const p = params.find((x) => x.path === e.target.value);
            if (p) setRange({ path: p.path, from: p.from, to: p.to, step: p.step });
          }}
        >
          {params.map((p) => (
            <option key={p.path} value={p.path}>{p.label}</option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>From (ms)</span>
        <input type="number" value={Number.isFinite(range.from) ? range.from : ''} disabled={running} onChange={(e) => setRange({ from: num(e.target.value) })} />
      </label>
      <label className="inline-field">
        <span>To (ms)</span>
        <input type="number" value={Number.isFinite(range.to) ? range.to : ''} disabled={running} onChange={(e) => setRange({ to: num(e.target.value) })} />
      </label>
      <label className="inline-field">
        <span>Step (ms)</span>
        <input type="number" value={Number.isFinite(range.step) ? range.step : ''} disabled={running} onChange={(e) => setRange({ step: num(e.target.value) })} />
      </label>
      <label className="inline-field">
        <span>Engines</span>
        <select value={range.modes} disabled={running} onChange={(e) => setRange({ modes: e.target.value as SweepModes })}>
          <option value="both">Both</option>
          <option value="microbatch">Micro-batch</option>
          <option value="dataflow">Dataflow</option>
        </select>
      </label>
      <button type="submit" className="primary" disabled={running}>Run</button>
      {problems.length > 0 && (
        <ul className="sweep-problems" role="alert">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
    </form>
  );
}

function SweepProgress() {
  const { status, done, total, workers } = useSweep(useShallow((s) => ({ status: s.status, done: s.done, total: s.total, workers: s.workers })));
  if (status === 'idle') return null;
  const text =
    status === 'running'
      ? `${done} of ${total} runs, on ${workers} worker${workers === 1 ? '' : 's'}`
      : status === 'cancelled'
        ? `Cancelled after ${done} of ${total} runs`
        : status === 'failed'
          ? `Stopped after ${done} of ${total} runs`
          : `${total} runs done`;
  return (
    <div className="sweep-progress">
      <progress aria-label="Sweep progress" max={Math.max(1, total)} value={done} />
      <span role="status">{text}</span>
      {status === 'running' && <button type="button" onClick={cancelSweep}>Cancel</button>}
    </div>
  );
}

function SweepResults() {
  const points = useSweep((s) => s.points);
  const view = useSweep((s) => s.view);
  const parameter = useSweep((s) => s.parameter);
  const job = useEditor((s) => s.job);
  const figure = useRef<HTMLElement>(null);
  const rows = chartRows(points);
  if (parameter === null || rows.length === 0) return null;
  const param = sweepParameters(job).find((p) => p.path === parameter);
  const current = param?.current;
  const modes = modesIn(points);
  const short = parameter.split('.').slice(-1)[0];
  const lines: [ChartMetric, string, 'left' | 'right', string | undefined][] =
    view === 'tradeoff'
      ? [
          ['completeness', 'completeness', 'left', undefined],
          ['latencyP50Ms', 'latency p50 (s)', 'right', '6 3'],
          ['latencyP95Ms', 'latency p95 (s)', 'right', '2 3'],
        ]
      : [
          ['lateRecords', 'late records', 'left', undefined],
          ['droppedLate', 'dropped late', 'left', '2 3'],
          ['stateRowsPeak', 'state rows (peak)', 'right', '6 3'],
        ];
  const clickable: ChartMetric = view === 'tradeoff' ? 'completeness' : 'lateRecords';
  const exportName = `sweep-${short}`;
  return (
    <div className="sweep-results">
      <div className="sweep-views" role="radiogroup" aria-label="Sweep view">
        {(
          [
            ['tradeoff', 'Completeness and latency'],
            ['state', 'Late records and state'],
          ] as [SweepView, string][]
        ).map(([v, text]) => (
          <label key={v}>
            <input type="radio" name="sweep-view" checked={view === v} onChange={() => useSweep.setState({ view: v })} /> {text}
          </label>
        ))}
      </div>
      <figure ref={figure} className="sweep-chart" role="figure" aria-label="Sweep chart">
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={rows} margin={{ top: 20, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#eef0f3" />
            <XAxis dataKey="value" type="number" domain={['dataMin', 'dataMax']} tick={{ fontSize: 11 }} label={{ value: `${short} (ms)`, position: 'insideBottom', offset: -2, fontSize: 11 }} height={36} />
            <YAxis yAxisId="left" tick={{ fontSize: 11 }} domain={view === 'tradeoff' ? [0, 1] : [0, 'auto']} width={44} />
            <YAxis yAxisId="right" orientation="right" tick={{ fontSize: 11 }} width={44} />
            {/* The tooltip must not take the clicks meant for the points it covers. */}
            <Tooltip isAnimationActive={false} wrapperStyle={{ pointerEvents: 'none' }} contentStyle={{ fontSize: 11, padding: '2px 6px' }} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {current !== undefined && <ReferenceLine yAxisId="left" x={current} stroke="#7b5cc4" strokeDasharray="4 2" label={{ value: `now ${current}`, fontSize: 11, fill: '#7b5cc4', position: 'top' }} />}
            {modes.flatMap((mode) =>
              lines.map(([metric, name, axis, dash]) => (
                <Line
                  key={seriesKey(metric, mode)}
                  yAxisId={axis}
                  dataKey={seriesKey(metric, mode)}
                  name={`${name}, ${MODE_NAMES[mode]}`}
                  stroke={COLORS[mode]}
                  strokeDasharray={dash}
                  strokeWidth={2}
                  isAnimationActive={false}
                  connectNulls
                  dot={metric === clickable ? (props: DotProps) => <PointDot key={`${mode}-${props.index}`} {...props} mode={mode} parameter={parameter} short={short} /> : false}
                />
              )),
            )}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <p className="muted sweep-hint">Click a point to put its value in the job (one undo step) and run it.</p>
      <div className="sweep-export">
        <button
          type="button"
          onClick={() => {
            const doc = currentDocument();
            if (doc) download(`${exportName}.csv`, new Blob([sweepCsv(doc)], { type: 'text/csv' }));
          }}
        >
          Export CSV
        </button>
        <button
          type="button"
          onClick={() => {
            const svg = svgOf(figure.current);
            if (svg) download(`${exportName}.svg`, new Blob([svg.text], { type: 'image/svg+xml' }));
          }}
        >
          Export SVG
        </button>
        <button
          type="button"
          onClick={() => {
            const svg = svgOf(figure.current);
            if (svg) void svgToPng(svg).then((png) => png && download(`${exportName}.png`, png));
          }}
        >
          Export PNG
        </button>
      </div>
    </div>
  );
}

type DotProps = { cx?: number; cy?: number; index?: number; payload?: { value: number }; value?: unknown };

function PointDot({ cx, cy, payload, value, mode, parameter, short }: DotProps & { mode: Mode; parameter: string; short: string }) {
  if (cx === undefined || cy === undefined || !payload || value === null || value === undefined) return null;
  const v = payload.value;
  const activate = () => applySweepValue(parameter, v);
  return (
    <circle
      cx={cx}
      cy={cy}
      r={5}
      fill={COLORS[mode]}
      stroke="#fff"
      strokeWidth={1.5}
      role="button"
      tabIndex={0}
      aria-label={`Use ${short} ${v} (${MODE_NAMES[mode]})`}
      style={{ cursor: 'pointer' }}
      onClick={activate}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          activate();
        }
      }}
    />
  );
}
