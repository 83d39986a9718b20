// One DataFrame statement per node of the PySpark export.
import { toSql, fromPortOf, portOf, isEventTimeWindow } from '../model/index.ts';
import type { JobEdge, JobNode, NodeOf } from '../model/index.ts';
import { dedupKeys, downstreamOf, endsInput, exprOf, joinSchema, mapChangesTs, typeIn, type Schema } from './analysis.ts';
import { missingFields, type FieldType } from './exprTypes.ts';
import { jobSlug } from './flinkSqlDdl.ts';
import { pyWindow } from './pysparkWindow.ts';
import { chain, sparkCol, colName, pyComment, warnPy, type PyCtx, type PyVar } from './pysparkContext.ts';
import { commentLines, describe, durationWords, sampleRecords } from './shared.ts';
import { pyString, quoted, sparkQuoted, ticked } from './escape.ts';

const SPARK_TYPES: Record<FieldType, string> = { int: 'BIGINT', double: 'DOUBLE', string: 'STRING', boolean: 'BOOLEAN', timestamp: 'TIMESTAMP', unknown: 'STRING' };

export function exprPy(ctx: PyCtx, node: JobNode, source: string, fields: Schema): string {
  const e = exprOf(source);
  const missing = missingFields(e, fields);
  if (missing.length > 0) {
    warnPy(ctx, node.id, `reads ${missing.map((m) => `${ticked(m)}`).join(', ')}, which its input does not have in this export (Streamlab reads a missing field as NULL; Spark rejects the query)`);
  }
  return `F.expr(${pyString(toSql(e))})`;
}

function inputOf(ctx: PyCtx, node: JobNode, edges: readonly JobEdge[]): PyVar | null {
  const vars: PyVar[] = [];
  for (const e of edges) {
    const v = fromPortOf(e) === 'late' ? null : ctx.vars.get(e.from);
    if (v) vars.push(v);
    else {
      const from = ctx.a.graph.nodes.get(e.from)!;
      warnPy(ctx, node.id, `its input from the late output of ${from.kind} ${quoted(e.from)} does not exist in Spark, which has no side outputs, so it receives nothing from it`);
    }
  }
  if (vars.length <= 1) return vars[0] ?? null;
  const fields = ctx.a.info.get(node.id)!.inSchema;
  const expr = vars.slice(1).reduce((acc, v) => `${acc}.unionByName(${v.name}, allowMissingColumns=True)`, vars[0].name);
  return { name: expr, fields, watermarked: vars.some((v) => v.watermarked) };
}

