// The window node in the Flink DataStream export: assigner, trigger (built-in, or the custom
// EarlyLateTrigger, purging when discarding), allowed lateness, late side output, aggregation.
import type { NodeOf } from '../model/index.ts';
import { firesOnWatermark, hasPunctuatedWatermarks } from '../model/index.ts';
import { sourcesBehind } from './analysis.ts';
import { indent, indent2, javaDuration, keyBy, naming, warnJava, type JavaCtx, type JavaVar } from './flinkJavaContext.ts';
import { javaString } from './javaExpr.ts';
import { quoted } from './escape.ts';

const strings = (xs: (string | null)[]) => `new String[] {${xs.map((x) => (x === null ? 'null' : javaString(x))).join(', ')}}`;

function assignerCode(ctx: JavaCtx, node: NodeOf<'window'>): { code: string; windowType: string } {
  const a = node.params.assigner;
  const p = a.time === 'processing' ? 'ProcessingTime' : 'EventTime';
  const pkg = 'org.apache.flink.streaming.api.windowing.assigners';
  switch (a.kind) {
    case 'tumbling':
      ctx.imports.add(`${pkg}.Tumbling${p}Windows`);
      return { code: `Tumbling${p}Windows.of(${javaDuration(a.sizeMs)})`, windowType: 'TimeWindow' };
    case 'sliding':
      ctx.imports.add(`${pkg}.Sliding${p}Windows`);
      return { code: `Sliding${p}Windows.of(${javaDuration(a.sizeMs)}, ${javaDuration(a.slideMs)})`, windowType: 'TimeWindow' };
    case 'session':
      ctx.imports.add(`${pkg}.${p}SessionWindows`);
      return { code: `${p}SessionWindows.withGap(${javaDuration(a.gapMs)})`, windowType: 'TimeWindow' };
    case 'global': {
      ctx.imports.add(`${pkg}.GlobalWindows`);
      ctx.imports.add('org.apache.flink.streaming.api.windowing.windows.GlobalWindow');
      // A global window never fires by itself; with the event-time trigger it fires at end of input.
      const t = node.params.trigger;
      const endOfStream = (t === undefined || t.kind === 'eventTime') && !(t?.kind === 'eventTime' && (t.early || t.late));
      return { code: endOfStream ? 'GlobalWindows.createWithEndOfStreamTrigger()' : 'GlobalWindows.create()', windowType: 'GlobalWindow' };
    }
  }
}

/** `.trigger(...)` for the node, or '' when the assigner's default trigger is what it asks for. */
function triggerCode(ctx: JavaCtx, node: NodeOf<'window'>): string {
  const { trigger, assigner } = node.params;
  const processing = assigner.time === 'processing';
  const pkg = 'org.apache.flink.streaming.api.windowing.triggers';
  const purging = trigger?.accumulation === 'discarding';
  const wrap = (t: string) => {
    if (!purging) return t;
    ctx.imports.add(`${pkg}.PurgingTrigger`);
    return `PurgingTrigger.of(${t})`;
  };
  if (trigger?.kind === 'count') {
    ctx.imports.add(`${pkg}.CountTrigger`);
    return wrap(`CountTrigger.of(${trigger.count})`);
  }
  if (trigger?.kind === 'processingTime' || (trigger === undefined && processing)) {
    if (!purging && processing) return '';
    ctx.imports.add(`${pkg}.ProcessingTimeTrigger`);
    return wrap('ProcessingTimeTrigger.create()');
  }
  const early = trigger?.kind === 'eventTime' ? trigger.early : undefined;
  const lateEvery = trigger?.kind === 'eventTime' ? (trigger.late?.count ?? 1) : 1;
  if (early || lateEvery !== 1) {
    ctx.helpers.add('EarlyLateTrigger');
    const earlyMs = early === undefined ? 0 : early.kind === 'processingTimeDelay' ? early.delayMs : early.intervalMs;
    return wrap(`new EarlyLateTrigger<>(${javaString(early?.kind ?? 'none')}, ${earlyMs}L, ${lateEvery}L)`);
  }
  // The default trigger fires once per window: purging only matters with late firings.
  if (assigner.kind === 'global' || (!processing && !(purging && (node.params.allowedLatenessMs ?? 0) > 0))) return '';
  ctx.imports.add(`${pkg}.EventTimeTrigger`);
  return wrap('EventTimeTrigger.create()');
}

