// Every record found late: where, when, against which watermark, and where it went (a side
// output, or dropped).
import { formatMs, formatWatermark } from '../lib/format.ts';
import { useEngineRun } from '../run/runStore.ts';

export function LateView() {
  const late = useEngineRun((s) => s.lateRecords);
  if (late.length === 0) return <p className="muted">No late records yet.</p>;
  const dropped = late.filter((r) => r.to === 'dropped').length;
  return (
    <>
      <p className="view-summary">
        {late.length} late: {late.length - dropped} to a side output, {dropped} dropped.
      </p>
      <table className="data-table">
        <thead>
          <tr><th scope="col">at</th><th scope="col">node</th><th scope="col">event time</th><th scope="col">watermark</th><th scope="col">record</th><th scope="col">went to</th></tr>
        </thead>
        <tbody>
          {late.slice(-200).reverse().map((r, i) => (
            <tr key={i} className={r.to === 'dropped' ? 'late-dropped' : 'late-side'}>
              <td>{formatMs(r.atMs)}</td>
              <td>{r.node}</td>
              <td>{typeof r.record.ts === 'number' ? formatMs(r.record.ts) : ''}</td>
              <td>{formatWatermark(r.watermarkMs)}</td>
              <td className="mono">{JSON.stringify(r.record)}</td>
              <td>{r.to === 'dropped' ? <s>dropped</s> : `side output "${r.to}"`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
