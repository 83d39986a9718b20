// Micro-batch timeline: one bar per batch along processing time (grey when it read nothing; a
// failed attempt hatched red, its re-run teal), failures and restarts marked with a legend; Spark's
// progress charts (batch duration, input vs process rate) and one batch's phases and state
// operators; and the batches in a table, failed attempts as rows of their own beside their re-run.
import type { BatchEntry } from '../../model/index.ts';
import { formatMs, formatWatermark } from '../lib/format.ts';
import { useEngineRun, useRun } from '../run/runStore.ts';
import { BatchDetails, BatchDurationChart, RatesChart, stateOpsOf } from './BatchProgress.tsx';
import { failureMarks } from './marks.ts';
import { TimelineLegend } from './TimelineLegend.tsx';
import { TimeTrack } from './TimeTrack.tsx';
import type { TrackBar } from './TimeTrack.tsx';

const attemptOf = (b: BatchEntry) => (b.status === 'failed' ? 'failed' : b.replayed === true ? 're-run' : 'ok');
const rate = (v: unknown) => (typeof v === 'number' ? String(v) : '—');

export function BatchesView() {
  const committed = useEngineRun((s) => s.batches);
  const failed = useEngineRun((s) => s.machinery.failedBatches);
  const current = useEngineRun((s) => s.currentBatch);
  const clockMs = useRun((s) => s.clockMs);
  const crashes = useEngineRun((s) => s.crashes);
  const failures = useEngineRun((s) => s.failures);
  if (committed.length === 0 && failed.length === 0 && !current) return <p className="muted">No batches yet (batches appear in micro-batch mode).</p>;
  // Every attempt in the order it started: a failed attempt comes before its re-run.
  const batches = failed.length === 0 ? committed : [...committed, ...failed].sort((a, b) => a.startMs - b.startMs || a.batchId - b.batchId);
  const bars: TrackBar[] = batches.map((b) => ({
    key: `${b.batchId}-${b.startMs}`, startMs: b.startMs, endMs: b.endMs,
    className: b.status === 'failed' ? 'batch-failed' : b.replayed === true ? 'batch-rerun' : b.inputRecords === 0 ? 'no-data' : undefined,
    title: `batch ${b.batchId}${b.status === 'failed' ? ' (failed attempt)' : b.replayed === true ? ' (re-run)' : ''}: ${b.inputRecords} records, watermark ${formatWatermark(b.watermarkMs)}, ${formatMs(b.startMs)} → ${formatMs(b.endMs)}`,
  }));
  if (current) bars.push({ key: 'running', startMs: current.atMs, endMs: clockMs, className: 'running', title: `batch ${current.batchId} running` });
  return (
    <div className="batches">
      <TimeTrack label="Batches" endMs={Math.max(clockMs, batches[batches.length - 1]?.endMs ?? 0)} bars={bars} marks={failureMarks(crashes, failures)} />
      <TimelineLegend label="Batch timeline legend" entries={[{ className: 'is-failed', text: 'failed attempt' }, { className: 'is-rerun', text: 're-run (same batchId, offsets, watermark)' }]} />
      <div className="bp-charts">
        <BatchDurationChart batches={batches} />
        <RatesChart batches={committed} />
      </div>
      <BatchDetails batches={committed} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">batch</th><th scope="col">attempt</th><th scope="col">start</th><th scope="col">end</th><th scope="col">duration</th><th scope="col">records</th>
            <th scope="col">input rows/s</th><th scope="col">processed rows/s</th><th scope="col">watermark used</th><th scope="col">dropped by watermark</th><th scope="col">state rows</th>
          </tr>
        </thead>
        <tbody>
          {batches.slice(-100).reverse().map((b, i) => {
            const attempt = attemptOf(b);
            const ops = stateOpsOf(b);
            return (
              <tr key={`${b.batchId}-${i}`} className={attempt === 'failed' ? 'batch-failed' : attempt === 're-run' ? 'batch-rerun' : undefined} data-attempt={attempt}>
                <td>{b.batchId}</td><td>{attempt}</td><td>{formatMs(b.startMs)}</td><td>{formatMs(b.endMs)}</td><td>{formatMs(b.endMs - b.startMs)}</td><td>{b.inputRecords}</td>
                <td>{rate(b.inputRowsPerSecond)}</td><td>{rate(b.processedRowsPerSecond)}</td><td>{formatWatermark(b.watermarkMs)}</td>
                <td>{typeof b.numRowsDroppedByWatermark === 'number' ? b.numRowsDroppedByWatermark : '—'}</td>
                <td>{ops.length === 0 ? '—' : ops.map((o) => `${o.node} ${o.numRowsTotal}`).join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
