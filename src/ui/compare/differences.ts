// The differences between a micro-batch (Spark) run and a dataflow (Flink) run of the same job, in
// plain words, computed from the two runs' aggregated facts: when each window was first emitted,
// where late records went, duplicates in the sinks, when the first row reached each sink, batches
// against checkpoints, and how each recovered from a failure. Pure, so it is tested in Node and
// recomputed a few times a second, never per fact.
import type { Job, JobNode, LateRecord, SinkWrite } from '../../model/index.ts';
import { formatMs, formatWatermark, formatWindow } from '../lib/format.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';

export type Topic = 'windows' | 'late' | 'duplicates' | 'latency' | 'output' | 'progress' | 'backpressure' | 'recovery';
export type Difference = { topic: Topic; text: string };

type Run = Pick<RunData, 'firstEmitted' | 'lateTotals' | 'sinks' | 'txns' | 'firstWritten' | 'batches' | 'checkpoints' | 'failures' | 'crashes'>
  & Partial<Pick<RunData, 'lateRecords' | 'panes' | 'watermarkHistory' | 'sampleLog'>>;

type Settings = Partial<Pick<Job['settings'], 'microbatch'>>;

/** `finished`: both runs are over, so what one engine never did can be said as such. */
export function compareRuns(job: Pick<Job, 'nodes'> & { settings?: Settings }, spark: Run, flink: Run, finished: boolean): Difference[] {
  const outputMode = job.settings?.microbatch?.outputMode ?? 'append';
  return [
    ...windowDifferences(job.nodes, spark, flink, finished, outputMode),
    ...lateDifferences(job.nodes, spark, flink),
    ...sinkDifferences(job.nodes, spark, flink),
    ...progressDifferences(spark, flink),
    ...backpressureDifferences(job.settings, spark, flink),
    ...recoveryDifferences(spark, flink),
  ];
}

const s = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const gap = (ms: number) => formatMs(Math.abs(Math.round(ms)));

/** What "emitted" means for Spark's first row of a window in each output mode. */
const partialNote: Record<string, string> = {
  update: ' In update output mode Spark\'s first row for a window is its running result so far, which later batches revise; it is not the final count.',
  complete: ' In complete output mode Spark writes the whole result table every batch, so its first row for a window is a running result, not the final count.',
};

