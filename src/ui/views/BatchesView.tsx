// Micro-batch timeline: one bar per batch along processing time, with its input and watermark.
import { formatMs, formatWatermark } from '../lib/format.ts';
import { useRun } from '../run/runStore.ts';

export function BatchesView() {
  const batches = useRun((s) => s.batches);
  const current = useRun((s) => s.currentBatch);
  const clockMs = useRun((s) => s.clockMs);
  if (batches.length === 0 && !current) return <p className="muted">No batches yet (batches appear in micro-batch mode).</p>;
  const endMs = Math.max(clockMs, batches[batches.length - 1]?.endMs ?? 0, 1);
  const pct = (ms: number) => `${(100 * ms) / endMs}%`;
  return (
    <div className="batches">
      <div className="batch-track" role="list" aria-label="Batches">
        {batches.map((b) => (
          <div role="listitem" key={b.batchId} className={`batch-bar ${b.inputRecords === 0 ? 'no-data' : ''}`}
            style={{ left: pct(b.startMs), width: `max(3px, ${pct(b.endMs - b.startMs)})` }}
            title={`batch ${b.batchId}: ${b.inputRecords} records, watermark ${formatWatermark(b.watermarkMs)}, ${formatMs(b.startMs)} → ${formatMs(b.endMs)}`}>
            <span className="sr-only">batch {b.batchId}</span>
          </div>
        ))}
        {current && <div className="batch-bar running" style={{ left: pct(current.atMs), width: `max(3px, ${pct(clockMs - current.atMs)})` }} />}
      </div>
      <table className="data-table">
        <thead>
          <tr><th scope="col">batch</th><th scope="col">start</th><th scope="col">end</th><th scope="col">records</th><th scope="col">watermark used</th></tr>
        </thead>
        <tbody>
          {batches.slice(-100).reverse().map((b) => (
            <tr key={b.batchId}>
              <td>{b.batchId}</td><td>{formatMs(b.startMs)}</td><td>{formatMs(b.endMs)}</td><td>{b.inputRecords}</td><td>{formatWatermark(b.watermarkMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
