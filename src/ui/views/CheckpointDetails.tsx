// One checkpoint's details as Flink's Web UI shows them (Checkpoints → History → details): per
// operator in pipeline order, the end-to-end duration, start delay, alignment duration, sync and
// async duration, checkpointed size and, for unaligned checkpoints, the persisted in-flight data.
// The engine's state is rows, not bytes: sizes are given in rows and records.
import { useState } from 'react';
import type { CheckpointEntry } from '../../model/index.ts';
import { formatMs } from '../lib/format.ts';
import './batchProgress.css';

type Detail = {
  startDelayMs: number; alignmentMs: number; syncMs: number; stateRows: number; inflightRecords: number;
  endToEndMs?: number | null; asyncMs?: number | null;
};

const ms = (v: number | null | undefined) => (typeof v === 'number' ? formatMs(v) : '—');

export function CheckpointDetails({ checkpoints }: { checkpoints: readonly CheckpointEntry[] }) {
  const detailed = checkpoints.filter((c) => c.operators && typeof c.operators === 'object');
  const [chosen, setChosen] = useState<string | null>(null);
  if (detailed.length === 0) return null;
  const keyOf = (c: CheckpointEntry) => `${c.id}-${c.triggeredAtMs}`;
  const c = detailed.find((x) => keyOf(x) === chosen) ?? detailed[detailed.length - 1]!;
  const ops = Object.entries(c.operators as Record<string, Detail>);
  const unaligned = c.unaligned === true;
  return (
    <section className="cp-details" aria-label="Checkpoint details">
      <h4>
        Details of{' '}
        <select aria-label="Checkpoint" value={keyOf(c)} onChange={(e) => setChosen(e.target.value)}>
          {detailed.slice().reverse().map((x) => <option key={keyOf(x)} value={keyOf(x)}>{x.kind} {x.id}{x.unaligned === true ? ' (unaligned)' : ''}: {x.status}</option>)}
        </select>
        {c.completedAtMs !== null ? ` — end to end ${formatMs(c.completedAtMs - c.triggeredAtMs)}` : ''}
      </h4>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">operator</th><th scope="col">end to end</th><th scope="col">start delay</th><th scope="col">alignment</th>
            <th scope="col">sync</th><th scope="col">async</th><th scope="col">checkpointed size</th><th scope="col">persisted in-flight data</th>
          </tr>
        </thead>
        <tbody>
          {ops.map(([node, o]) => (
            <tr key={node}>
              <td>{node}</td><td>{ms(o.endToEndMs)}</td><td>{formatMs(o.startDelayMs)}</td><td>{formatMs(o.alignmentMs)}</td>
              <td>{formatMs(o.syncMs)}</td><td>{ms(o.asyncMs)}</td><td>{o.stateRows} rows</td>
              <td>{unaligned ? `${o.inflightRecords} records` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