function windowDifferences(nodes: readonly JobNode[], spark: Run, flink: Run, finished: boolean, outputMode: string): Difference[] {
  const windows = nodes.filter((n) => n.kind === 'window');
  const out: Difference[] = [];
  for (const node of windows) {
    const a = spark.firstEmitted[node.id] ?? {};
    const b = flink.firstEmitted[node.id] ?? {};
    const of = windows.length > 1 ? ` of "${node.label || node.id}"` : '';
    const both = Object.keys(a).filter((w) => b[w] !== undefined).sort(byStart);
    const name = (w: string) => {
      const [start, end] = w.split(':').map(Number) as [number, number];
      return `window ${formatWindow(start, end)}${of}`;
    };
    const deltas = both.map((w) => ({ w, d: a[w]! - b[w]! }));
    const earlier = (engine: 'Spark' | 'Flink', xs: typeof deltas) => {
      if (xs.length === 0) return;
      const top = xs.reduce((m, x) => (Math.abs(x.d) > Math.abs(m.d) ? x : m));
      const [mine, theirs] = engine === 'Flink' ? [b, a] : [a, b];
      const when = `${gap(top.d)} earlier (${formatMs(mine[top.w]!)} against ${formatMs(theirs[top.w]!)})`;
      if (xs.length === 1) return out.push({ topic: 'windows', text: `${engine} emitted ${name(top.w)} ${when}.` });
      const mean = Math.round(xs.reduce((t, x) => t + Math.abs(x.d), 0) / xs.length / 10) * 10;
      out.push({ topic: 'windows', text: `${engine} emitted ${xs.length} of ${both.length} windows${of} earlier, by ${gap(mean)} on average; ${name(top.w)} ${when}.` });
    };
    const flinkFirst = deltas.filter((x) => x.d > 0);
    const sparkFirst = deltas.filter((x) => x.d < 0);
    earlier('Flink', flinkFirst);
    earlier('Spark', sparkFirst);
    const same = deltas.length - flinkFirst.length - sparkFirst.length;
    if (same > 0 && flinkFirst.length + sparkFirst.length === 0) out.push({ topic: 'windows', text: `Both engines emitted ${same === 1 ? name(deltas[0]!.w) : `all ${same} windows${of}`} at the same processing time.` });
    for (const [engine, mine, theirs] of [['Spark', a, b], ['Flink', b, a]] as const) {
      const missing = Object.keys(theirs).filter((w) => mine[w] === undefined).sort(byStart);
      if (missing.length === 0) continue;
      const list = (ws: string[]) => ws.slice(0, 2).map(name).join(', ') + (ws.length > 2 ? ` and ${ws.length - 2} more` : '');
      if (!finished) {
        out.push({ topic: 'windows', text: `${engine} has not emitted ${list(missing)} yet.` });
        continue;
      }
      // Why, from what happened: the other engine's watermark when it emitted the window, and this one's last.
      const endOfInput = engine === 'Spark' ? missing.filter((w) => firedByEndOfInput(flink, node.id, w, b[w]!)) : [];
      const rest = missing.filter((w) => !endOfInput.includes(w));
      if (endOfInput.length > 0) {
        out.push({
          topic: 'windows',
          text: `Spark never emitted ${list(endOfInput)}: Flink emitted ${endOfInput.length === 1 ? 'it' : 'them'} only because its bounded source ended and sent the end-of-input watermark (+∞), which fires every open window. Spark has no end-of-input watermark. This is the end of the input, not a difference between the engines: with the source unbounded (Bounded off) neither emits ${endOfInput.length === 1 ? 'it' : 'them'}.`,
        });
      }
      if (rest.length > 0) {
        const why = engine === 'Spark' ? (outputMode === 'append' ? sparkStopped(spark, rest) : sparkNoBatch(spark, rest.map((w) => b[w]!))) : flinkStopped(flink, node.id, rest);
        out.push({ topic: 'windows', text: `${engine} never emitted ${list(rest)}${why}.` });
      }
    }
  }
  // Say once what Spark's first row of a window is when it is not final (append mode's is).
  const first = out.findIndex((d) => d.topic === 'windows' && /emitted .*(earlier|at the same processing time)/.test(d.text));
  if (first >= 0 && partialNote[outputMode]) out[first] = { ...out[first], text: out[first].text + partialNote[outputMode] };
  return out;
}

const byStart = (x: string, y: string) => Number(x.split(':')[0]) - Number(y.split(':')[0]);
const endOf = (w: string) => Number(w.split(':')[1]);

/** The watermark of `node` at processing time `t` in a run's history (the last advance at or before it). */
function watermarkAt(run: Run, node: string, t: number): number | null {
  let wm: number | null = null;
  for (const [at, ms] of run.watermarkHistory?.[node] ?? []) {
    if (at > t) break;
    wm = ms;
  }
  return wm;
}

/** Infinite, as the end-of-input watermark is (Long.MAX_VALUE in Flink, +∞ here). */
const isEndOfInput = (wm: number | null) => wm !== null && wm >= 1e15;

/** The window fired when the watermark jumped to +∞ from below its end: end of input, not event time. */
function firedByEndOfInput(run: Run, node: string, w: string, firedAtMs: number): boolean {
  const history = run.watermarkHistory?.[node] ?? [];
  const i = history.findIndex(([, ms]) => isEndOfInput(ms));
  if (i < 0 || history[i]![0] > firedAtMs) return false;
  const before = i > 0 ? history[i - 1]![1] : -Infinity;
  return before < endOf(w) - 1;
}