export function emitPyNode(ctx: PyCtx, node: JobNode): void {
  const { body } = ctx;
  body.push(pyComment(describe(node)));
  if (node.kind === 'source') return emitSource(ctx, node);
  if (node.kind === 'join') return emitJoin(ctx, node);
  const info = ctx.a.info.get(node.id)!;
  const input = inputOf(ctx, node, info.inputs);
  if (!input) {
    body.push('# Left out: nothing reaches it in Spark.', '');
    return;
  }
  const name = ctx.names.name(node.id);
  const set = (v: Partial<PyVar> = {}) => ctx.vars.set(node.id, { name, fields: info.schema, watermarked: input.watermarked, ...v });
  switch (node.kind) {
    case 'watermark':
      if (node.params.idleTimeoutMs !== undefined) {
        warnPy(ctx, node.id, `idle timeout ${node.params.idleTimeoutMs} ms: Spark has no idle inputs; an input without new data keeps its watermark, and with the min policy holds the query's watermark back`);
      }
      body.push(`${name} = ${input.name}.withWatermark(${pyString(ctx.ET)}, ${pyString(durationWords(node.params.delayMs))})`, '');
      set({ watermarked: true });
      return;
    case 'keyBy':
      body.push(pyComment(`Groups by ${ticked(node.params.key)} in the window, dedup or join that follows (Spark's groupBy); no statement of its own.`), '');
      ctx.vars.set(node.id, input);
      return;
    case 'filter':
      body.push(`${name} = ${input.name}.where(${exprPy(ctx, node, node.params.predicate, input.fields)})`, '');
      break;
    case 'map': {
      const cols: string[] = [];
      const setsTs = 'ts' in node.params.fields;
      const changesTs = mapChangesTs(node);
      if (!setsTs && input.fields.some((f) => f.name === 'ts')) cols.push(sparkCol('ts'));
      for (const [f, src] of Object.entries(node.params.fields)) cols.push(`${exprPy(ctx, node, src, input.fields)}.alias(${pyString(f)})`);
      if (changesTs && !input.watermarked) cols.push(`F.timestamp_millis(${exprPy(ctx, node, node.params.fields.ts, input.fields)}).alias(${pyString(ctx.ET)})`);
      else {
        if (changesTs) warnPy(ctx, node.id, `sets ts after a watermark: the event-time column ${ctx.ET}, which carries the watermark, keeps the earlier time`);
        cols.push(sparkCol(ctx.ET));
      }
      body.push(...chain(name, `${input.name}.select(`, [...cols.map((c) => `    ${c},`), ')']));
      break;
    }
    case 'union':
      body.push(`${name} = ${input.name}`, '');
      break;
    case 'dropLate':
      warnPy(ctx, node.id, `dropLate has no effect in Spark: a watermark drops late rows only in stateful operators (aggregations, deduplication, joins), so every row passes${node.params.lateOutput ? `, and its late output ${quoted(node.params.lateOutput)} stays empty` : ''}`);
      ctx.vars.set(node.id, input);
      body.push('');
      return;
    case 'dedup': {
      const keys = dedupKeys(node);
      const within = node.params.withinMs;
      if (within !== undefined) {
        if (!input.watermarked) warnPy(ctx, node.id, 'dropDuplicatesWithinWatermark needs a watermark upstream, and none is there');
        const delays = watermarkDelays(ctx, node.id);
        if (delays.some((d) => d !== within)) {
          warnPy(ctx, node.id, `withinMs ${within}: Spark's dropDuplicatesWithinWatermark keeps a key until the watermark passes its first event time plus the watermark delay (${delays.join(', ')} ms here), not plus withinMs`);
        }
        body.push(`${name} = ${input.name}.dropDuplicatesWithinWatermark([${keys.map(pyString).join(', ')}])`, '');
      } else {
        // The event-time column in the key lets the watermark drop late rows and evict state.
        const sparkKeys = keys.map((k) => (k === 'ts' && input.watermarked ? ctx.ET : k));
        if (sparkKeys.includes(ctx.ET)) body.push(pyComment(`The key holds the event time (${ctx.ET} for ts): the watermark evicts old keys and drops late rows.`));
        else body.push('# No event time in the key: Spark keeps every key for ever.');
        body.push(`${name} = ${input.name}.dropDuplicates([${sparkKeys.map(pyString).join(', ')}])`, '');
      }
      break;
    }
    case 'window':
      pyWindow(ctx, node, input, name);
      return;
    case 'sink':
      emitSink(ctx, node, input);
      return;
  }
  set();
}

/** Delays of the watermark nodes upstream of a node. */
function watermarkDelays(ctx: PyCtx, id: string): number[] {
  const up = ctx.a.order.filter((n) => n.kind === 'watermark' && downstreamOf(ctx.a, n.id).some((d) => d.id === id));
  return [...new Set(up.map((n) => (n as NodeOf<'watermark'>).params.delayMs))];
}

