// Folds facts into a streamlab.result/v1 document. The CLI's result is nothing but this fold over
// the same facts the UI animates, so the two can never disagree.
import type { Fact } from './facts.ts';
import type { Mode } from './job/schema.ts';
import type { Result, SinkWrite } from './result.ts';
import { nameMap } from './rows.ts';

export type ResultBuilder = { add(fact: Fact): void; result(): Result };

export function createResultBuilder(mode: Mode, sinkIds: readonly string[]): ResultBuilder {
  const r: Result = {
    format: 'streamlab.result/v1',
    mode,
    // Keyed by node ids and side-output names, which may be `__proto__` or `constructor`: no prototype.
    sinks: nameMap(),
    sideOutputs: nameMap(),
    lateRecords: [],
    droppedLate: nameMap(),
    watermarks: nameMap(),
    batches: [],
    checkpoints: [],
    failures: [],
    notes: [],
    metrics: {},
  };
  for (const id of sinkIds) r.sinks[id] = [];
  const edgeCounts: Record<string, number> = nameMap();
  /** Writes of each open sink transaction, to set their visibility when it commits. */
  const txns = new Map<string, SinkWrite[]>();
  return {
    add(f) {
      switch (f.type) {
        case 'record.written': {
          const write = { ...f.write };
          (r.sinks[f.node] ??= []).push(write);
          if (write.txn !== undefined) {
            const k = `${f.node}:${write.txn}`;
            const list = txns.get(k);
            if (list) list.push(write);
            else txns.set(k, [write]);
          }
          break;
        }
        case 'transaction.committed':
        case 'transaction.aborted': {
          const k = `${f.node}:${f.txn}`;
          for (const w of txns.get(k) ?? []) w.visibleAtMs = f.type === 'transaction.committed' ? f.atMs : null;
          txns.delete(k);
          break;
        }
        case 'record.late':
          r.lateRecords.push({ node: f.node, atMs: f.atMs, record: f.record, watermarkMs: f.watermarkMs, to: f.to });
          if (f.to === 'dropped') r.droppedLate[f.node] = (r.droppedLate[f.node] ?? 0) + (f.dropCount ?? 1);
          else (r.sideOutputs[`${f.node}:${f.to}`] ??= []).push({ record: f.record, atMs: f.atMs, watermarkMs: f.watermarkMs });
          break;
        case 'watermark.advanced':
          (r.watermarks[f.node] ??= []).push([f.atMs, f.watermarkMs]);
          break;
        case 'batch.completed':
          r.batches.push(f.batch);
          break;
        case 'checkpoint.completed':
        case 'checkpoint.failed':
          r.checkpoints.push(f.checkpoint);
          break;
        case 'job.restored':
          r.failures.push(f.failure);
          break;
        case 'node.warned': {
          const list = (r.warnings ??= []);
          const known = list.find((w) => w.node === f.node && w.kind === f.kind);
          if (known) Object.assign(known, { count: f.count, message: f.message });
          else list.push({ node: f.node, kind: f.kind, count: f.count, message: f.message });
          break;
        }
        case 'run.limitReached':
          r.limitReached = { atMs: f.atMs, limit: f.limit, message: f.message };
          break;
        case 'note.added':
          if (!r.notes.some((n) => n.node === f.node && n.message === f.message)) r.notes.push({ node: f.node, message: f.message });
          break;
        case 'metrics.sampled': {
          const ops = (r.metrics.operators ??= nameMap()) as Record<string, unknown[]>;
          for (const [node, sample] of Object.entries(f.operators)) (ops[node] ??= []).push({ atMs: f.atMs, ...sample });
          const lag = (r.metrics.sourceLag ??= nameMap()) as Record<string, [number, number][]>;
          for (const [node, n] of Object.entries(f.sourceLag)) (lag[node] ??= []).push([f.atMs, n]);
          const maxQueued = (r.metrics.maxQueuedPerEdge ??= nameMap()) as Record<string, number>;
          for (const [edge, q] of Object.entries(f.edges)) maxQueued[edge] = Math.max(maxQueued[edge] ?? 0, q.queued);
          break;
        }
        case 'record.emitted': {
          const k = `${f.from}->${f.to}${f.fromPort === 'late' ? ':late' : ''}`;
          edgeCounts[k] = (edgeCounts[k] ?? 0) + f.count;
          break;
        }
        default:
          break;
      }
    },
    result() {
      r.metrics = { ...r.metrics, recordsPerEdge: Object.assign(nameMap<number>(), edgeCounts) };
      return r;
    },
  };
}
