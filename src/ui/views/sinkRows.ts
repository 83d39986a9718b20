// A sink's rows for the table: what a read-committed reader sees of each (visible at once,
// committed with its transaction, not yet committed, aborted), and which are duplicates.
import { visibilityOf } from '../../model/index.ts';
import type { SinkWrite, TxnOutcome, Visibility } from '../../model/index.ts';
import { formatMs } from '../lib/format.ts';

export const SHOWN = 200;

export type RowState = Visibility;

/** The model's answer (the command line's result sets `visibleAtMs` from the same function). */
const stateOf = (w: SinkWrite, txns: Record<number, TxnOutcome>): RowState => visibilityOf(w, w.txn === undefined ? undefined : txns[w.txn]).state;

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

