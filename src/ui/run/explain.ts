// Narrates the last significant thing of a run in plain words, for the explanation line under the
// controls: batches with the watermark they used and why, windows firing with their pane, late
// records and their two paths, checkpoints, transactions, failures and restores, back pressure.
import { parseEdgeKey } from '../../model/index.ts';
import type { Fact, FactOf, Job, Mode } from '../../model/index.ts';
import { formatMs, formatWatermark, formatWindow } from '../lib/format.ts';
import type { Narration, WindowRef } from '../../telemetry/narration.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';

/**
 * What the job says that a sentence needs: each watermark node's delay, whether a source carries
 * punctuated watermarks (which Spark ignores), node names, the sources, and when the first scripted
 * record arrives.
 */
export type ExplainContext = {
  delays?: Record<string, number>;
  punctuated?: boolean;
  labels?: Record<string, string>;
  sources?: string[];
  firstArrivalMs?: number | null;
};

export const HINT = 'Press Play to run the job; Step runs one event (dataflow) or one batch (micro-batch); Next event skips idle time to the next thing that happens.';

/** The context of a job's sentences. */
export function contextOf(job: Pick<Job, 'nodes'>): ExplainContext {
  const delays: Record<string, number> = {};
  const labels: Record<string, string> = {};
  const sources: string[] = [];
  let punctuated = false;
  let firstArrivalMs: number | null = null;
  for (const n of job.nodes) {
    labels[n.id] = n.label || n.id;
    if (n.kind === 'watermark') delays[n.id] = n.params.delayMs;
    if (n.kind !== 'source') continue;
    sources.push(n.id);
    for (const item of n.params.records ?? []) {
      if ('watermark' in item) punctuated = true;
      else if (firstArrivalMs === null || item.at < firstArrivalMs) firstArrivalMs = item.at;
    }
    if (n.params.generator) firstArrivalMs = Math.min(firstArrivalMs ?? Infinity, 0);
  }
  return { delays, punctuated, labels, sources, firstArrivalMs };
}

export function explain(n: Narration | null, ctx: ExplainContext = {}): string {
  if (!n) return HINT;
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
    return `${read}${noWatermarkWhy(n, ctx)}${emitted ? `; ${emitted}` : ''}; ${ran}.`;
  }
  // The watermark a batch uses is the one the earlier batches computed: max event time − delay.
  const limiting = Object.entries(ctx.delays ?? {}).find(([id]) => n.watermarks[id] === wm);
  const why = limiting ? ` = max event time ${formatMs(wm + limiting[1])} − delay ${formatMs(limiting[1])}` : '';
  const so = emitted ? `, so ${emitted}` : ', so no window closed';
  return `${read} and used watermark ${formatMs(wm)}${why}${so}; ${ran}.`;
}

