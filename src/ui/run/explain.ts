// Narrates the last significant thing of a run in plain words, for the explanation line under the
// controls: batches with the watermark they used and why, windows firing with their pane, late
// records and their two paths, checkpoints, transactions, failures and restores, back pressure.
import type { Fact, FactOf } from '../../model/index.ts';
import { formatMs, formatWatermark, formatWindow } from '../lib/format.ts';
import type { Narration, WindowRef } from '../../telemetry/narration.ts';

/** What the job says that a sentence needs: each watermark node's delay. */
export type ExplainContext = { delays?: Record<string, number> };

export function explain(n: Narration | null, ctx: ExplainContext = {}): string {
  if (!n) return 'Press Play to run the job; Step runs one event (dataflow) or one batch (micro-batch).';
  switch (n.kind) {
    case 'batch':
      return explainBatch(n, ctx);
    case 'txn': {
      const f = n.fact;
      const what = `${n.records} record${n.records === 1 ? '' : 's'}`;
      if (f.type === 'transaction.aborted') return `${at(f.atMs)}, ${f.node} aborted transaction ${f.txn}: its ${what} will never be visible to read-committed readers.`;
      const cp = n.checkpointId === null ? '' : `checkpoint ${n.checkpointId} completed, so `;
      return `${at(f.atMs)}, ${cp}${f.node} committed transaction ${f.txn}: its ${what} are now visible to read-committed readers.`;
    }
    case 'pressure': {
      const pct = Math.round(n.sample.backPressuredMsPerSecond / 10);
      const now = n.to === 'OK' ? 'is no longer back-pressured' : `is back-pressured ${n.to} (${pct} % of the time waiting for buffers downstream)`;
      return `${at(n.atMs)}, ${n.node} ${now}${n.from ? `; it was ${n.from}` : ''}.`;
    }
    case 'fact':
      return explainFact(n.fact);
  }
}

const at = (ms: number) => `At ${formatMs(ms)}`;

function explainBatch(n: Extract<Narration, { kind: 'batch' }>, ctx: ExplainContext): string {
  const b = n.fact.batch;
  const read = `Batch ${b.batchId} read ${b.inputRecords} record${b.inputRecords === 1 ? '' : 's'}`;
  const ran = `it ran ${formatMs(b.startMs)} → ${formatMs(b.endMs)}`;
  const emitted = windowsSentence(n.windows);
  const wm = b.watermarkMs;
  if (wm <= 0 || Math.abs(wm) >= 1e14) {
    return `${read} with watermark ${formatWatermark(wm)} (no event time seen in earlier batches yet)${emitted ? `; ${emitted}` : ''}; ${ran}.`;
  }
  // The watermark a batch uses is the one the earlier batches computed: max event time − delay.
  const limiting = Object.entries(ctx.delays ?? {}).find(([id]) => n.watermarks[id] === wm);
  const why = limiting ? ` = max event time ${formatMs(wm + limiting[1])} − delay ${formatMs(limiting[1])}` : '';
  const so = emitted ? `, so ${emitted}` : ', so no window closed';
  return `${read} and used watermark ${formatMs(wm)}${why}${so}; ${ran}.`;
}

function windowsSentence(windows: WindowRef[]): string {
  const ranges = [...new Set(windows.filter((w) => w.startMs !== null).map((w) => formatWindow(w.startMs, w.endMs)))];
  const shown = ranges;
  if (shown.length === 0) return '';
  const list = shown.slice(0, 3);
  const more = shown.length > 3 ? ` and ${shown.length - 3} more` : '';
  return shown.length === 1 ? `window ${list[0]} was emitted` : `windows ${list.join(', ')}${more} were emitted`;
}

function explainFact(f: Fact): string {
  switch (f.type) {
    case 'window.fired':
      return `${at(f.atMs)}, ${f.node} emitted ${paneWords(f)}window ${formatWindow(f.windowStartMs, f.windowEndMs)} for key ${show(f.key)}: ${summarize(f.record)}.`;
    case 'record.late':
      return f.to === 'dropped'
        ? `${at(f.atMs)}, ${f.node} dropped a record with event time ${formatMs(Number(f.record.ts))}: the watermark was already ${formatWatermark(f.watermarkMs)}. Nothing is written for it; only a counter shows it.`
        : `${at(f.atMs)}, ${f.node} sent a late record (event time ${formatMs(Number(f.record.ts))}, watermark ${formatWatermark(f.watermarkMs)}) to the "${f.to}" side output.`;
    case 'batch.completed':
      return `Batch ${f.batch.batchId} read ${f.batch.inputRecords} records and used watermark ${formatWatermark(f.batch.watermarkMs)}; it ran ${formatMs(f.batch.startMs)} → ${formatMs(f.batch.endMs)}.`;
    case 'checkpoint.completed': {
      const c = f.checkpoint;
      const took = c.completedAtMs === null ? '' : ` in ${formatMs(c.completedAtMs - c.triggeredAtMs)}`;
      return `${at(f.atMs)}, ${c.kind} ${c.id} completed${took}: a restart would resume from here.`;
    }
    case 'checkpoint.failed':
      return `${at(f.atMs)}, ${f.checkpoint.kind} ${f.checkpoint.id} failed${typeof f.checkpoint.reason === 'string' ? ` (${f.checkpoint.reason})` : ''}.`;
    case 'job.failed':
      return `${at(f.atMs)}, ${f.node ? `the task running ${f.node}` : 'the job'} failed.`;
    case 'job.restored':
      return restored(f);
    case 'job.finished':
      return `${at(f.atMs)}, the job finished.`;
    case 'watermark.advanced':
      return `${at(f.atMs)}, the watermark of ${f.node} advanced to ${formatWatermark(f.watermarkMs)}.`;
    case 'note.added':
      return f.message;
    default:
      return `${at(f.atMs)}: ${f.type}.`;
  }
}

function paneWords(f: FactOf<'window.fired'>): string {
  const index = f.paneIndex > 0 ? ` (pane ${f.paneIndex + 1})` : '';
  switch (f.pane) {
    case 'early': return `an early pane${index} of `;
    case 'late': return `a late pane${index} of `;
    case 'onTime': return `the on-time pane${index} of `;
    default: return '';
  }
}

function restored(f: FactOf<'job.restored'>): string {
  const x = f.failure;
  const resumed = formatMs(x.resumedAtMs ?? f.atMs);
  if (typeof x.rerunBatchId === 'number') {
    return `The query restarted at ${resumed}: batch ${x.rerunBatchId} had no commit log entry, so it runs again with the same offsets and watermark.`;
  }
  if ('rerunBatchId' in x) {
    return `The query restarted at ${resumed} after batch ${x.restoredFrom ?? '—'}, the last one in the commit log.`;
  }
  return `The job restarted at ${resumed} from ${x.restoredFrom === null ? 'the beginning' : `checkpoint ${x.restoredFrom}`}, and reads its sources again from the offsets stored there.`;
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? 'none';
}

function summarize(record: Record<string, unknown>): string {
  const skip = new Set(['key', 'windowStart', 'windowEnd', 'pane', 'paneIndex', 'ts']);
  const parts = Object.entries(record).filter(([k]) => !skip.has(k)).map(([k, v]) => `${k} = ${show(v)}`);
  return parts.join(', ') || 'empty';
}
