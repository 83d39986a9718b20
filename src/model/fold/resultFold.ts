// Folds facts into a streamlab.result/v1 document. The command line's result is nothing but this
// fold over the facts the engine reports; the app's telemetry (src/telemetry) folds the same facts
// through the same pieces (late.ts, visibility.ts, edges.ts), keeping more for display and never
// computing a shared number differently. A test checks the two against each other per scenario.
import type { Fact } from '../facts.ts';
import type { Mode } from '../schema.ts';
import type { Result, SinkWrite } from '../result.ts';
import { edgeKey } from './edges.ts';
import { lateEffect } from './late.ts';
import { txnKey, visibilityOf } from './visibility.ts';
import { nameMap } from '../rows.ts';

export type ResultFold = { add(fact: Fact): void; result(): Result };

export function createResultFold(mode: Mode, sinkIds: readonly string[]): ResultFold {
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
  /** Writes of each open sink transaction, to set their visibility when it ends. */
  const open = new Map<string, SinkWrite[]>();
  return {
    add(f) {
      switch (f.type) {
        case 'record.written': {
          const write = { ...f.write };
          (r.sinks[f.node] ??= []).push(write);
          if (write.txn !== undefined) {
            const k = txnKey(f.node, write.txn);
            const list = open.get(k);
            if (list) list.push(write);
            else open.set(k, [write]);
          }
          break;
        }
        case 'transaction.committed':
        case 'transaction.aborted': {
          const k = txnKey(f.node, f.txn);
          const outcome = { committed: f.type === 'transaction.committed', atMs: f.atMs };
          for (const w of open.get(k) ?? []) w.visibleAtMs = visibilityOf(w, outcome).visibleAtMs;
          open.delete(k);
          break;
        }
        case 'record.late': {
          const e = lateEffect(f);
          r.lateRecords.push(e.late);
          if (e.sideOutput) (r.sideOutputs[e.sideOutput.key] ??= []).push(e.sideOutput.entry);
          else r.droppedLate[f.node] = (r.droppedLate[f.node] ?? 0) + e.dropped;
          break;
        }
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
        case 'subtasks.sampled':
          r.subtasks = f.nodes;
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
          const k = edgeKey(f.from, f.fromPort, f.to);
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