function emitSource(ctx: PyCtx, node: NodeOf<'source'>): void {
  const { body } = ctx;
  const name = ctx.names.name(node.id);
  const { connector, partitions, generator } = node.params;
  const fields = ctx.a.info.get(node.id)!.schema;
  const schema = fields.map((f) => `${sparkQuoted(f.name)} ${f.name === 'ts' ? 'BIGINT' : SPARK_TYPES[f.type]}`).join(', ');
  const limit = ctx.job.settings.microbatch.maxRecordsPerTrigger;
  const sample = sampleRecords(node);
  let calls: string[];
  let first: string;
  if (connector === 'rate' && generator) {
    const keys = typeof generator.keys === 'number' ? null : generator.keys;
    const key = keys === null
      ? `F.concat(F.lit("k"), (F.col("value") % ${generator.keys}).cast("string"))`
      : `F.element_at(F.array(${keys.map((k) => (typeof k === 'string' ? `F.lit(${pyString(k)})` : `F.lit(${k})`)).join(', ')}), (F.col("value") % ${keys.length} + 1).cast("int"))`;
    const v = generator.value ?? { kind: 'constant' as const, value: 1 };
    const value = v.kind === 'constant' ? `F.lit(${v.value})`
      : Number.isInteger(v.min) && Number.isInteger(v.max) ? `(F.floor(F.rand() * ${v.max - v.min + 1}) + ${v.min}).cast("bigint")`
      : `F.rand() * ${v.max - v.min} + ${v.min}`;
    body.push(`# Spark's rate source: ${generator.ratePerSec} rows/s, keys and values like the generator's, event time = the row's timestamp.`);
    if (limit !== null) warnPy(ctx, node.id, `maxRecordsPerTrigger ${limit}: the rate source has no per-batch limit (rowsPerSecond sets its pace)`);
    first = 'spark.readStream.format("rate")';
    calls = [
      `.option("rowsPerSecond", ${Math.max(1, Math.round(generator.ratePerSec))})`,
      `.option("numPartitions", ${partitions})`,
      '.load()',
      `.select(F.unix_millis("timestamp").alias("ts"), ${key}.alias("key"), ${value}.alias("value"))`,
    ];
  } else if (connector === 'socket') {
    body.push('# A socket source: one JSON record per line from localhost:9999 (e.g. nc -lk 9999); not fault-tolerant.');
    if (limit !== null) warnPy(ctx, node.id, `maxRecordsPerTrigger ${limit}: the socket source has no per-batch limit`);
    first = 'spark.readStream.format("socket")';
    calls = ['.option("host", "localhost")', '.option("port", 9999)', '.load()', `.select(F.from_json(F.col("value"), ${pyString(schema)}).alias("record"))`, '.select("record.*")'];
  } else {
    if (connector === 'rate') warnPy(ctx, node.id, `a rate source with scripted records, not a generator: it reads the Kafka topic ${quoted(node.id)} instead`);
    body.push(pyComment(`Kafka topic ${quoted(node.id)}, ${partitions} partition${partitions === 1 ? '' : 's'}.`));
    if (endsInput(node)) {
      body.push(
        ...commentLines(
          '# ',
          "Bounded in Streamlab (it ends after its last record): Spark's Kafka source has no bounded mode, so the query reads on. Nothing is lost: a micro-batch query has no end-of-input watermark, in Spark as in Streamlab's micro-batch mode.",
        ),
      );
    }
    first = 'spark.readStream.format("kafka")';
    calls = [
      '.option("kafka.bootstrap.servers", BOOTSTRAP_SERVERS)',
      `.option("subscribe", ${pyString(node.id)})`,
      '.option("startingOffsets", "earliest")',
      ...(limit !== null ? [`.option("maxOffsetsPerTrigger", ${limit})`] : []),
      '.load()',
      `.select(F.from_json(F.col("value").cast("string"), ${pyString(schema)}).alias("record"))`,
      '.select("record.*")',
    ];
  }
  if (sample.length > 0 && !(connector === 'rate' && generator)) body.push('# Its first scripted records, as messages:', ...sample.map((s) => pyComment(`  ${s}`)));
  body.push(...chain(name, first, [...calls, `.withColumn(${pyString(ctx.ET)}, F.timestamp_millis("ts"))`]));
  ctx.vars.set(node.id, { name, fields, watermarked: false });
}

function emitJoin(ctx: PyCtx, node: NodeOf<'join'>): void {
  const info = ctx.a.info.get(node.id)!;
  const left = inputOf(ctx, node, info.inputs.filter((e) => portOf(e) === 'left'));
  const right = inputOf(ctx, node, info.inputs.filter((e) => portOf(e) === 'right'));
  if (!left || !right) {
    ctx.body.push('# Left out: an input is missing.', '');
    return;
  }
  const { leftKey, rightKey, lowerBoundMs, upperBoundMs } = node.params;
  const type = node.params.type ?? 'inner';
  const ET = colName(ctx.ET);
  const bound = (ms: number) => (ms === 0 ? `l.${ET}` : `l.${ET} ${ms < 0 ? '-' : '+'} INTERVAL ${durationWords(Math.abs(ms)).toUpperCase()}`);
  const condition = `l.${colName(leftKey)} = r.${colName(rightKey)} AND r.${ET} BETWEEN ${bound(lowerBoundMs)} AND ${bound(upperBoundMs)}`;
  const exprs = new Map<string, string>();
  const leftNames = new Set(left.fields.map((f) => f.name));
  for (const f of left.fields) exprs.set(f.name, `F.col(${pyString(`l.${colName(f.name)}`)})`);
  for (const f of right.fields) exprs.set(leftNames.has(f.name) ? `right_${f.name}` : f.name, `F.col(${pyString(`r.${colName(f.name)}`)})`);
  exprs.set('key', `F.coalesce(F.col(${pyString(`l.${colName(leftKey)}`)}), F.col(${pyString(`r.${colName(rightKey)}`)}))`);
  exprs.set('ts', 'F.greatest(F.col("l.ts"), F.col("r.ts"))');
  const side = type === 'rightOuter' ? 'r' : 'l';
  exprs.set(ctx.ET, `F.col(${pyString(`${side}.${ET}`)})`);
  const later = downstreamOf(ctx.a, node.id).filter((n) => isEventTimeWindow(n) || n.kind === 'dedup');
  if (later.length > 0 && (upperBoundMs > 0 || type !== 'inner')) {
    warnPy(ctx, node.id, `its result's event time (${ctx.ET}, for ${later.map((n) => `${quoted(n.id)}`).join(', ')} downstream) is the ${side === 'l' ? 'left' : 'right'} row's; Streamlab uses the later of the two rows' times`);
  }
  if (!left.watermarked || !right.watermarked) {
    warnPy(ctx, node.id, `${!left.watermarked ? 'the left' : 'the right'} input has no watermark: Spark keeps that side's rows for ever${type !== 'inner' ? ', and rejects an outer join' : ''}`);
  }
  const how = { inner: 'inner', leftOuter: 'left_outer', rightOuter: 'right_outer', fullOuter: 'full_outer' }[type];
  const name = ctx.names.name(node.id);
  ctx.body.push(
    `# Stream-stream join: right.ts within [left.ts ${lowerBoundMs < 0 ? '-' : '+'} ${Math.abs(lowerBoundMs)} ms, left.ts ${upperBoundMs < 0 ? '-' : '+'} ${Math.abs(upperBoundMs)} ms].`,
    ...chain(name, `${left.name}.alias("l")`, [
      `.join(${right.name}.alias("r"), F.expr(${pyString(condition)}), ${pyString(how)})`,
      '.select(',
      ...[...exprs].map(([f, e]) => `    ${e}.alias(${pyString(f)}),`),
      ')',
    ]),
  );
  ctx.vars.set(node.id, { name, fields: joinSchema(left.fields, right.fields, typeIn(left.fields, leftKey)), watermarked: left.watermarked || right.watermarked });
}