export function javaWindow(ctx: JavaCtx, node: NodeOf<'window'>, input: JavaVar, name: string): void {
  const info = ctx.a.info.get(node.id)!;
  const { allowedLatenessMs = 0, lateOutput, assigner, trigger } = node.params;
  ctx.helpers.add('Acc');
  ctx.helpers.add('Aggregates');
  ctx.helpers.add('Emit');
  ctx.imports.add('org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator');
  const body = ctx.body;
  const bare = firesOnWatermark(node) ? sourcesBehind(ctx.a, node.id).sources : [];
  if (bare.length > 0) {
    const names = bare.map((s) => `${quoted(s)}`).join(', ');
    const punctuated = bare.some((s) => hasPunctuatedWatermarks(ctx.a.graph.nodes.get(s)!));
    const note = punctuated ? ' (the punctuated watermarks in the scripted records are simulation input, not exported)' : '';
    warnJava(ctx, node.id, `no watermark node is between source ${names} and this window: it fires only when the input ends, which a Kafka topic never does${note}`);
  }
  let keyed: string;
  if (input.keyed) keyed = input.name;
  else if (info.keyField !== null) keyed = `${input.name}.${keyBy([info.keyField])}`;
  else {
    body.push(`${indent}// No keyBy before it: one key for every record (what windowAll does, at parallelism 1).`);
    keyed = `${input.name}.keyBy(r -> "", Types.STRING)`;
  }
  const { code: assignerJava } = assignerCode(ctx, node);
  const triggerJava = triggerCode(ctx, node);
  const lines = [`${indent}SingleOutputStreamOperator<Row> ${name} = ${keyed}`, `${indent2}.window(${assignerJava})`];
  if (triggerJava) lines.push(`${indent2}.trigger(${triggerJava})`);
  if (allowedLatenessMs > 0) lines.push(`${indent2}.allowedLateness(${javaDuration(allowedLatenessMs)})`);
  let tag: string | null = null;
  if (lateOutput !== undefined) {
    ctx.imports.add('org.apache.flink.util.OutputTag');
    tag = ctx.names.name(`${node.id}:tag`, `${node.id}-${lateOutput}-tag`);
    body.push(`${indent}OutputTag<Row> ${tag} = new OutputTag<>(${javaString(lateOutput)}, ROW);`);
    lines.push(`${indent2}.sideOutputLateData(${tag})`);
  }
  const fns = info.aggs.map((a) => a.fn);
  const fields = info.aggs.map((a) => a.field ?? null);
  const names = info.aggs.map((a) => a.as);
  const session = assigner.kind === 'session';
  const eventTimeTrigger = (trigger?.kind ?? (assigner.time === 'processing' ? 'processingTime' : 'eventTime')) === 'eventTime';
  if (session) body.push(`${indent}// Session windows merge, and merging windows keep no per-window state: the results carry no pane fields.`);
  lines.push(
    `${indent2}.aggregate(`,
    `${indent2}    new Aggregates(${info.keyField === null ? 'null' : javaString(info.keyField)}, ${strings(fns)}, ${strings(fields)}),`,
    `${indent2}    new Emit<>(${info.keyField !== null}, ${strings(fns)}, ${strings(names)}, ${!session}, ${eventTimeTrigger}),`,
    `${indent2}    TypeInformation.of(Acc.class),`,
    `${indent2}    ROW)`,
    `${indent2}${naming(node)};`,
  );
  body.push(...lines);
  if (tag !== null) {
    const late = ctx.names.name(`${node.id}:late`, `${node.id}-${lateOutput}`);
    body.push(`${indent}DataStream<Row> ${late} = ${name}.getSideOutput(${tag});`);
    ctx.lateVars.set(node.id, late);
  }
  body.push('');
  ctx.vars.set(node.id, { name, keyed: false });
}