/** Why Spark never emitted windows that Flink did: where its watermark stopped. */
function sparkStopped(spark: Run, windows: string[]): string {
  const last = spark.batches.at(-1);
  if (!last) return ': it ran no batch';
  const next = typeof last.nextWatermarkMs === 'number' ? last.nextWatermarkMs : last.watermarkMs;
  const end = Math.min(...windows.map(endOf));
  if (next < end) return `: its watermark stopped at ${formatWatermark(next)}, before the end of the window (${formatMs(end)}), so no batch could close it`;
  return `: its watermark reached ${formatWatermark(next)} with batch ${last.batchId}, but no later batch ran with it (its input had ended), and a window is emitted only by a batch`;
}

/** Update or complete mode writes a window with the batch that reads its rows: why none did. */
function sparkNoBatch(spark: Run, flinkFirstMs: number[]): string {
  const last = spark.batches.at(-1);
  if (!last) return ': it ran no batch';
  const first = Math.min(...flinkFirstMs);
  return last.endMs < first
    ? `: its last batch completed at ${formatMs(last.endMs)}, before Flink's first result for it (${formatMs(first)}), and no batch completed after that`
    : '';
}

/** Why Flink never emitted windows that Spark did (an update-mode row, say): where its watermark stopped. */
function flinkStopped(flink: Run, node: string, windows: string[]): string {
  const history = flink.watermarkHistory?.[node] ?? [];
  const last = history.at(-1)?.[1];
  if (last === undefined) return ': no watermark reached its window operator';
  const end = Math.min(...windows.map(endOf));
  return last < end - 1 ? `: its watermark stopped at ${formatWatermark(last)}, before the end of the window (${formatMs(end)})` : '';
}

function lateDifferences(nodes: readonly JobNode[], spark: Run, flink: Run): Difference[] {
  const dropped = (r: Run) => r.lateTotals.dropped ?? 0;
  const sideOutputs = (r: Run) => Object.entries(r.lateTotals).filter(([to]) => to !== 'dropped');
  const sparkSide = sideOutputs(spark).reduce((t, [, n]) => t + n, 0);
  const flinkSide = sideOutputs(flink);
  const flinkSideTotal = flinkSide.reduce((t, [, n]) => t + n, 0);
  if (dropped(spark) + sparkSide + dropped(flink) + flinkSideTotal === 0) return [];
  const sparkPart = dropped(spark) > 0 ? `Spark dropped ${s(dropped(spark), 'late row')} silently (only its numRowsDroppedByWatermark counter shows them)` : 'Spark dropped no late row';
  const flinkParts: string[] = [];
  if (flinkSideTotal > 0) flinkParts.push(`sent ${flinkSideTotal} to the side output${flinkSide.length > 1 ? 's' : ''} ${flinkSide.map(([to]) => `"${to}"`).join(', ')}`);
  if (dropped(flink) > 0) flinkParts.push(`dropped ${dropped(flink)}`);
  const flinkPart = flinkParts.length > 0 ? `Flink ${flinkParts.join(' and ')}` : 'Flink found no late record';
  const out: Difference[] = [{ topic: 'late', text: `${sparkPart}; ${flinkPart}.` }];
  const sparkTotal = dropped(spark) + sparkSide;
  const flinkTotal = dropped(flink) + flinkSideTotal;
  const causes = disagreements(nodes, spark, flink);
  if (causes.length > 0) out.push({ topic: 'late', text: `They disagree on what is late (Spark ${sparkTotal}, Flink ${flinkTotal}): ${causes.join(' ')}` });
  return out;
}

type WindowNode = Extract<JobNode, { kind: 'window' }>;

/** A late record as both engines report it: the node and the record's content (its row). */
const lateKey = (r: LateRecord) => `${r.node}\u0000${JSON.stringify(r.record)}`;

