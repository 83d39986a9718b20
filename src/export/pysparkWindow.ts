// The window node in the PySpark export: groupBy(window / session_window / nothing for the global
// window, and the key), the aggregates, then the record shape Streamlab's window results have.
import type { NodeOf, AggSpec } from '../model/index.ts';
import { chain, sparkCol, warnPy, type PyCtx, type PyVar } from './pysparkContext.ts';
import { durationWords } from './shared.ts';
import { pyString, quoted } from './escape.ts';

function aggPy(a: AggSpec): string {
  const value = a.field === undefined ? 'F.lit(1)' : sparkCol(a.field);
  const fn = a.fn === 'count' ? 'count' : a.fn;
  return `F.${fn}(${value}).alias(${pyString(a.as)})`;
}

/** What the window's trigger, lateness and side output ask for that Spark cannot do. */
function caveats(ctx: PyCtx, node: NodeOf<'window'>): void {
  const { trigger, allowedLatenessMs = 0, lateOutput, assigner } = node.params;
  const mode = ctx.job.settings.microbatch.outputMode;
  const emits = {
    append: 'once, in the first batch whose watermark has passed the window\'s end',
    update: 'in every batch that changes it',
    complete: 'in every batch (the whole result table)',
  }[mode];
  const what: string[] = [];
  if (trigger?.kind === 'count') what.push(`CountTrigger.of(${trigger.count})`);
  if (trigger?.kind === 'processingTime') what.push('a processing-time trigger');
  if (trigger?.kind === 'eventTime' && trigger.early) what.push(`early firings (${trigger.early.kind})`);
  if (trigger?.kind === 'eventTime' && trigger.late && trigger.late.count > 1 && allowedLatenessMs > 0) what.push(`late firings every ${trigger.late.count} elements`);
  if (what.length > 0) {
    warnPy(ctx, node.id, `${what.join(' and ')}: Spark has no per-window trigger; the query's trigger and output mode decide, and in ${mode} mode a window's row is written ${emits}`);
  }
  if (trigger?.accumulation === 'discarding' && mode !== 'append') {
    warnPy(ctx, node.id, `discarding: Spark's ${mode} mode writes each window's full aggregate so far (accumulating)`);
  }
  if (allowedLatenessMs > 0 && assigner.time !== 'processing') {
    warnPy(ctx, node.id, `allowed lateness ${allowedLatenessMs} ms: Spark has none; a row is dropped once the watermark has passed its window's end, so the watermark delay is the only slack`);
  }
  if (lateOutput !== undefined) {
    warnPy(ctx, node.id, `late side output ${quoted(lateOutput)}: Spark has no side output; late rows are dropped and counted (numRowsDroppedByWatermark), and what reads ${quoted(lateOutput)} gets nothing`);
  }
  if (assigner.kind === 'global' && mode === 'append') {
    warnPy(ctx, node.id, 'a global window (groupBy without a time window) in append mode: Spark rejects it, as a row could change later; use update or complete mode');
  }
  if (assigner.time === 'processing') {
    ctx.body.push('# Processing-time windows by the batch\'s time (current_timestamp()), as Streamlab\'s micro-batch mode does.');
  }
}

export function pyWindow(ctx: PyCtx, node: NodeOf<'window'>, input: PyVar, name: string): void {
  const info = ctx.a.info.get(node.id)!;
  const { assigner } = node.params;
  caveats(ctx, node);
  const timeCol = assigner.time === 'processing' ? 'F.current_timestamp()' : pyString(ctx.ET);
  const groups: string[] = [];
  let windowCol: string | null = null;
  if (assigner.kind === 'tumbling') {
    groups.push(`F.window(${timeCol}, ${pyString(durationWords(assigner.sizeMs))})`);
    windowCol = 'window';
  } else if (assigner.kind === 'sliding') {
    groups.push(`F.window(${timeCol}, ${pyString(durationWords(assigner.sizeMs))}, ${pyString(durationWords(assigner.slideMs))})`);
    windowCol = 'window';
  } else if (assigner.kind === 'session') {
    groups.push(`F.session_window(${timeCol}, ${pyString(durationWords(assigner.gapMs))})`);
    windowCol = 'session_window';
  }
  const key = info.keyField;
  if (key !== null) groups.push(key === 'key' ? sparkCol('key') : `${sparkCol(key)}.alias("key")`);
  const out: string[] = [];
  if (key !== null) out.push(sparkCol('key'));
  if (windowCol !== null) {
    out.push(`F.unix_millis(F.col("${windowCol}.start")).alias("windowStart")`, `F.unix_millis(F.col("${windowCol}.end")).alias("windowEnd")`);
  }
  for (const a of info.aggs) out.push(sparkCol(a.as));
  if (windowCol !== null) {
    out.push(`(F.unix_millis(F.col("${windowCol}.end")) - 1).alias("ts")`, `F.window_time(${pyString(windowCol)}).alias(${pyString(ctx.ET)})`);
  }
  const calls = [`.groupBy(${groups.join(', ')})`, `.agg(${info.aggs.map(aggPy).join(', ')})`, '.select(', ...out.map((c) => `    ${c},`), ')'];
  ctx.body.push(...chain(name, input.name, calls));
  ctx.vars.set(node.id, { name, fields: info.schema, watermarked: windowCol !== null && input.watermarked });
}
