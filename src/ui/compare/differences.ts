// The differences between a micro-batch (Spark) run and a dataflow (Flink) run of the same job, in
// plain words, computed from the two runs' aggregated facts: when each window was first emitted,
// where late records went, duplicates in the sinks, when the first row reached each sink, batches
// against checkpoints, and how each recovered from a failure. Pure, so it is tested in Node and
// recomputed a few times a second, never per fact.
import type { Job, JobNode, SinkWrite } from '../../model/index.ts';
import { formatMs, formatWindow } from '../lib/format.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';

export type Topic = 'windows' | 'late' | 'duplicates' | 'latency' | 'output' | 'progress' | 'recovery';
export type Difference = { topic: Topic; text: string };

type Run = Pick<RunData, 'firstEmitted' | 'lateTotals' | 'sinks' | 'txns' | 'firstWritten' | 'batches' | 'checkpoints' | 'failures' | 'crashes'>;

/** `finished`: both runs are over, so what one engine never did can be said as such. */
export function compareRuns(job: Pick<Job, 'nodes'> & { settings?: Pick<Job['settings'], 'microbatch'> }, spark: Run, flink: Run, finished: boolean): Difference[] {
  const outputMode = job.settings?.microbatch.outputMode ?? 'append';
  return [
    ...windowDifferences(job.nodes, spark, flink, finished, outputMode),
    ...lateDifferences(spark, flink),
    ...sinkDifferences(job.nodes, spark, flink),
    ...progressDifferences(spark, flink),
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
      const list = missing.slice(0, 2).map(name).join(', ') + (missing.length > 2 ? ` and ${missing.length - 2} more` : '');
      const why = engine === 'Spark' ? ': no later batch ran with a watermark past its end' : '';
      out.push({ topic: 'windows', text: finished ? `${engine} never emitted ${list}${why}.` : `${engine} has not emitted ${list} yet.` });
    }
  }
  // Say once what Spark's first row of a window is when it is not final (append mode's is).
  const first = out.findIndex((d) => d.topic === 'windows' && /emitted .*(earlier|at the same processing time)/.test(d.text));
  if (first >= 0 && partialNote[outputMode]) out[first] = { ...out[first], text: out[first].text + partialNote[outputMode] };
  return out;
}

const byStart = (x: string, y: string) => Number(x.split(':')[0]) - Number(y.split(':')[0]);

function lateDifferences(spark: Run, flink: Run): Difference[] {
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
  if (sparkTotal !== flinkTotal && sparkTotal > 0 && flinkTotal > 0) {
    out.push({ topic: 'late', text: `They disagree on what is late (Spark ${sparkTotal}, Flink ${flinkTotal}): Spark checks rows against the watermark of the batch before, Flink against its watermark when the record arrives.` });
  }
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
    ? `Flink restored ${b.restoredFrom === null ? 'from the beginning (no checkpoint yet)' : `checkpoint ${b.restoredFrom}`} and replayed its sources from there at ${formatMs(b.resumedAtMs ?? b.atMs)}`
    : flink.crashes.length > 0 ? 'Flink has not recovered yet' : 'Flink did not fail';
  return [{ topic: 'recovery', text: `After the failure ${sparkPart}; ${flinkPart}.` }];
}
