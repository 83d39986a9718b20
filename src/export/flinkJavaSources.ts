// Sources of the Flink DataStream export (Kafka, socket, rate generator) and their watermark strategy.
import type { NodeOf } from '../model/index.ts';
import { jobSlug } from './flinkSqlDdl.ts';
import { indent, indent2, javaComment, javaDuration, naming, addImports, warnJava, type JavaCtx } from './flinkJavaContext.ts';
import { javaDouble, javaString } from './javaExpr.ts';
import { sampleRecords } from './shared.ts';
import { endsInput } from './analysis.ts';
import { quoted } from './escape.ts';

/** Declares `<name>Watermarks`, the node's WatermarkStrategy (timestamps from `ts`), and returns its name. */
export function strategy(ctx: JavaCtx, key: string, wm: NodeOf<'watermark'> | null): string {
  addImports(ctx, 'org.apache.flink.api.common.eventtime.WatermarkStrategy');
  const name = ctx.names.name(`${key}:watermarks`, `${key}Watermarks`);
  const lines = [`${indent}WatermarkStrategy<Row> ${name} = WatermarkStrategy`];
  if (!wm) lines.push(`${indent2}.<Row>noWatermarks()`);
  else {
    lines.push(`${indent2}.<Row>forBoundedOutOfOrderness(${javaDuration(wm.params.delayMs)})`);
    if (wm.params.idleTimeoutMs !== undefined) lines.push(`${indent2}.withIdleness(${javaDuration(wm.params.idleTimeoutMs)})`);
  }
  lines.push(`${indent2}.withTimestampAssigner((r, previous) -> Sql.ts(r));`);
  ctx.body.push(...lines);
  return name;
}

/** A watermark node right after a source that feeds nothing else: its strategy goes into fromSource. */
export function foldedWatermark(ctx: JavaCtx, source: NodeOf<'source'>): NodeOf<'watermark'> | null {
  const outs = ctx.a.graph.outputs.get(source.id)!;
  if (outs.length !== 1) return null;
  const next = ctx.a.graph.nodes.get(outs[0].to)!;
  return next.kind === 'watermark' && ctx.a.graph.inputs.get(next.id)!.length === 1 ? next : null;
}

