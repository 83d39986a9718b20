// When a read-committed reader sees a sink write. A non-transactional write is visible when it is
// written (or never, if the engine said so); a transactional one when its transaction commits,
// never if it aborts, and not yet while it is open. The command line's result and the app's sink
// table both ask this, over the transaction outcomes their folds keep.
import type { SinkWrite } from '../result.ts';

/** What became of a sink transaction: committed (visible to read-committed readers) or aborted. */
export type TxnOutcome = { committed: boolean; atMs: number };

export type Visibility = 'visible' | 'committed' | 'pending' | 'aborted';

export function visibilityOf(w: SinkWrite, outcome: TxnOutcome | undefined): { state: Visibility; visibleAtMs: number | null } {
  if (w.txn === undefined) return w.visibleAtMs === null ? { state: 'aborted', visibleAtMs: null } : { state: 'visible', visibleAtMs: w.visibleAtMs };
  if (!outcome) return { state: 'pending', visibleAtMs: null };
  return outcome.committed ? { state: 'committed', visibleAtMs: outcome.atMs } : { state: 'aborted', visibleAtMs: null };
}

/** A transaction's key in a fold's ledger. */
export const txnKey = (sink: string, txn: number): string => `${sink}:${txn}`;