function emitSink(ctx: PyCtx, node: NodeOf<'sink'>, input: PyVar): void {
  const mb = ctx.job.settings.microbatch;
  const { connector, delivery } = node.params;
  const cols = input.fields.map((f) => pyString(colName(f.name))).join(', ');
  const calls: string[] = [];
  if (connector === 'kafka') {
    if (delivery === 'exactly-once') warnPy(ctx, node.id, 'exactly-once to Kafka: Spark\'s Kafka sink is at-least-once; a batch re-run after a failure writes its rows again');
    calls.push(`.select(F.to_json(F.struct(${cols})).alias("value"))`, '.writeStream.format("kafka")', '.option("kafka.bootstrap.servers", BOOTSTRAP_SERVERS)', `.option("topic", ${pyString(node.id)})`);
  } else if (connector === 'file') {
    if (mb.outputMode !== 'append') warnPy(ctx, node.id, `the file sink takes append mode only, and the job's output mode is ${mb.outputMode}`);
    body(ctx, '# Exactly-once: the file sink records each batch\'s files in its _spark_metadata log.');
    calls.push(`.select(${cols})`, '.writeStream.format("json")', `.option("path", ${pyString(`/tmp/streamlab/${jobSlug(ctx.job)}/${node.id}`)})`);
  } else {
    if (delivery === 'exactly-once') warnPy(ctx, node.id, 'exactly-once to the console: the console sink is for debugging and not fault-tolerant');
    calls.push(`.select(${cols})`, '.writeStream.format("console")', '.option("truncate", False)');
  }
  calls.push(`.outputMode(${pyString(mb.outputMode)})`);
  const t = mb.trigger;
  if (t.kind === 'processingTime') {
    if (t.intervalMs > 0) calls.push(`.trigger(processingTime=${pyString(durationWords(t.intervalMs))})`);
    else body(ctx, '# No trigger: the next batch starts as soon as the last one ends (processingTime 0).');
  } else if (t.kind === 'once') calls.push('.trigger(once=True)');
  else if (t.kind === 'availableNow') calls.push('.trigger(availableNow=True)');
  else calls.push(`.trigger(continuous=${pyString(durationWords(t.checkpointIntervalMs))})`);
  if (mb.asyncProgressTracking) {
    const stateful = ctx.a.order.some((n) => n.kind === 'window' || n.kind === 'dedup' || n.kind === 'join');
    if (stateful || connector !== 'kafka' || t.kind !== 'processingTime') {
      warnPy(ctx, node.id, 'asynchronous progress tracking: Spark supports it only for stateless queries with a Kafka sink and a processing-time trigger, which this query is not');
    }
    calls.push('.option("asyncProgressTrackingEnabled", "true")');
    const interval = mb.asyncProgressTrackingIntervalMs;
    if (typeof interval === 'number') calls.push(`.option("asyncProgressTrackingCheckpointIntervalMs", ${interval})`);
  }
  calls.push(`.option("checkpointLocation", CHECKPOINTS + ${pyString(`/${node.id}`)})`, `.queryName(${pyString(node.id)})`, '.start()');
  const name = ctx.names.name(`${node.id}:query`, `${node.id}_query`);
  ctx.body.push(...chain(name, input.name, calls));
  ctx.queries.push(name);
}

const body = (ctx: PyCtx, line: string) => ctx.body.push(line);