/** The window of an event time for a tumbling or sliding assigner (the first, for sliding); null otherwise. */
function windowOf(node: WindowNode | undefined, ts: number): { start: number; end: number } | null {
  const a = node?.params.assigner;
  if (!a || (a.kind !== 'tumbling' && a.kind !== 'sliding') || a.time === 'processing') return null;
  const slide = a.kind === 'sliding' ? a.slideMs : a.sizeMs;
  const last = Math.floor(ts / slide) * slide;
  const start = a.kind === 'sliding' ? last - a.sizeMs + slide : last;
  return { start, end: start + a.sizeMs };
}

const were = (n: number) => (n === 1 ? 'was' : 'were');
const sameKey = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Each record late in one engine only, with its cause worked out from what happened: Flink's
 * allowed lateness kept the window open and the record fired it again (a late pane); Flink's
 * watermark had not passed the end of the record's window when Spark's had passed its event time;
 * or Spark checked the row against the watermark of the batch before, still below its event time,
 * when Flink's watermark had already passed its window.
 */
function disagreements(nodes: readonly JobNode[], spark: Run, flink: Run): string[] {
  const sparkLate = spark.lateRecords ?? [];
  const flinkLate = flink.lateRecords ?? [];
  const inFlink = new Set(flinkLate.map(lateKey));
  const inSpark = new Set(sparkLate.map(lateKey));
  const windows = new Map(nodes.filter((n): n is WindowNode => n.kind === 'window').map((n) => [n.id, n]));
  const label = (id: string) => `"${windows.get(id)?.label || id}"`;
  const ts = (r: LateRecord) => Number(r.record.ts);
  const keyText = (r: LateRecord) => (r.record.key === undefined ? '' : `, key ${JSON.stringify(r.record.key)}`);
  const lateness: { r: LateRecord; w: { start: number; end: number }; pane: number }[] = [];
  const open: { r: LateRecord; w: { start: number; end: number }; wm: number }[] = [];
  const other: LateRecord[] = [];
  for (const r of sparkLate) {
    if (inFlink.has(lateKey(r))) continue;
    const node = windows.get(r.node);
    const w = windowOf(node, ts(r));
    const allowed = node?.params.allowedLatenessMs ?? 0;
    const pane = w && (flink.panes?.[r.node] ?? []).find((p) => p.pane === 'late' && p.startMs === w.start && p.endMs === w.end && sameKey(p.key, r.record.key));
    const wm = watermarkAt(flink, r.node, r.atMs);
    if (w && pane && allowed > 0) lateness.push({ r, w, pane: pane.atMs });
    else if (w && wm !== null && wm < w.end - 1 + allowed) open.push({ r, w, wm });
    else other.push(r);
  }
  const stale: { r: LateRecord; sparkWm: number }[] = [];
  const flinkOther: LateRecord[] = [];
  const notStateful: LateRecord[] = [];
  const noWatermark: LateRecord[] = [];
  const kinds = new Map(nodes.map((n) => [n.id, n.kind]));
  const sparkHasWatermark = nodes.some((n) => n.kind === 'watermark');
  for (const r of flinkLate) {
    if (inSpark.has(lateKey(r))) continue;
    // Spark's watermark filters rows only in stateful operators; a dropLate node does nothing there.
    if (kinds.get(r.node) === 'dropLate') {
      notStateful.push(r);
      continue;
    }
    if (!sparkHasWatermark) {
      noWatermark.push(r);
      continue;
    }
    // The Spark batch that read the row checked it against the watermark of the batch before it:
    // the last batch that started before the row reached Flink's window.
    const before = [...spark.batches].reverse().find((b) => b.startMs < r.atMs);
    const sparkWm = before ? before.watermarkMs : 0;
    // Spark's window aggregation drops a row whose window ended at or before that watermark.
    const w = windowOf(windows.get(r.node), ts(r));
    if (sparkWm < (w ? w.end : ts(r))) stale.push({ r, sparkWm });
    else flinkOther.push(r);
  }
  const out: string[] = [];
  const rows = (n: number) => s(n, 'row');
  if (lateness.length > 0) {
    const byNode = [...new Set(lateness.map((x) => x.r.node))];
    const allowed = byNode.map((id) => `${formatMs(windows.get(id)?.params.allowedLatenessMs ?? 0)} on ${label(id)}`).join(', ');
    const e = lateness[0]!;
    out.push(`${rows(lateness.length)} that Spark dropped as late ${were(lateness.length)} in time for Flink, because its allowed lateness (${allowed}) kept ${lateness.length === 1 ? 'its window' : 'their windows'} open after the watermark passed ${lateness.length === 1 ? 'it' : 'them'}, and ${lateness.length === 1 ? 'it' : 'each'} fired its window again as a late pane; Spark has no allowed lateness. For example the row with event time ${formatMs(ts(e.r))}${keyText(e.r)}: Spark's watermark was ${formatWatermark(e.r.watermarkMs)}, and Flink fired window ${formatWindow(e.w.start, e.w.end)} again at ${formatMs(e.pane)}.`);
  }
  if (open.length > 0) {
    const e = open[0]!;
    out.push(`${rows(open.length)} that Spark dropped ${were(open.length)} not late for Flink, whose watermark was further behind: for example event time ${formatMs(ts(e.r))}${keyText(e.r)}, in window ${formatWindow(e.w.start, e.w.end)}: Spark's watermark was ${formatWatermark(e.r.watermarkMs)}, past the window's end; Flink's was ${formatWatermark(e.wm)}, not past it.`);
  }
  if (other.length > 0) out.push(`${rows(other.length)} that Spark dropped ${were(other.length)} not late for Flink (for example event time ${formatMs(ts(other[0]!))}, against Spark's watermark ${formatWatermark(other[0]!.watermarkMs)}).`);
  if (stale.length > 0) {
    const e = stale[0]!;
    out.push(`${rows(stale.length)} that Flink found late ${were(stale.length)} counted by Spark, which checks a row against the watermark of the batch before, computed before the row arrived, where Flink checks it against its watermark as it arrives: for example event time ${formatMs(ts(e.r))}${keyText(e.r)}, checked by Spark against ${formatWatermark(e.sparkWm)} and by Flink against ${formatWatermark(e.r.watermarkMs)}.`);
  }
  if (notStateful.length > 0) {
    const ids = [...new Set(notStateful.map((r) => r.node))].map((id) => `"${nodes.find((n) => n.id === id)?.label || id}"`).join(', ');
    out.push(`${rows(notStateful.length)} that Flink's ${ids} found late went through in Spark, where a watermark filters rows only in a stateful operator (an aggregation, a join, deduplication), and this job has none after it.`);
  }
  if (noWatermark.length > 0) {
    out.push(`${rows(noWatermark.length)} that Flink found late ${were(noWatermark.length)} not late for Spark, which has no watermark in this job: its watermarks are punctuated items in the source, which Spark ignores (it computes a watermark only from a withWatermark delay).`);
  }
  if (flinkOther.length > 0) out.push(`${rows(flinkOther.length)} that Flink found late ${were(flinkOther.length)} not late for Spark (for example event time ${formatMs(ts(flinkOther[0]!))}, against Flink's watermark ${formatWatermark(flinkOther[0]!.watermarkMs)}).`);
  return out;
}

