// What each sink wrote, newest first; records written more than once are highlighted.
import { useMemo, useState } from 'react';
import type { SinkWrite } from '../../engine/index.ts';
import { useEditor } from '../editor/store.ts';
import { formatMs } from '../lib/format.ts';
import { useLane } from '../run/runStore.ts';

const SHOWN = 200;

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

function SinkTable({ id }: { id: string }) {
  const writes = useLane((s) => s.sinks[id]);
  const { rows, columns, dupes } = useMemo(() => tabulate(writes ?? []), [writes]);
  if (rows.length === 0) return <p className="muted">Nothing written to {id} yet.</p>;
  return (
    <table className="data-table">
      <caption className="sr-only">Records written to {id}, newest first</caption>
      <thead>
        <tr>
          <th scope="col">written at</th>
          {columns.map((c) => <th scope="col" key={c}>{c}</th>)}
          <th scope="col">batch</th>
          <th scope="col">visible</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ w, sig }, i) => (
          <tr key={i} className={dupes.has(sig) ? 'dup' : undefined} title={dupes.has(sig) ? 'duplicate: this record was written more than once' : undefined}>
            <td>{formatMs(w.atMs)}</td>
            {columns.map((c) => <td key={c}>{cell(c, w.record[c])}</td>)}
            <td>{w.batchId ?? ''}</td>
            <td>{w.visibleAtMs === null ? 'never (aborted)' : w.visibleAtMs === w.atMs ? 'now' : formatMs(w.visibleAtMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function tabulate(writes: readonly SinkWrite[]) {
  const counts = new Map<string, number>();
  const sigs = writes.map((w) => {
    const sig = JSON.stringify(w.record);
    counts.set(sig, (counts.get(sig) ?? 0) + 1);
    return sig;
  });
  const dupes = new Set([...counts].filter(([, n]) => n > 1).map(([s]) => s));
  const recent = writes.slice(-SHOWN).map((w, i) => ({ w, sig: sigs[writes.length - Math.min(writes.length, SHOWN) + i]! })).reverse();
  const columns: string[] = [];
  for (const { w } of recent) for (const k of Object.keys(w.record)) if (!columns.includes(k)) columns.push(k);
  return { rows: recent, columns, dupes };
}

const timeColumns = new Set(['ts', 'windowStart', 'windowEnd']);

function cell(column: string, v: unknown): string {
  if (v === undefined) return '';
  if (timeColumns.has(column) && typeof v === 'number') return formatMs(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}
