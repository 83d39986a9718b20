// One Java statement (or a few) per node of the Flink DataStream export.
import type { JobEdge, JobNode, NodeOf } from '../model/index.ts';
import { fromPortOf, portOf } from '../model/index.ts';
import { dedupKeys, exprOf } from './analysis.ts';
import { emitSource, foldedWatermark, strategy } from './flinkJavaSources.ts';
import { javaWindow } from './flinkJavaWindow.ts';
import { indent, indent2, javaComment, keyBy, javaDuration, naming, addImports, warnJava, type JavaCtx, type JavaVar } from './flinkJavaContext.ts';
import { jobSlug } from './flinkSqlDdl.ts';
import { javaString, toJava } from './javaExpr.ts';
import { describe } from './shared.ts';

/** The stream an edge delivers (a node's output or its late side output), or null. */
function streamOf(ctx: JavaCtx, e: JobEdge): JavaVar | null {
  if (fromPortOf(e) === 'late') {
    const v = ctx.lateVars.get(e.from);
    return v ? { name: v, keyed: false } : null;
  }
  return ctx.vars.get(e.from) ?? null;
}

/** The node's input as one stream: its single input, or a union of several. */
export function inputOf(ctx: JavaCtx, edges: readonly JobEdge[]): JavaVar | null {
  const streams = edges.map((e) => streamOf(ctx, e)).filter((v): v is JavaVar => v !== null);
  if (streams.length <= 1) return streams[0] ?? null;
  return { name: `${streams[0].name}.union(${streams.slice(1).map((s) => s.name).join(', ')})`, keyed: false };
}

export function emitJavaNode(ctx: JavaCtx, node: JobNode): void {
  const { body } = ctx;
  body.push(javaComment(describe(node)));
  if (node.kind === 'source') return emitSource(ctx, node);
  const info = ctx.a.info.get(node.id)!;
  if (node.kind === 'join') return emitJoin(ctx, node);
  const input = inputOf(ctx, info.inputs);
  if (!input) {
    body.push(`${indent}// Left out: nothing reaches it.`, '');
    return;
  }
  const name = ctx.names.name(node.id);
  const set = (v: JavaVar) => ctx.vars.set(node.id, v);
  switch (node.kind) {
    case 'watermark': {
      const up = info.inputs.length === 1 ? ctx.a.graph.nodes.get(info.inputs[0].from)! : null;
      if (up?.kind === 'source' && foldedWatermark(ctx, up) === node) {
        body.push(`${indent}// In the source's WatermarkStrategy above: per source split (Kafka partition), the minimum over them.`, '');
        set(input);
        return;
      }
      const watermarks = strategy(ctx, node.id, node);
      body.push(`${indent}DataStream<Row> ${name} = ${input.name}.assignTimestampsAndWatermarks(${watermarks})${naming(node)};`, '');
      break;
    }
    case 'keyBy':
      addImports(ctx, 'org.apache.flink.streaming.api.datastream.KeyedStream');
      body.push(`${indent}KeyedStream<Row, String> ${name} = ${input.name}.${keyBy([node.params.key])};`, '');
      set({ name, keyed: true });
      return;
    case 'filter':
      body.push(`${indent}DataStream<Row> ${name} = ${input.name}`, `${indent2}.filter(r -> Sql.isTrue(${toJava(exprOf(node.params.predicate))}))`, `${indent2}${naming(node)};`, '');
      break;
    case 'map': {
      const fields = Object.entries(node.params.fields);
      const sets = [
        ...(node.params.fields.ts === undefined ? [`out.setField("ts", r.getField("ts"));`] : []),
        ...fields.map(([f, src]) => `out.setField(${javaString(f)}, ${toJava(exprOf(src))});`),
      ];
      body.push(
        `${indent}DataStream<Row> ${name} = ${input.name}`,
        `${indent2}.map(r -> {`,
        `${indent2}  Row out = Row.withNames();`,
        ...sets.map((s) => `${indent2}  ${s}`),
        `${indent2}  return out;`,
        `${indent2}})`,
        `${indent2}.returns(ROW)`,
        `${indent2}${naming(node)};`,
        '',
      );
      break;
    }
    case 'union':
      body.push(`${indent}DataStream<Row> ${name} = ${input.name};`, '');
      break;
    case 'dropLate': {
      ctx.helpers.add('DropLate');
      addImports(ctx, 'org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator', 'org.apache.flink.util.OutputTag');
      const lateOutput = node.params.lateOutput;
      const tag = lateOutput === undefined ? 'null' : ctx.names.name(`${node.id}:tag`, `${node.id}-${lateOutput}-tag`);
      if (lateOutput !== undefined) body.push(`${indent}OutputTag<Row> ${tag} = new OutputTag<>(${javaString(lateOutput)}, ROW);`);
      body.push(`${indent}SingleOutputStreamOperator<Row> ${name} = ${input.name}.process(new DropLate(${tag}), ROW)${naming(node)};`);
      if (lateOutput !== undefined) {
        const late = ctx.names.name(`${node.id}:late`, `${node.id}-${lateOutput}`);
        body.push(`${indent}DataStream<Row> ${late} = ${name}.getSideOutput(${tag});`);
        ctx.lateVars.set(node.id, late);
      }
      body.push('');
      break;
    }
    case 'dedup': {
      ctx.helpers.add('Dedup');
      const within = node.params.withinMs ?? -1;
      body.push(`${indent}DataStream<Row> ${name} = ${input.name}`, `${indent2}.${keyBy(dedupKeys(node))}`, `${indent2}.process(new Dedup(${within}L), ROW)`, `${indent2}${naming(node)};`, '');
      break;
    }
    case 'window':
      javaWindow(ctx, node, input, name);
      return;
    case 'sink':
      emitSink(ctx, node, input.name);
      return;
  }
  set({ name, keyed: false });
}