function sinkDifferences(nodes: readonly JobNode[], spark: Run, flink: Run): Difference[] {
  const out: Difference[] = [];
  for (const node of nodes) {
    if (node.kind !== 'sink') continue;
    const id = node.id;
    // What a (read-committed) reader gets: writes of aborted transactions are not there.
    const [a, b] = [kept(spark, id), kept(flink, id)];
    const [da, db] = [duplicates(a), duplicates(b)];
    if (da > 0 || db > 0) {
      const why = (w: readonly SinkWrite[]) => (w.some((x) => x.replayed) ? ' (written again when it re-ran input after the failure)' : '');
      const part = (engine: string, n: number, w: readonly SinkWrite[]) => (n > 0 ? `${engine} wrote ${s(n, 'duplicate row')} to ${id}${why(w)}` : `${engine} wrote none`);
      out.push({ topic: 'duplicates', text: `${part('Spark', da, a)}; ${part('Flink', db, b)}${aborted(flink, id)}.` });
    }
    const fa = spark.firstWritten[id];
    const fb = flink.firstWritten[id];
    if (fa !== undefined && fb !== undefined && fa !== fb) {
      const [first, second] = fb < fa ? ['Flink', 'Spark'] : ['Spark', 'Flink'];
      out.push({ topic: 'latency', text: `The first row reached ${id} ${gap(fa - fb)} earlier in ${first} (${formatMs(Math.min(fa, fb))} against ${formatMs(Math.max(fa, fb))} in ${second}).` });
    }
    if (a.length !== b.length) out.push({ topic: 'output', text: `${id} received ${s(a.length, 'row')} from Spark and ${b.length} from Flink.` });
    const visibility = commitDelay(flink, id);
    if (visibility) out.push({ topic: 'output', text: visibility });
  }
  return out;
}