/** Why a batch ran without a watermark, as it is: none defined, none Spark can use, no rows yet, or still at or below 0. */
function noWatermarkWhy(n: Extract<Narration, { kind: 'batch' }>, ctx: ExplainContext): string {
  const nodes = Object.keys(ctx.delays ?? {});
  if (nodes.length === 0) {
    return ctx.punctuated
      ? ' with no watermark: this job\'s watermarks are punctuated items in its source, which Spark ignores'
      : ' with no watermark: the job defines none, so nothing waits for event time';
  }
  const known = nodes.filter((id) => n.watermarks[id] !== undefined);
  if (known.length === 0) {
    if (n.fact.batch.batchId === 0) return ' with no watermark yet: it is the first batch, and a watermark comes from the rows of earlier batches';
    // A later batch implies earlier rows (a batch runs only for data, or for a watermark they moved):
    // their max event time minus the delay is still not above 0, where Spark's watermark starts.
    const delays = [...new Set(nodes.map((id) => formatMs(ctx.delays![id]!)))].join(' or ');
    return ` with watermark 0 ms: Spark's watermark starts at 0, and the largest event time read so far minus the delay (${delays}) is not above 0 yet`;
  }
  const [id, wm] = known.map((k) => [k, n.watermarks[k]!] as const).reduce((a, b) => (b[1] < a[1] ? b : a));
  const delay = ctx.delays![id]!;
  return ` with watermark 0 ms: max event time ${formatMs(wm + delay)} − delay ${formatMs(delay)} is ${formatWatermark(wm)}, and Spark's watermark starts at 0 and never goes below it`;
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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The records the sources have read: what went along one edge of each (every edge of a port carries them all). */
export function recordsRead(run: Pick<RunData, 'flows'>, sources: readonly string[]): number {
  let total = 0;
  for (const id of sources) {
    let most = 0;
    for (const [k, n] of Object.entries(run.flows)) if (parseEdgeKey(k)?.from === id && parseEdgeKey(k)?.fromPort === 'out' && n > most) most = n;
    total += most;
  }
  return total;
}

/**
 * The line shown while nothing worth narrating has happened: the hint before a run, then what is
 * true of the run so far (nothing arrived yet and when the first record comes; or how many records
 * were read and that nothing has fired or completed). Never the hint once the clock has moved.
 */
export function waitingLine(run: Pick<RunData, 'flows' | 'currentBatch'>, clockMs: number, started: boolean, mode: Mode, ctx: ExplainContext = {}): string {
  if (!started && clockMs === 0) return HINT;
  const read = recordsRead(run, ctx.sources ?? []);
  const now = formatMs(clockMs);
  if (read === 0) {
    const first = ctx.firstArrivalMs;
    const next = first !== null && first !== undefined && first > clockMs ? `; the first one arrives at ${formatMs(first)} (Next event skips there)` : '';
    return `At ${now}, no record has arrived yet${next}.`;
  }
  if (mode === 'microbatch') {
    return run.currentBatch
      ? `At ${now}, ${plural(read, 'record')} read; batch ${run.currentBatch.batchId} is running and none has completed yet.`
      : `At ${now}, ${plural(read, 'record')} have arrived; they wait for the next trigger, and no batch has completed yet.`;
  }
  return `At ${now}, the sources have read ${plural(read, 'record')}; no window has fired and nothing else worth telling has happened yet.`;
}

type EngineRun = Pick<RunData, 'flows' | 'watermarks' | 'counts' | 'batches' | 'lateRecords' | 'checkpoints' | 'crashes' | 'failures' | 'lastSignificant' | 'sinks' | 'finished'>;

/**
 * What one Step (or Next event) did to an engine run, from its telemetry before and after: a completed
 * batch is told as the batch; otherwise the records that moved, watermarks that advanced, windows
 * that fired, late records, checkpoints and failures. An event that changed nothing shown is said
 * to be one (a periodic watermark check or a metrics sample).
 */
export function describeStep(before: EngineRun, after: EngineRun, ctx: ExplainContext = {}): string {
  const name = (id: string) => ctx.labels?.[id] ?? id;
  if (after.batches.length > before.batches.length && after.lastSignificant?.kind === 'batch') return explain(after.lastSignificant, ctx);
  const parts: string[] = [];
  const sources = new Set(ctx.sources ?? []);
  const moved = Object.entries(after.flows).map(([k, n]) => [k, n - (before.flows[k] ?? 0)] as const).filter(([, d]) => d > 0);
  const readBy = new Map<string, number>();
  for (const [k, d] of moved) {
    const { from, fromPort: port, to } = parseEdgeKey(k)!;
    if (sources.has(from)) readBy.set(from, Math.max(readBy.get(from) ?? 0, d));
    else parts.push(`${name(from)} sent ${plural(d, 'record')}${port === 'late' ? ' to its late output' : ''} to ${name(to)}`);
  }
  for (const [src, d] of readBy) parts.unshift(`${name(src)} read ${plural(d, 'record')}`);
  for (const [id, wm] of Object.entries(after.watermarks)) {
    if (before.watermarks[id] !== wm) parts.push(`the watermark of ${name(id)} advanced to ${formatWatermark(wm)}`);
  }
  for (const [id, c] of Object.entries(after.counts)) {
    const fired = c.fired - (before.counts[id]?.fired ?? 0);
    if (fired > 0) parts.push(`${name(id)} fired ${plural(fired, 'window')}`);
    const late = c.late - (before.counts[id]?.late ?? 0);
    if (late > 0) parts.push(`${name(id)} found ${plural(late, 'late record')}`);
  }
  for (const [id, rows] of Object.entries(after.sinks)) {
    const d = rows.length - (before.sinks[id]?.length ?? 0);
    if (d > 0) parts.push(`${name(id)} wrote ${plural(d, 'row')}`);
  }
  const newCheckpoints = after.checkpoints.slice(before.checkpoints.length);
  for (const c of newCheckpoints) parts.push(`${c.kind} ${c.id} ${c.status}`);
  if (after.crashes.length > before.crashes.length) parts.push('the job failed');
  if (after.failures.length > before.failures.length) parts.push('the job was restored');
  if (!before.finished && after.finished) parts.push('the job finished');
  if (parts.length === 0) return 'nothing shown changed (a periodic watermark check or a metrics sample)';
  const shown = parts.slice(0, 5);
  return shown.join('; ') + (parts.length > 5 ? `; and ${parts.length - 5} more` : '');
}
