// What the explanation line can narrate: a fact as it came, or a fact with the context that makes
// it a sentence (the windows a batch emitted and the watermarks it started with; how many records
// a transaction made visible), or a change of an operator's back pressure status between samples.
import type { Fact, FactOf, OperatorSample, PressureStatus } from '../model/index.ts';

export type WindowRef = { node: string; startMs: number | null; endMs: number | null };

export type Narration =
  | { kind: 'fact'; fact: Fact }
  | { kind: 'batch'; fact: FactOf<'batch.completed'>; windows: WindowRef[]; watermarks: Record<string, number> }
  | { kind: 'txn'; fact: FactOf<'transaction.committed'> | FactOf<'transaction.aborted'>; records: number; checkpointId: number | null }
  | { kind: 'pressure'; atMs: number; node: string; from: PressureStatus | null; to: PressureStatus; sample: OperatorSample };

const significant = new Set<Fact['type']>([
  'window.fired', 'record.late', 'checkpoint.completed', 'checkpoint.failed', 'job.failed', 'job.restored', 'job.finished',
]);

/** Facts narrated as they are (batches and transactions get their context in reduceFacts). */
export const isSignificant = (f: Fact): boolean => significant.has(f.type);

const rank: Record<PressureStatus, number> = { OK: 0, LOW: 1, HIGH: 2 };

/**
 * The most telling change of back pressure status in a new sample: an operator becoming more
 * back-pressured wins over one recovering. Null when no status changed (or only the first sample
 * came in, all OK).
 */
export function pressureChange(previous: Record<string, OperatorSample>, sample: FactOf<'metrics.sampled'>): Narration | null {
  let best: Extract<Narration, { kind: 'pressure' }> | null = null;
  let bestScore = -Infinity;
  for (const [node, op] of Object.entries(sample.operators)) {
    const from = previous[node]?.status ?? null;
    if (from === op.status || (from === null && op.status === 'OK')) continue;
    const score = rank[op.status] * 10 - (from === null ? 0 : rank[from]);
    if (score > bestScore) {
      bestScore = score;
      best = { kind: 'pressure', atMs: sample.atMs, node, from, to: op.status, sample: op };
    }
  }
  return best;
}
