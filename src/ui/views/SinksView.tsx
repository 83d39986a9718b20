// What each sink wrote, newest first; records written more than once are highlighted. A
// transactional sink (Flink's exactly-once Kafka sink) shows which rows a read-committed reader
// sees: committed ones, the ones still waiting for their transaction to commit, and the aborted
// ones struck out.
import { useMemo, useState } from 'react';
import { useEditor } from '../editor/store.ts';
import { formatMs } from '../lib/format.ts';
import type { TxnOutcome } from '../../telemetry/reduceFacts.ts';
import { useEngineRun } from '../run/runStore.ts';
import { tabulate, visibility } from './sinkRows.ts';

export function SinksView() {
  const sinkIds = useEditor((s) => s.job.nodes.filter((n) => n.kind === 'sink').map((n) => n.id).join('\n'));
  const ids = sinkIds ? sinkIds.split('\n') : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const current = chosen && ids.includes(chosen) ? chosen : (ids[0] ?? null);
  if (!current) return <p className="muted">The job has no sink.</p>;
  return (
    <div className="sinks">
      {ids.length > 1 && (
        <div className="segmented" role="group" aria-label="Sink">
          {ids.map((id) => (
            <button key={id} type="button" aria-pressed={id === current} onClick={() => setChosen(id)}>{id}</button>
          ))}
        </div>
      )}
      <SinkTable id={current} />
    </div>
  );
}

const noTxns: Record<number, TxnOutcome> = {};

function SinkTable({ id }: { id: string }) {
  const writes = useEngineRun((s) => s.sinks[id]);
  const txns = useEngineRun((s) => s.txns[id] ?? noTxns);
  const { rows, columns, dupes, tally } = useMemo(() => tabulate(writes ?? [], txns), [writes, txns]);
  if (rows.length === 0) return <p className="muted">Nothing written to {id} yet.</p>;
  const batched = rows.some((r) => r.w.batchId !== undefined);
  return (
    <>
      {tally && (
        <p className="view-summary">
          Transactional: <strong>{tally.committed}</strong> visible to read-committed readers, <strong>{tally.pending}</strong> not yet visible
          (their transaction commits with the next checkpoint){tally.aborted > 0 && <>, <strong>{tally.aborted}</strong> aborted (never visible)</>}.
        </p>
      )}
      <table className="data-table">
        <caption className="sr-only">Records written to {id}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">written at</th>
            {columns.map((c) => <th scope="col" key={c}>{c}</th>)}
            {batched && <th scope="col">batch</th>}
            {tally && <th scope="col">transaction</th>}
            <th scope="col">visible</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ w, sig, state }, i) => (
            <tr key={i} className={[dupes.has(sig) && state !== 'aborted' ? 'dup' : '', `txn-${state}`].join(' ')}
              title={state === 'aborted' ? 'aborted: a read-committed reader never sees this record' : dupes.has(sig) ? 'duplicate: this record was written more than once' : undefined}>
              <td>{formatMs(w.atMs)}</td>
              {columns.map((c) => <td key={c}>{state === 'aborted' ? <s>{cell(c, w.record[c])}</s> : cell(c, w.record[c])}</td>)}
              {batched && <td>{w.batchId ?? ''}</td>}
              {tally && <td>{w.txn ?? ''}</td>}
              <td>{visibility(w, state, txns)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const timeColumns = new Set(['ts', 'windowStart', 'windowEnd']);

function cell(column: string, v: unknown): string {
  if (v === undefined) return '';
  if (timeColumns.has(column) && typeof v === 'number') return formatMs(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}