function emitJoin(ctx: JavaCtx, node: NodeOf<'join'>): void {
  const info = ctx.a.info.get(node.id)!;
  const left = inputOf(ctx, info.inputs.filter((e) => portOf(e) === 'left'));
  const right = inputOf(ctx, info.inputs.filter((e) => portOf(e) === 'right'));
  if (!left || !right) {
    ctx.body.push(`${indent}// Left out: an input is missing.`, '');
    return;
  }
  const { leftKey, rightKey, lowerBoundMs, upperBoundMs } = node.params;
  const type = node.params.type ?? 'inner';
  if (type !== 'inner') {
    warnJava(ctx, node.id, `a ${type} join: Flink's intervalJoin is an inner join, so rows without a match are not emitted; an outer interval join needs a KeyedCoProcessFunction (or Flink SQL)`);
  }
  ctx.helpers.add('JoinRows');
  const name = ctx.names.name(node.id);
  ctx.body.push(
    `${indent}// Interval join: right.ts within [left.ts ${lowerBoundMs < 0 ? '-' : '+'} ${Math.abs(lowerBoundMs)} ms, left.ts ${upperBoundMs < 0 ? '-' : '+'} ${Math.abs(upperBoundMs)} ms].`,
    `${indent}DataStream<Row> ${name} = ${left.name}.${keyBy([leftKey])}`,
    `${indent2}.intervalJoin(${right.name}.${keyBy([rightKey])})`,
    `${indent2}.between(${javaDuration(lowerBoundMs)}, ${javaDuration(upperBoundMs)})`,
    `${indent2}.process(new JoinRows(${javaString(leftKey)}), ROW)`,
    `${indent2}${naming(node)};`,
    '',
  );
  ctx.vars.set(node.id, { name, keyed: false });
}

function emitSink(ctx: JavaCtx, node: NodeOf<'sink'>, input: string): void {
  const { connector, delivery } = node.params;
  const checkpointing = ctx.job.settings.dataflow.checkpointing !== undefined;
  const named = `.name(${javaString(node.label ?? node.id)}).uid(${javaString(node.id)})${node.parallelism !== undefined ? `.setParallelism(${node.parallelism})` : ''}`;
  if (connector === 'console') {
    if (delivery === 'exactly-once') warnJava(ctx, node.id, 'exactly-once to the console: print() is not transactional, so after a failure records print again');
    ctx.body.push(`${indent}${input}.map(Sql::json).returns(Types.STRING).print(${javaString(node.id)})${named};`, '');
    return;
  }
  if (!checkpointing) {
    warnJava(ctx, node.id, connector === 'kafka' && delivery === 'exactly-once' ? 'checkpointing is off, so the Kafka transactions never commit' : 'checkpointing is off, so the sink commits nothing');
  }
  if (connector === 'file') {
    addImports(ctx, 'org.apache.flink.api.common.serialization.SimpleStringEncoder', 'org.apache.flink.connector.file.sink.FileSink', 'org.apache.flink.core.fs.Path');
    ctx.body.push(
      `${indent}// Exactly-once: part files are committed at checkpoints.`,
      `${indent}${input}.map(Sql::json).returns(Types.STRING)`,
      `${indent2}.sinkTo(FileSink.forRowFormat(new Path(${javaString(`/tmp/streamlab/${jobSlug(ctx.job)}/${node.id}`)}), new SimpleStringEncoder<String>("UTF-8")).build())`,
      `${indent2}${named};`,
      '',
    );
    return;
  }
  addImports(
    ctx,
    'org.apache.flink.connector.base.DeliveryGuarantee',
    'org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema',
    'org.apache.flink.connector.kafka.sink.KafkaSink',
  );
  ctx.helpers.add('JsonRows');
  const sink = ctx.names.name(`${node.id}:sink`, `${node.id}Sink`);
  const eos = delivery === 'exactly-once';
  ctx.body.push(
    `${indent}KafkaSink<Row> ${sink} = KafkaSink.<Row>builder()`,
    `${indent2}.setBootstrapServers(BOOTSTRAP_SERVERS)`,
    `${indent2}.setRecordSerializer(KafkaRecordSerializationSchema.<Row>builder().setTopic(${javaString(node.id)}).setValueSerializationSchema(new JsonRows()).build())`,
    `${indent2}.setDeliveryGuarantee(DeliveryGuarantee.${eos ? 'EXACTLY_ONCE' : 'AT_LEAST_ONCE'})`,
    ...(eos
      ? [
          `${indent2}// Two-phase commit: one transaction per checkpoint; readers with isolation.level=read_committed see it when the checkpoint completes.`,
          `${indent2}.setTransactionalIdPrefix(${javaString(`${jobSlug(ctx.job)}-${node.id}`)})`,
          `${indent2}// Above the longest checkpoint plus restart time, or Kafka aborts a pre-committed transaction.`,
          `${indent2}.setProperty("transaction.timeout.ms", "900000")`,
        ]
      : []),
    `${indent2}.build();`,
    `${indent}${input}.sinkTo(${sink})${named};`,
    '',
  );
}