function kept(run: Run, sink: string): SinkWrite[] {
  const txns = run.txns[sink];
  const writes = run.sinks[sink] ?? [];
  return txns ? writes.filter((w) => w.txn === undefined || txns[w.txn]?.committed !== false) : writes;
}

function aborted(run: Run, sink: string): string {
  const txns = run.txns[sink];
  if (!txns) return '';
  const n = (run.sinks[sink] ?? []).filter((w) => w.txn !== undefined && txns[w.txn]?.committed === false).length;
  return n > 0 ? ` that a read-committed reader sees (its ${s(n, 'row')} of aborted transactions are discarded)` : '';
}

/** A transactional sink: how long its rows waited for their commit, and how many still wait. */
function commitDelay(run: Run, sink: string): string | null {
  const txns = run.txns[sink] ?? {};
  const writes = (run.sinks[sink] ?? []).filter((w) => w.txn !== undefined);
  if (writes.length === 0) return null;
  let waited = 0;
  let committed = 0;
  let pending = 0;
  for (const w of writes) {
    const t = txns[w.txn!];
    if (!t) pending++;
    else if (t.committed) (committed++, (waited += t.atMs - w.atMs));
  }
  const avg = committed > 0 ? `on average ${gap(Math.round(waited / committed / 10) * 10)} after they were written` : '';
  const still = pending > 0 ? `${avg ? '; ' : ''}${s(pending, 'row')} still wait for the next checkpoint` : '';
  return `Flink's ${sink} is transactional: read-committed readers see its rows only when a checkpoint commits them, ${avg}${still}.`;
}

/** How many writes repeat a record written before (same content). */
export function duplicates(writes: readonly SinkWrite[]): number {
  const seen = new Set<string>();
  let dupes = 0;
  for (const w of writes) {
    const sig = JSON.stringify(w.record);
    if (seen.has(sig)) dupes++;
    else seen.add(sig);
  }
  return dupes;
}

function progressDifferences(spark: Run, flink: Run): Difference[] {
  const batches = spark.batches.length;
  const withData = spark.batches.filter((b) => b.inputRecords > 0).length;
  const completed = flink.checkpoints.filter((c) => c.status === 'completed' && c.kind === 'checkpoint').length;
  const failed = flink.checkpoints.filter((c) => c.status === 'failed').length;
  const savepoints = flink.checkpoints.filter((c) => c.status === 'completed' && c.kind === 'savepoint').length;
  if (batches === 0 && flink.checkpoints.length === 0) return [];
  const sparkPart = `Spark ran ${s(batches, 'batch', 'batches')}${withData < batches ? ` (${withData} with data)` : ''}, each starting only after the one before had committed`;
  const extra = [failed > 0 ? `${failed} failed` : '', savepoints > 0 ? s(savepoints, 'savepoint') : ''].filter(Boolean).join(', ');
  const flinkPart = completed + failed + savepoints === 0
    ? 'Flink moved each record on as it came and took no checkpoint'
    : `Flink moved each record on as it came and completed ${s(completed, 'checkpoint')}${extra ? ` (${extra})` : ''}`;
  return [{ topic: 'progress', text: `${sparkPart}; ${flinkPart}.` }];
}

