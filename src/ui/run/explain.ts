// Narrates a fact in plain words, for the explanation line under the controls.
import type { Fact } from '../../engine/index.ts';
import { formatMs, formatWatermark, formatWindow } from '../lib/format.ts';

export function explain(f: Fact | null): string {
  if (!f) return 'Press Play to run the job; Step runs one event (dataflow) or one batch (micro-batch).';
  const at = `At ${formatMs(f.atMs)}`;
  switch (f.type) {
    case 'window.fired': {
      const pane = f.pane === 'late' ? 'a late pane of ' : f.pane === 'early' ? 'an early pane of ' : '';
      return `${at}, ${f.node} emitted ${pane}window ${formatWindow(f.windowStartMs, f.windowEndMs)} for key ${show(f.key)}: ${summarize(f.record)}.`;
    }
    case 'record.late':
      return f.to === 'dropped'
        ? `${at}, ${f.node} dropped a record with event time ${formatMs(Number(f.record.ts))}: the watermark was already ${formatWatermark(f.watermarkMs)}.`
        : `${at}, ${f.node} sent a late record (event time ${formatMs(Number(f.record.ts))}, watermark ${formatWatermark(f.watermarkMs)}) to the "${f.to}" side output.`;
    case 'batch.completed':
      return `Batch ${f.batch.batchId} read ${f.batch.inputRecords} records and used watermark ${formatWatermark(f.batch.watermarkMs)}; it ran ${formatMs(f.batch.startMs)} → ${formatMs(f.batch.endMs)}.`;
    case 'batch.started':
      return `${at}, batch ${f.batchId} started with watermark ${formatWatermark(f.watermarkMs)}.`;
    case 'checkpoint.completed':
      return `${at}, ${f.checkpoint.kind} ${f.checkpoint.id} completed.`;
    case 'checkpoint.failed':
      return `${at}, ${f.checkpoint.kind} ${f.checkpoint.id} failed.`;
    case 'job.failed':
      return `${at}, ${f.node ? `the task running ${f.node}` : 'the job'} failed.`;
    case 'job.restored':
      return `The job restarted at ${formatMs(f.failure.resumedAtMs ?? f.atMs)} from ${f.failure.restoredFrom === null ? 'the beginning' : `checkpoint ${f.failure.restoredFrom}`}.`;
    case 'job.finished':
      return `${at}, the job finished.`;
    case 'watermark.advanced':
      return `${at}, the watermark of ${f.node} advanced to ${formatWatermark(f.watermarkMs)}.`;
    case 'note.added':
      return f.message;
    default:
      return `${at}: ${f.type}.`;
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? 'none';
}

function summarize(record: Record<string, unknown>): string {
  const skip = new Set(['key', 'windowStart', 'windowEnd', 'pane', 'paneIndex', 'ts']);
  const parts = Object.entries(record).filter(([k]) => !skip.has(k)).map(([k, v]) => `${k} = ${show(v)}`);
  return parts.join(', ') || 'empty';
}
