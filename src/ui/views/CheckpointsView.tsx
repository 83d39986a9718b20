// Dataflow checkpoint timeline: one bar per checkpoint or savepoint from trigger to completion,
// failed ones in red, failures and restores marked; the table breaks each down per operator
// (start delay, alignment, sync part) with its async part and state size.
import type { CheckpointEntry } from '../../engine/index.ts';
import { formatMs } from '../lib/format.ts';
import { DETAILED_CHECKPOINTS } from '../../telemetry/laneFeed.ts';
import { useLane, useRun } from '../run/runStore.ts';
import { CheckpointDetails } from './CheckpointDetails.tsx';
import { failureMarks } from './marks.ts';
import { TimeTrack } from './TimeTrack.tsx';
import type { TrackBar } from './TimeTrack.tsx';

type Ops = Record<string, { startDelayMs: number; alignmentMs: number; syncMs: number; stateRows: number }>;

export function CheckpointsView() {
  const checkpoints = useLane((s) => s.checkpoints);
  const inFlight = useLane((s) => s.checkpointsInFlight);
  const clockMs = useRun((s) => s.clockMs);
  const crashes = useLane((s) => s.crashes);
  const failures = useLane((s) => s.failures);
  const pending = Object.entries(inFlight);
  if (checkpoints.length === 0 && pending.length === 0 && crashes.length === 0) {
    return <p className="muted">No checkpoints yet (dataflow mode, with checkpointing on in the job settings).</p>;
  }
  const bars: TrackBar[] = checkpoints.map((c) => ({
    key: `${c.id}-${c.triggeredAtMs}`, startMs: c.triggeredAtMs, endMs: c.completedAtMs ?? c.triggeredAtMs,
    className: `cp-${c.status} cp-${c.kind}`, title: `${c.kind} ${c.id} ${c.status}`,
  }));
  for (const [id, p] of pending) bars.push({ key: `p${id}`, startMs: p.triggeredAtMs, endMs: clockMs, className: 'running', title: `${p.kind} ${id} in progress` });
  return (
    <div>
      <TimeTrack label="Checkpoints" endMs={clockMs} bars={bars} marks={failureMarks(crashes, failures)} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">id</th><th scope="col">kind</th><th scope="col">triggered</th><th scope="col">took</th><th scope="col">status</th>
            <th scope="col">per operator: start delay / alignment / sync</th><th scope="col">async</th><th scope="col">state rows</th>
          </tr>
        </thead>
        <tbody>
          {checkpoints.slice(-DETAILED_CHECKPOINTS).reverse().map((c, i) => <CheckpointRow key={`${c.id}-${i}`} c={c} />)}
        </tbody>
      </table>
      <CheckpointDetails checkpoints={checkpoints} />
    </div>
  );
}

function CheckpointRow({ c }: { c: CheckpointEntry }) {
  const ops = (c.operators ?? {}) as Ops;
  return (
    <tr className={`cp-row-${c.status}`}>
      <td>{c.id}</td>
      <td>{c.kind}</td>
      <td>{formatMs(c.triggeredAtMs)}</td>
      <td>{c.completedAtMs === null ? '' : formatMs(c.completedAtMs - c.triggeredAtMs)}</td>
      <td>{c.status}{typeof c.reason === 'string' ? `: ${c.reason}` : ''}</td>
      <td className="cp-ops">
        {Object.entries(ops).map(([node, o]) => (
          <span key={node}>{node} {formatMs(o.startDelayMs)} / {formatMs(o.alignmentMs)} / {formatMs(o.syncMs)}</span>
        ))}
      </td>
      <td>{typeof c.asyncMs === 'number' ? formatMs(c.asyncMs) : ''}</td>
      <td>{typeof c.stateRows === 'number' ? c.stateRows : ''}</td>
    </tr>
  );
}
