// Sinks and their delivery guarantees in Flink (spec §2.11–2.12). A transactional sink (Kafka with
// DeliveryGuarantee.EXACTLY_ONCE) writes everything between two checkpoints into one transaction,
// pre-commits it at the barrier and commits it when the checkpoint completes; a read-committed
// reader sees the records only then. After a failure, transactions recorded in the restored
// checkpoint are committed again and later ones are aborted. An at-least-once sink's writes are
// visible at once — and written again when the job replays after a failure.
import type { RuntimeContext } from '../kernel/context.ts';
import type { Row } from '../../model/index.ts';

export type SinkRegistry = {
  write(nodeId: string, row: Row, replayed: boolean): void;
  preCommit(nodeId: string, checkpointId: number): void;
  /** notifyCheckpointComplete: commits every pre-committed transaction up to the checkpoint. */
  checkpointCompleted(checkpointId: number): void;
  /** A restart from `checkpointId` (null: from scratch). */
  restored(checkpointId: number | null): void;
  /** End of input: Flink takes a final checkpoint and commits what is left. */
  finished(): void;
};

type SinkState = { transactional: boolean; open: number; preCommitted: Map<number, number> };

export function createSinkRegistry(ctx: RuntimeContext): SinkRegistry {
  const checkpointing = ctx.plan.job.settings.dataflow.checkpointing !== undefined;
  let nextTxn = 1;
  const sinks = new Map<string, SinkState>();
  for (const p of ctx.plan.nodes) {
    if (p.node.kind !== 'sink') continue;
    const transactional = p.node.params.delivery === 'exactly-once' && p.node.params.connector !== 'console';
    sinks.set(p.id, { transactional, open: nextTxn++, preCommitted: new Map() });
    if (p.node.params.delivery === 'exactly-once' && p.node.params.connector === 'console') {
      ctx.emit({ type: 'note.added', atMs: 0, node: p.id, message: 'a console sink cannot be exactly-once: it prints at once and again after a replay (treated as at-least-once)' });
    }
    if (transactional && !checkpointing) {
      ctx.emit({ type: 'note.added', atMs: 0, node: p.id, message: 'an exactly-once sink commits only on checkpoints: with checkpointing off its records become visible only when the input ends' });
    }
  }
  const commit = (nodeId: string, txn: number) => ctx.emit({ type: 'transaction.committed', atMs: ctx.nowMs(), node: nodeId, txn });
  const abort = (nodeId: string, txn: number) => ctx.emit({ type: 'transaction.aborted', atMs: ctx.nowMs(), node: nodeId, txn });
  return {
    write(nodeId, row, replayed) {
      const s = sinks.get(nodeId)!;
      const atMs = ctx.nowMs();
      const write = s.transactional
        ? { record: row, atMs, visibleAtMs: null, txn: s.open }
        : { record: row, atMs, visibleAtMs: atMs };
      ctx.emit({ type: 'record.written', atMs, node: nodeId, write: replayed ? { ...write, replayed } : write });
    },
    preCommit(nodeId, checkpointId) {
      const s = sinks.get(nodeId)!;
      // One transaction per sink node here, pre-committed by its first subtask's barrier (a sink with
      // p > 1 subtasks in Flink has one per subtask): what the others write until their barrier joins
      // the next transaction.
      if (!s.transactional || s.preCommitted.has(checkpointId)) return;
      s.preCommitted.set(checkpointId, s.open);
      ctx.emit({ type: 'transaction.precommitted', atMs: ctx.nowMs(), node: nodeId, txn: s.open, checkpointId });
      s.open = nextTxn++;
    },
    checkpointCompleted(checkpointId) {
      for (const [nodeId, s] of sinks) {
        for (const [cp, txn] of [...s.preCommitted]) {
          if (cp > checkpointId) continue;
          commit(nodeId, txn);
          s.preCommitted.delete(cp);
        }
      }
    },
    restored(checkpointId) {
      for (const [nodeId, s] of sinks) {
        if (!s.transactional) continue;
        for (const [cp, txn] of [...s.preCommitted].sort((a, b) => a[0] - b[0])) {
          if (checkpointId !== null && cp <= checkpointId) commit(nodeId, txn);
          else abort(nodeId, txn);
        }
        s.preCommitted.clear();
        abort(nodeId, s.open);
        s.open = nextTxn++;
      }
    },
    finished() {
      for (const [nodeId, s] of sinks) {
        if (!s.transactional) continue;
        for (const txn of [...s.preCommitted.values()]) commit(nodeId, txn);
        s.preCommitted.clear();
        commit(nodeId, s.open);
        s.open = nextTxn++;
      }
    },
  };
}
