// A sink's rows for the table: what a read-committed reader sees of each (visible at once,
// committed with its transaction, not yet committed, aborted), and which are duplicates.
import type { SinkWrite } from '../../engine/index.ts';
import { formatMs } from '../lib/format.ts';
import type { TxnOutcome } from '../../telemetry/reduceFacts.ts';

export const SHOWN = 200;

export type RowState = 'visible' | 'committed' | 'pending' | 'aborted';

function stateOf(w: SinkWrite, txns: Record<number, TxnOutcome>): RowState {
  if (w.txn === undefined) return w.visibleAtMs === null ? 'aborted' : 'visible';
  const t = txns[w.txn];
  if (t) return t.committed ? 'committed' : 'aborted';
  return w.visibleAtMs === null ? 'pending' : 'committed';
}

export function visibility(w: SinkWrite, state: RowState, txns: Record<number, TxnOutcome>): string {
  switch (state) {
    case 'aborted': return 'never (aborted)';
    case 'pending': return 'not yet (uncommitted)';
    case 'committed': {
      const at = txns[w.txn!]?.atMs ?? w.visibleAtMs ?? w.atMs;
      return `at ${formatMs(at)} (commit)`;
    }
    default: return w.visibleAtMs === w.atMs ? 'now' : formatMs(w.visibleAtMs!);
  }
}

/** The newest SHOWN rows with their state, the duplicated signatures and, for a transactional sink, a tally. */
export function tabulate(writes: readonly SinkWrite[], txns: Record<number, TxnOutcome>) {
  const states = writes.map((w) => stateOf(w, txns));
  const counts = new Map<string, number>();
  const sigs = writes.map((w, i) => {
    const sig = JSON.stringify(w.record);
    // What a reader sees twice: aborted writes are not there to be seen.
    if (states[i] !== 'aborted') counts.set(sig, (counts.get(sig) ?? 0) + 1);
    return sig;
  });
  const dupes = new Set([...counts].filter(([, n]) => n > 1).map(([s]) => s));
  const from = writes.length - Math.min(writes.length, SHOWN);
  const recent = writes.slice(from).map((w, i) => ({ w, sig: sigs[from + i]!, state: states[from + i]! })).reverse();
  const columns: string[] = [];
  for (const { w } of recent) for (const k of Object.keys(w.record)) if (!columns.includes(k)) columns.push(k);
  const transactional = writes.some((w) => w.txn !== undefined);
  const tally = transactional
    ? { committed: states.filter((x) => x === 'committed').length, pending: states.filter((x) => x === 'pending').length, aborted: states.filter((x) => x === 'aborted').length }
    : null;
  return { rows: recent, columns, dupes, tally };
}