export function emitSource(ctx: JavaCtx, node: NodeOf<'source'>): void {
  const { body } = ctx;
  const name = ctx.names.name(node.id);
  const { connector, partitions, generator } = node.params;
  const wm = foldedWatermark(ctx, node);
  const sample = sampleRecords(node);
  const kafka = connector === 'kafka' || (connector === 'rate' && !generator);
  if (kafka) body.push(javaComment(`Kafka topic ${quoted(node.id)}, ${partitions} partition${partitions === 1 ? '' : 's'}.`));
  if (sample.length > 0 && !(connector === 'rate' && generator)) body.push(`${indent}// Its first scripted records, as messages:`, ...sample.map((s) => javaComment(`  ${s}`)));
  if (wm) body.push(javaComment(`Watermarks from watermark ${quoted(wm.id)} (delay ${wm.params.delayMs} ms), in the source.`));
  const watermarks = strategy(ctx, node.id, wm);
  if (connector === 'socket') {
    addImports(ctx, 'java.nio.charset.StandardCharsets', 'org.apache.flink.streaming.api.datastream.DataStream');
    body.push(
      `${indent}// A socket source: one JSON record per line from localhost:9999 (e.g. nc -lk 9999); not parallel, not replayable.`,
      `${indent}DataStream<Row> ${name} = env.socketTextStream("localhost", 9999)`,
      `${indent2}.map(line -> Sql.parse(line.getBytes(StandardCharsets.UTF_8)))`,
      `${indent2}.returns(ROW)`,
      `${indent2}.assignTimestampsAndWatermarks(${watermarks})`,
      `${indent2}${naming(node)};`,
      '',
    );
  } else if (connector === 'rate' && generator) {
    addImports(
      ctx,
      'org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy',
      'org.apache.flink.connector.datagen.source.DataGeneratorSource',
      'org.apache.flink.connector.datagen.source.GeneratorFunction',
      'org.apache.flink.streaming.api.datastream.DataStream',
    );
    const keys = typeof generator.keys === 'number' ? null : generator.keys;
    const key = keys === null
      ? `"k" + (int) (Math.random() * ${generator.keys})`
      : `new Object[] {${keys.map((k) => (typeof k === 'string' ? javaString(k) : javaDouble(k))).join(', ')}}[(int) (Math.random() * ${keys.length})]`;
    const v = generator.value ?? { kind: 'constant' as const, value: 1 };
    const value = v.kind === 'constant' ? javaDouble(v.value)
      : Number.isInteger(v.min) && Number.isInteger(v.max) ? `${javaDouble(v.min)} + Math.floor(Math.random() * ${javaDouble(v.max - v.min + 1)})`
      : `${javaDouble(v.min)} + Math.random() * ${javaDouble(v.max - v.min)}`;
    if (node.params.bounded === false && generator.endMs !== undefined) {
      warnJava(ctx, node.id, `unbounded (bounded: false), but a DataGeneratorSource with a record count ends after its last record and then emits the end-of-input watermark, which fires every open event-time window; Streamlab keeps the source idle instead`);
    }
    const count = generator.endMs !== undefined ? `${Math.max(0, Math.floor(((generator.endMs - (generator.startMs ?? 0)) * generator.ratePerSec) / 1000))}L` : 'Long.MAX_VALUE';
    body.push(
      `${indent}// A rate source: ${generator.ratePerSec} records/s with the generator's keys and values, stamped with the wall clock`,
      `${indent}// (the simulated generator's out-of-order and late records are not reproduced).`,
      `${indent}GeneratorFunction<Long, Row> ${name}Records = i -> {`,
      `${indent}  Row r = Row.withNames();`,
      `${indent}  r.setField("ts", System.currentTimeMillis());`,
      `${indent}  r.setField("key", ${key});`,
      `${indent}  r.setField("value", ${value});`,
      `${indent}  return r;`,
      `${indent}};`,
      `${indent}DataStream<Row> ${name} = env.fromSource(`,
      `${indent2}new DataGeneratorSource<>(${name}Records, ${count}, RateLimiterStrategy.perSecond(${generator.ratePerSec}), ROW),`,
      `${indent2}${watermarks},`,
      `${indent2}${javaString(node.id)})`,
      `${indent2}.uid(${javaString(node.id)})${node.parallelism !== undefined ? `.setParallelism(${node.parallelism})` : ''};`,
      '',
    );
  } else {
    if (connector !== 'kafka') warnJava(ctx, node.id, `a rate source with scripted records, not a generator: it reads the Kafka topic ${quoted(node.id)} instead`);
    addImports(
      ctx,
      'org.apache.flink.connector.kafka.source.KafkaSource',
      'org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer',
      'org.apache.flink.streaming.api.datastream.DataStream',
    );
    ctx.helpers.add('JsonRows');
    body.push(
      `${indent}KafkaSource<Row> ${name}Source = KafkaSource.<Row>builder()`,
      `${indent2}.setBootstrapServers(BOOTSTRAP_SERVERS)`,
      `${indent2}.setTopics(${javaString(node.id)})`,
      `${indent2}.setGroupId(${javaString(`${jobSlug(ctx.job)}-${node.id}`)})`,
      `${indent2}.setStartingOffsets(OffsetsInitializer.earliest())`,
      // Bounded (spec: `bounded`): reads what the topic holds at the start, then ends with the end-of-input watermark.
      ...(endsInput(node) ? [`${indent2}.setBounded(OffsetsInitializer.latest())`] : []),
      `${indent2}.setValueOnlyDeserializer(new JsonRows())`,
      `${indent2}.build();`,
      `${indent}DataStream<Row> ${name} = env.fromSource(${name}Source, ${watermarks}, ${javaString(node.id)})`,
      `${indent2}.uid(${javaString(node.id)})${node.parallelism !== undefined ? `.setParallelism(${node.parallelism})` : ''};`,
      '',
    );
  }
  ctx.vars.set(node.id, { name, keyed: false });
}

