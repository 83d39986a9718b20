// Spark's progress as its Structured Streaming UI shows it (issue 13): a batch-duration chart, the
// input rate against the process rate (`inputRowsPerSecond` / `processedRowsPerSecond`), and for
// one batch its `durationMs` phases and each stateful operator's state rows and rows dropped by
// the watermark. Small SVG charts rather than recharts: they redraw cheaply at every batch.
import { useState } from 'react';
import type { BatchEntry } from '../../model/index.ts';
import { formatMs } from '../lib/format.ts';
import '../nodes/machinery.css';
import './batchProgress.css';

/** Batches drawn in the charts at most (the latest). */
const CHART_BATCHES = 80;

export const PHASES = ['latestOffset', 'getBatch', 'queryPlanning', 'walCommit', 'addBatch', 'commitOffsets'] as const;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const phasesOf = (b: BatchEntry): Record<string, number> => (b.durationMs && typeof b.durationMs === 'object' ? (b.durationMs as Record<string, number>) : {});

export type StateOp = { node: string; operatorName: string; numRowsTotal: number; numRowsDroppedByWatermark?: number; stateStoreVersion: number };
export const stateOpsOf = (b: BatchEntry): StateOp[] => (Array.isArray(b.stateOperators) ? (b.stateOperators as StateOp[]) : []);

const W = 360;
const H = 110;
const PAD = 26;

export function BatchDurationChart({ batches }: { batches: readonly BatchEntry[] }) {
  const shown = batches.slice(-CHART_BATCHES);
  if (shown.length === 0) return null;
  const max = Math.max(1, ...shown.map((b) => b.endMs - b.startMs));
  const bw = (W - PAD) / shown.length;
  return (
    <figure className="bp-chart">
      <figcaption>Batch duration</figcaption>
      <svg role="img" aria-label="Batch duration chart" viewBox={`0 0 ${W} ${H}`} width={W} height={H}>
        <text x={2} y={10} className="bp-axis">{formatMs(max)}</text>
        <line x1={PAD} y1={H - 14} x2={W} y2={H - 14} className="bp-base" />
        {shown.map((b, i) => {
          const d = b.endMs - b.startMs;
          const h = ((H - 26) * d) / max;
          return (
            <rect key={`${b.batchId}-${b.startMs}`} x={PAD + i * bw + 0.5} y={H - 14 - h} width={Math.max(1, bw - 1)} height={h}
              className={b.status === 'failed' ? 'bp-bar is-failed' : b.replayed === true ? 'bp-bar is-rerun' : 'bp-bar'}>
              <title>{`batch ${b.batchId}${b.status === 'failed' ? ' (failed attempt)' : ''}: ${formatMs(d)}`}</title>
            </rect>
          );
        })}
        <text x={PAD} y={H - 2} className="bp-axis">batch {shown[0]!.batchId}</text>
        <text x={W} y={H - 2} className="bp-axis" textAnchor="end">batch {shown[shown.length - 1]!.batchId}</text>
      </svg>
    </figure>
  );
}

export function RatesChart({ batches }: { batches: readonly BatchEntry[] }) {
  const shown = batches.filter((b) => b.status !== 'failed').slice(-CHART_BATCHES);
  if (shown.length < 2) return null;
  const input = shown.map((b) => num(b.inputRowsPerSecond));
  const processed = shown.map((b) => num(b.processedRowsPerSecond));
  const max = Math.max(1, ...input.map((v) => v ?? 0), ...processed.map((v) => v ?? 0));
  const x = (i: number) => PAD + ((W - PAD) * i) / (shown.length - 1);
  const y = (v: number) => H - 14 - ((H - 26) * v) / max;
  const line = (vs: (number | null)[]) => vs.map((v, i) => (v === null ? '' : `${x(i)},${y(v)}`)).filter(Boolean).join(' ');
  return (
    <figure className="bp-chart">
      <figcaption>
        <span className="bp-key is-input">input rows/s</span> vs <span className="bp-key is-process">processed rows/s</span>
      </figcaption>
      <svg role="img" aria-label="Input and process rate chart" viewBox={`0 0 ${W} ${H}`} width={W} height={H}>
        <text x={2} y={10} className="bp-axis">{Math.round(max)}/s</text>
        <line x1={PAD} y1={H - 14} x2={W} y2={H - 14} className="bp-base" />
        <polyline points={line(input)} className="bp-line is-input" />
        <polyline points={line(processed)} className="bp-line is-process" />
      </svg>
    </figure>
  );
}

/** One batch's progress: its durationMs phases and its stateful operators. */
export function BatchDetails({ batches }: { batches: readonly BatchEntry[] }) {
  const done = batches.filter((b) => b.status !== 'failed');
  const [chosen, setChosen] = useState<number | null>(null);
  if (done.length === 0) return null;
  const batch = done.find((b) => b.batchId === chosen) ?? done[done.length - 1]!;
  const phases = phasesOf(batch);
  const total = num(phases.triggerExecution) ?? Math.max(1, batch.endMs - batch.startMs);
  const ops = stateOpsOf(batch);
  return (
    <section className="bp-details" aria-label="Batch progress">
      <label>
        Progress of batch{' '}
        <select aria-label="Batch" value={batch.batchId} onChange={(e) => setChosen(Number(e.target.value))}>
          {done.slice(-100).map((b) => <option key={`${b.batchId}-${b.startMs}`} value={b.batchId}>{b.batchId}</option>)}
        </select>
      </label>
      <div className="bp-phases" role="img" aria-label={`durationMs of batch ${batch.batchId}: ${PHASES.map((p) => `${p} ${phases[p] ?? 0} ms`).join(', ')}, triggerExecution ${total} ms`}>
        {PHASES.map((p) => (
          <span key={p} className={`bp-phase ph-${p}`} style={{ width: `${(100 * (phases[p] ?? 0)) / Math.max(1, total)}%` }} title={`${p}: ${phases[p] ?? 0} ms`} />
        ))}
      </div>
      <table className="data-table">
        <caption className="sr-only">durationMs phases</caption>
        <thead><tr>{PHASES.map((p) => <th key={p} scope="col" className={`ph-head ph-${p}`}>{p}</th>)}<th scope="col">triggerExecution</th></tr></thead>
        <tbody><tr>{PHASES.map((p) => <td key={p}>{phases[p] ?? 0} ms</td>)}<td>{total} ms</td></tr></tbody>
      </table>
      {ops.length > 0 && (
        <table className="data-table">
          <caption className="sr-only">state operators</caption>
          <thead><tr><th scope="col">stateful operator</th><th scope="col">numRowsTotal (state rows)</th><th scope="col">numRowsDroppedByWatermark</th><th scope="col">state store version</th></tr></thead>
          <tbody>
            {ops.map((o) => (
              <tr key={o.node}><td>{o.node} ({o.operatorName})</td><td>{o.numRowsTotal}</td><td>{o.numRowsDroppedByWatermark ?? 0}</td><td>{o.stateStoreVersion}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
