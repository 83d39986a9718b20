// Dataflow checkpoint timeline: one bar per checkpoint or savepoint from trigger to completion,
// failed ones in red, failures and restores marked; the table breaks each down per operator
// (start delay, alignment, sync part) with its async part and state size.
import type { CheckpointEntry } from '../../model/index.ts';
import { formatMs } from '../lib/format.ts';
import { DETAILED_CHECKPOINTS } from '../../telemetry/runFeed.ts';
import { useEditor } from '../editor/store.ts';
import { useEngineRun, useRun } from '../run/runStore.ts';
import { CheckpointDetails } from './CheckpointDetails.tsx';
import { failureMarks } from './marks.ts';
import { TimeTrack, TrackLegend } from './TimeTrack.tsx';
import type { LegendItem, TrackBar, TrackMark } from './TimeTrack.tsx';

type Ops = Record<string, { startDelayMs: number; alignmentMs: number; syncMs: number; stateRows: number }>;

export function CheckpointsView() {
  const checkpoints = useEngineRun((s) => s.checkpoints);
  const inFlight = useEngineRun((s) => s.checkpointsInFlight);
  const clockMs = useRun((s) => s.clockMs);
  const crashes = useEngineRun((s) => s.crashes);
  const failures = useEngineRun((s) => s.failures);
  const pending = Object.entries(inFlight);
  const externalized = useEditor((s) => s.job.settings.dataflow.checkpointing?.externalized ?? 'retain');
  if (checkpoints.length === 0 && pending.length === 0 && crashes.length === 0) {
    return <p className="muted">No checkpoints yet (dataflow mode, with checkpointing on in the job settings).</p>;
  }
  const bars: TrackBar[] = checkpoints.map((c) => ({
    key: `${c.id}-${c.triggeredAtMs}`, startMs: c.triggeredAtMs, endMs: c.completedAtMs ?? c.triggeredAtMs,
    className: `cp-${c.status} cp-${c.kind}`, title: `${c.kind} ${c.id} ${c.status}`,
  }));
  for (const [id, p] of pending) bars.push({ key: `p${id}`, startMs: p.triggeredAtMs, endMs: clockMs, className: 'running', title: `${p.kind} ${id} in progress` });
  const marks = failureMarks(crashes, failures);
  return (
    <div>
      <TimeTrack label="Checkpoints" endMs={clockMs} bars={bars} marks={marks} />
      <TrackLegend label="Checkpoints" items={checkpointLegend(bars, marks)} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">id</th><th scope="col">kind</th><th scope="col">triggered</th><th scope="col">took</th><th scope="col">status</th><th scope="col">survives a cancel</th>
            <th scope="col">per operator: start delay / alignment / sync</th><th scope="col">async</th><th scope="col">state rows</th>
          </tr>
        </thead>
        <tbody>
          {checkpoints.slice(-DETAILED_CHECKPOINTS).reverse().map((c, i) => <CheckpointRow key={`${c.id}-${i}`} c={c} survives={survivesCancel(c, checkpoints, externalized)} />)}
        </tbody>
      </table>
      <CheckpointDetails checkpoints={checkpoints} />
    </div>
  );
}

function CheckpointRow({ c, survives }: { c: CheckpointEntry; survives: string }) {
  const ops = (c.operators ?? {}) as Ops;
  return (
    <tr className={`cp-row-${c.status}`}>
      <td>{c.id}</td>
      <td>{c.kind}</td>
      <td>{formatMs(c.triggeredAtMs)}</td>
      <td>{c.completedAtMs === null ? '' : formatMs(c.completedAtMs - c.triggeredAtMs)}</td>
      <td>{c.status}{typeof c.reason === 'string' ? `: ${c.reason}` : ''}</td>
      <td>{survives}</td>
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

const legendOrder: [shape: 'bar' | 'mark', className: string, text: string, color: string][] = [
  ['bar', 'cp-completed cp-checkpoint', 'checkpoint, from trigger to completion', 'var(--accent)'],
  ['bar', 'cp-completed cp-savepoint', 'savepoint', '#7b5cc4'],
  ['bar', 'cp-failed', 'failed checkpoint', 'var(--error)'],
  ['bar', 'running', 'in progress', 'repeating-linear-gradient(45deg, var(--accent), var(--accent) 4px, #7aa2f7 4px, #7aa2f7 8px)'],
  ['mark', 'mark-failure', 'crash: the job failed here', 'var(--error)'],
  ['mark', 'mark-restore', 'restore: the job resumed from its last completed checkpoint (or from the start)', 'var(--ok)'],
];

/** The legend of what is on the strip now. */
export function checkpointLegend(bars: readonly TrackBar[], marks: readonly TrackMark[]): LegendItem[] {
  const has = (shape: 'bar' | 'mark', cls: string) => {
    const wanted = cls.split(' ');
    return (shape === 'bar' ? bars : marks).some((x) => wanted.every((c) => (x.className ?? '').split(' ').includes(c)));
  };
  return legendOrder.filter(([shape, cls]) => has(shape, cls)).map(([shape, className, text, color]) => ({ shape, className, text, color }));
}

/**
 * Whether a cancel leaves this entry behind: a savepoint always (it belongs to the user); a
 * checkpoint only with externalized `retain`, and then only the latest completed one (Flink keeps
 * `state.checkpoints.num-retained`, default 1, and subsumes older ones).
 */
export function survivesCancel(c: CheckpointEntry, all: readonly CheckpointEntry[], externalized: string): string {
  if (c.status !== 'completed') return 'no';
  if (c.kind === 'savepoint') return 'yes (savepoint)';
  if (externalized !== 'retain') return 'no (externalized: delete)';
  const latest = [...all].reverse().find((x) => x.kind === 'checkpoint' && x.status === 'completed');
  return latest === c ? 'yes (retained)' : 'no (subsumed)';
}