/**
 * The backpressure lesson, when both runs show it: Flink's source read slower than records arrived
 * (flow control throttled it), so its lag grew; Spark has no flow control, so its batches overran the
 * trigger and each read more and took longer than the one before.
 */
function backpressureDifferences(settings: Settings | undefined, spark: Run, flink: Run): Difference[] {
  const trigger = settings?.microbatch?.trigger;
  const intervalMs = trigger && trigger.kind === 'processingTime' ? trigger.intervalMs : 0;
  const withData = spark.batches.filter((b) => b.inputRecords > 0);
  const took = (b: (typeof withData)[number]) => b.endMs - b.startMs;
  const firstOverrun = intervalMs > 0 ? withData.find((b) => took(b) > intervalMs) : undefined;
  const longest = withData.reduce<(typeof withData)[number] | undefined>((m, b) => (!m || took(b) > took(m) ? b : m), undefined);
  let lag = 0;
  let lagAt = 0;
  for (const x of flink.sampleLog ?? []) {
    const total = Object.values(x.sourceLag).reduce((a, b) => a + b, 0);
    if (total > lag) (lag = total), (lagAt = x.atMs);
  }
  const sparkGrew = firstOverrun && longest && took(longest) >= 1.5 * took(firstOverrun) && longest.batchId > firstOverrun.batchId;
  if (!sparkGrew || lag === 0) return [];
  return [{
    topic: 'backpressure',
    text: `Flink's source was throttled by backpressure: it read only as fast as the slowest branch took records, and its lag (records arrived but not yet read) grew to ${lag} by ${formatMs(lagAt)}. Spark has no flow control: each batch read everything that had arrived, so from batch ${firstOverrun.batchId}, the first to overrun its ${formatMs(intervalMs)} trigger, batch durations grew from ${formatMs(took(firstOverrun))} to ${formatMs(took(longest))} (batch ${longest.batchId}).`,
  }];
}

function recoveryDifferences(spark: Run, flink: Run): Difference[] {
  const a = spark.failures[0];
  const b = flink.failures[0];
  if (!a && !b) return [];
  const sparkPart = a
    ? typeof a.rerunBatchId === 'number'
      ? `Spark re-ran batch ${a.rerunBatchId} from its offsets log at ${formatMs(a.resumedAtMs ?? a.atMs)}`
      : `Spark resumed after batch ${a.restoredFrom ?? '—'} at ${formatMs(a.resumedAtMs ?? a.atMs)}`
    : spark.crashes.length > 0 ? 'Spark has not recovered yet' : 'Spark did not fail';
  const flinkPart = b
    ? `Flink restored ${b.restoredFrom === null ? 'from the beginning (no checkpoint yet)' : `checkpoint ${b.restoredFrom}`}${newerSavepoint(flink, b)} and replayed its sources from there at ${formatMs(b.resumedAtMs ?? b.atMs)}`
    : flink.crashes.length > 0 ? 'Flink has not recovered yet' : 'Flink did not fail';
  return [{ topic: 'recovery', text: `After the failure ${sparkPart}; ${flinkPart}.` }];
}

/** A savepoint completed after the checkpoint a failover restored, and before the failure: failover never uses it. */
function newerSavepoint(flink: Run, failure: Run['failures'][number]): string {
  const restored = flink.checkpoints.find((c) => c.id === failure.restoredFrom && c.status === 'completed');
  const after = restored?.completedAtMs ?? -Infinity;
  const sp = flink.checkpoints.filter((c) => c.kind === 'savepoint' && c.status === 'completed' && c.completedAtMs !== null && c.completedAtMs > after && c.completedAtMs <= failure.atMs).at(-1);
  return sp ? ` (not savepoint ${sp.id}, which is newer: failover restores checkpoints only)` : '';
}
