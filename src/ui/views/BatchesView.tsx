// Micro-batch timeline: one bar per batch along processing time (grey when it read nothing), with
// failures and restarts marked, and the batches in a table with the watermark each used.
import { formatMs, formatWatermark } from '../lib/format.ts';
import { useLane, useRun } from '../run/runStore.ts';
import { failureMarks } from './marks.ts';
import { TimeTrack } from './TimeTrack.tsx';
import type { TrackBar } from './TimeTrack.tsx';

export function BatchesView() {
  const batches = useLane((s) => s.batches);
  const current = useLane((s) => s.currentBatch);
  const clockMs = useRun((s) => s.clockMs);
  const crashes = useLane((s) => s.crashes);
  const failures = useLane((s) => s.failures);
  if (batches.length === 0 && !current) return <p className="muted">No batches yet (batches appear in micro-batch mode).</p>;
  const bars: TrackBar[] = batches.map((b) => ({
    key: b.batchId, startMs: b.startMs, endMs: b.endMs, className: b.inputRecords === 0 ? 'no-data' : undefined,
    title: `batch ${b.batchId}: ${b.inputRecords} records, watermark ${formatWatermark(b.watermarkMs)}, ${formatMs(b.startMs)} → ${formatMs(b.endMs)}`,
  }));
  if (current) bars.push({ key: 'running', startMs: current.atMs, endMs: clockMs, className: 'running', title: `batch ${current.batchId} running` });
  return (
    <div className="batches">
      <TimeTrack label="Batches" endMs={Math.max(clockMs, batches[batches.length - 1]?.endMs ?? 0)} bars={bars} marks={failureMarks(crashes, failures)} />
      <table className="data-table">
        <thead>
          <tr><th scope="col">batch</th><th scope="col">start</th><th scope="col">end</th><th scope="col">records</th><th scope="col">watermark used</th></tr>
        </thead>
        <tbody>
          {batches.slice(-100).reverse().map((b, i) => (
            <tr key={`${b.batchId}-${i}`}>
              <td>{b.batchId}</td><td>{formatMs(b.startMs)}</td><td>{formatMs(b.endMs)}</td><td>{b.inputRecords}</td><td>{formatWatermark(b.watermarkMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
