// The sweep's metrics (job-format.md, "Settings sweep") as one fold over the engine's facts: the
// command line and the app's sweep workers both feed a run's facts through `createSweepMetrics`, so
// the two cannot disagree and nothing re-derives them from a result document.
//
// What each metric reads:
// - completeness: `record.emitted` into window nodes (records that reach a window operator) against
//   the `inputCount` of each window's first result that is not early (`window.fired`).
// - latency: that same first result's `atMs` minus the window's end.
// - resultsEmitted / revisions: every `window.fired`; a revision is any result after a window's first.
// - lateRecords / droppedLate: `record.late` (droppedLate as the result's counter counts it).
// - stateRowsPeak: window state — micro-batch: `batch.completed`'s per-node state rows after each
//   batch; dataflow: the `stateRows` a window subtask reports when it fires.
// - visibilityLatencyP50Ms: transactional writes (`record.written` with a `txn`) until their
//   `transaction.committed`.
import type { Fact } from '../facts.ts';
import type { Job } from '../schema.ts';

export type SweepMetrics = {
  /** Share of window input counted in each window's first non-early result; null without window input. */
  completeness: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  resultsEmitted: number;
  revisions: number;
  lateRecords: number;
  droppedLate: number;
  stateRowsPeak: number;
  visibilityLatencyP50Ms: number | null;
};

export type SweepMetricsFold = { add(fact: Fact): void; metrics(): SweepMetrics };

/**
 * How many windows one record reaching `node` belongs to: a sliding window of size s and slide d
 * holds each element s / d times on average (exactly, when d divides s), every other assigner once.
 * Completeness compares window-element counts with records × this.
 */
function windowsPerRecord(job: Job, nodeId: string): number {
  const node = job.nodes.find((n) => n.id === nodeId);
  if (node?.kind !== 'window') return 1;
  const a = node.params.assigner;
  return a.kind === 'sliding' ? a.sizeMs / a.slideMs : 1;
}

/** Nearest-rank percentile of an ascending list (null when empty). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

export function createSweepMetrics(job: Job): SweepMetricsFold {
  const weights = new Map<string, number>();
  for (const n of job.nodes) if (n.kind === 'window') weights.set(n.id, windowsPerRecord(job, n.id));
  /** Window-element slots the records reaching window nodes fill (records × windows per record). */
  let reached = 0;
  let counted = 0;
  /** Windows (node, key, start, end) that have a result, and those whose first non-early result came. */
  const seen = new Set<string>();
  const settled = new Set<string>();
  const latencies: number[] = [];
  let resultsEmitted = 0;
  let lateRecords = 0;
  let droppedLate = 0;
  /** Latest state rows per window node (micro-batch) or window subtask lane (dataflow: per node). */
  const stateNow = new Map<string, number>();
  let stateTotal = 0;
  let stateRowsPeak = 0;
  const pendingWrites = new Map<string, number[]>();
  const visibility: number[] = [];
  let transactional = false;

  const setState = (key: string, rows: number) => {
    stateTotal += rows - (stateNow.get(key) ?? 0);
    stateNow.set(key, rows);
    if (stateTotal > stateRowsPeak) stateRowsPeak = stateTotal;
  };

  return {
    add(f) {
      switch (f.type) {
        case 'record.emitted': {
          const w = weights.get(f.to);
          if (w !== undefined) reached += f.count * w;
          break;
        }
        case 'window.fired': {
          resultsEmitted++;
          const id = `${f.node}\u0000${typeof f.key}:${typeof f.key === 'object' && f.key !== null ? JSON.stringify(f.key) : String(f.key)}\u0000${f.windowStartMs}\u0000${f.windowEndMs}`;
          seen.add(id);
          if (f.pane !== 'early' && !settled.has(id)) {
            settled.add(id);
            counted += f.inputCount ?? 0;
            if (f.windowEndMs !== null) latencies.push(f.atMs - f.windowEndMs);
          }
          if (f.stateRows !== undefined) setState(f.node, f.stateRows);
          break;
        }
        case 'batch.completed': {
          const rows = f.batch.stateRows as Record<string, number> | undefined;
          if (rows) for (const [node, n] of Object.entries(rows)) if (weights.has(node)) setState(node, n);
          break;
        }
        case 'record.late':
          lateRecords++;
          if (f.to === 'dropped') droppedLate += f.dropCount ?? 1;
          break;
        case 'record.written': {
          const { txn } = f.write;
          if (txn === undefined) break;
          transactional = true;
          const k = `${f.node}:${txn}`;
          const list = pendingWrites.get(k);
          if (list) list.push(f.write.atMs);
          else pendingWrites.set(k, [f.write.atMs]);
          break;
        }
        case 'transaction.committed':
        case 'transaction.aborted': {
          const k = `${f.node}:${f.txn}`;
          if (f.type === 'transaction.committed') for (const at of pendingWrites.get(k) ?? []) visibility.push(f.atMs - at);
          pendingWrites.delete(k);
          break;
        }
        default:
          break;
      }
    },
    metrics() {
      const sorted = [...latencies].sort((a, b) => a - b);
      const vis = [...visibility].sort((a, b) => a - b);
      return {
        // Rounded so that the same run prints the same digits everywhere (and CSV stays short).
        completeness: reached > 0 ? round(Math.min(1, counted / reached), 6) : null,
        latencyP50Ms: percentile(sorted, 0.5),
        latencyP95Ms: percentile(sorted, 0.95),
        resultsEmitted,
        revisions: resultsEmitted - seen.size,
        lateRecords,
        droppedLate,
        stateRowsPeak,
        visibilityLatencyP50Ms: transactional ? percentile(vis, 0.5) : null,
      };
    },
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
