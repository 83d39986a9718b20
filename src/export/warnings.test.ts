// What each target writes for each construct, and what it warns about (in the result and as a
// WARNING comment). Small jobs: source → watermark → keyBy → the node under test → sinks.
import { describe, expect, it } from 'vitest';
import type { JobInput } from '../model/index.ts';
import { parseJob } from '../model/index.ts';
import { exportJob, type ExportResult, type ExportTarget } from './index.ts';

type Node = JobInput['nodes'][number];
const records = [{ ts: 1000, at: 1100, key: 'a', value: 1 }];

/** A job whose `node` reads the keyed, watermarked stream and writes to a console sink. */
function job(node: Node, extra: Partial<JobInput> = {}, sinkParams: Record<string, unknown> = { connector: 'console' }): JobInput {
  return {
    format: 'streamlab.job/v1',
    name: 'test',
    settings: { dataflow: { checkpointing: { intervalMs: 5000 } } },
    nodes: [
      { id: 'src', kind: 'source', params: { connector: 'kafka', records } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 2000 } },
      { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
      node,
      { id: 'out', kind: 'sink', params: sinkParams },
    ] as Node[],
    edges: [
      { from: 'src', to: 'wm' },
      { from: 'wm', to: 'kb' },
      { from: 'kb', to: node.id },
      { from: node.id, to: 'out' },
    ],
    ...extra,
  };
}

const tumbling = (params: Record<string, unknown> = {}): Node =>
  ({ id: 'w', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 10_000 }, aggregate: { fn: 'count', as: 'n' }, ...params } }) as Node;

function exp(doc: JobInput, target: ExportTarget): ExportResult {
  const parsed = parseJob(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const result = exportJob(parsed.job, target);
  const ids = new Set(parsed.job.nodes.map((n) => n.id));
  for (const w of result.warnings) {
    if (w.node !== null) expect(ids.has(w.node), w.node).toBe(true);
    expect(result.code.replace(/\n\s*(--|\/\/|#)\s+/g, ' ')).toContain(`WARNING: ${w.message}`);
  }
  return result;
}
const messages = (r: ExportResult) => r.warnings.map((w) => `${w.node}: ${w.message}`).join('\n');

describe('a plain event-time window', () => {
  it('exports to every target without a warning', () => {
    for (const target of ['flink-sql', 'flink-java', 'pyspark'] as const) expect(exp(job(tumbling()), target).warnings).toEqual([]);
  });

  it('Flink SQL: table with event_time and WATERMARK, a TUMBLE TVF grouped by window and key, INSERT INTO', () => {
    const { code } = exp(job(tumbling()), 'flink-sql');
    expect(code).toContain('event_time AS TO_TIMESTAMP_LTZ(ts, 3)');
    expect(code).toContain("WATERMARK FOR event_time AS event_time - INTERVAL '2.001' SECOND");
    expect(code).toContain("FROM TABLE(TUMBLE(TABLE `src`, DESCRIPTOR(event_time), INTERVAL '10' SECOND))");
    expect(code).toContain('GROUP BY window_start, window_end, window_time, key;');
    expect(code).toContain("'connector' = 'kafka'");
    expect(code).toContain("'scan.startup.mode' = 'earliest-offset'");
    expect(code).toMatch(/INSERT INTO `out`\nSELECT key, windowStart, windowEnd, n\nFROM `w`;/);
    expect(code).toContain("SET 'execution.checkpointing.interval' = '5000 ms';");
  });

  it('Flink Java: watermark strategy in the source, keyBy, window, aggregate', () => {
    const { code } = exp(job(tumbling()), 'flink-java');
    expect(code).toContain('.<Row>forBoundedOutOfOrderness(Duration.ofMillis(2000))');
    expect(code).toContain('env.fromSource(srcSource, srcWatermarks, "src")');
    expect(code).toContain('KeyedStream<Row, String> kb = src.keyBy(r -> Sql.key(r, "key"), Types.STRING);');
    expect(code).toContain('.window(TumblingEventTimeWindows.of(Duration.ofMillis(10000)))');
    expect(code).toContain('implements AggregateFunction<Row, Acc, Acc>');
    expect(code).toContain('env.enableCheckpointing(5000);');
    expect(code).not.toContain('.trigger(');
  });

  it('PySpark: readStream, withWatermark, groupBy(window, key), writeStream with trigger, mode and checkpoint', () => {
    const { code } = exp(job(tumbling(), { settings: { microbatch: { trigger: { kind: 'processingTime', intervalMs: 1000 } } } }), 'pyspark');
    expect(code).toContain('spark.readStream.format("kafka")');
    expect(code).toContain('.withColumn("event_time", F.timestamp_millis("ts"))');
    expect(code).toContain('wm = src.withWatermark("event_time", "2 seconds")');
    expect(code).toContain('.groupBy(F.window("event_time", "10 seconds"), F.col("key"))');
    expect(code).toContain('.agg(F.count(F.lit(1)).alias("n"))');
    expect(code).toContain('.trigger(processingTime="1 second")');
    expect(code).toContain('.outputMode("append")');
    expect(code).toContain('.option("checkpointLocation", CHECKPOINTS + "/out")');
  });
});

describe('late data', () => {
  const doc = job(tumbling({ allowedLatenessMs: 5000, lateOutput: 'late' }));

  it('Flink SQL and Spark warn about allowed lateness and the side output', () => {
    expect(messages(exp(doc, 'flink-sql'))).toMatch(/w: allowed lateness of 5000 ms[^]*w: late side output "late": Flink SQL has no side output/);
    expect(messages(exp(doc, 'pyspark'))).toMatch(/w: allowed lateness 5000 ms: Spark has none[^]*w: late side output "late": Spark has no side output/);
  });

  it('Flink Java writes allowedLateness, sideOutputLateData and getSideOutput', () => {
    const r = exp(doc, 'flink-java');
    expect(r.warnings).toEqual([]);
    expect(r.code).toContain('OutputTag<Row> wLateTag = new OutputTag<>("late", ROW);');
    expect(r.code).toContain('.allowedLateness(Duration.ofMillis(5000))');
    expect(r.code).toContain('.sideOutputLateData(wLateTag)');
  });

  it('a sink on the late port: Java reads the side output; SQL and Spark say it gets nothing', () => {
    const d = { ...doc, nodes: [...doc.nodes, { id: 'lateSink', kind: 'sink', params: {} } as Node], edges: [...(doc.edges ?? []), { from: 'w', to: 'lateSink', fromPort: 'late' as const }] };
    expect(exp(d, 'flink-java').code).toContain('DataStream<Row> wLate = w.getSideOutput(wLateTag);');
    expect(messages(exp(d, 'flink-sql'))).toContain('lateSink: its input from the late output of "w" does not exist in Flink SQL');
    expect(messages(exp(d, 'pyspark'))).toContain('lateSink: its input from the late output of window "w" does not exist in Spark');
  });
});

describe('triggers', () => {
  it('early and late firings: a custom Trigger class in Java, a warning in SQL and Spark', () => {
    const doc = job(tumbling({ trigger: { kind: 'eventTime', early: { kind: 'processingTimeDelay', delayMs: 1000 }, late: { kind: 'count', count: 2 } }, allowedLatenessMs: 3000 }));
    const java = exp(doc, 'flink-java');
    expect(java.warnings).toEqual([]);
    expect(java.code).toContain('.trigger(new EarlyLateTrigger<>("processingTimeDelay", 1000L, 2L))');
    for (const signature of ['TriggerResult onElement(', 'TriggerResult onEventTime(', 'TriggerResult onProcessingTime(', 'void clear(W window', 'boolean canMerge()', 'void onMerge(']) {
      expect(java.code).toContain(`@Override public ${signature}`);
    }
    expect(messages(exp(doc, 'flink-sql'))).toContain('early firings (processingTimeDelay): Flink SQL has no custom triggers');
    expect(messages(exp(doc, 'pyspark'))).toContain('early firings (processingTimeDelay) and late firings every 2 elements: Spark has no per-window trigger');
  });

  it('a discarding count trigger on the global window', () => {
    const doc = job({ id: 'g', kind: 'window', params: { assigner: { kind: 'global' }, aggregate: { fn: 'sum', field: 'value', as: 's' }, trigger: { kind: 'count', count: 3, accumulation: 'discarding' } } } as Node, {}, { connector: 'kafka' });
    const java = exp(doc, 'flink-java').code;
    expect(java).toContain('.window(GlobalWindows.create())');
    expect(java).toContain('.trigger(PurgingTrigger.of(CountTrigger.of(3)))');
    const sql = exp(doc, 'flink-sql');
    expect(messages(sql)).toContain('g: a global window with CountTrigger.of(3): Flink SQL has no global window or trigger');
    expect(sql.code).toContain("'connector' = 'upsert-kafka'");
    expect(sql.code).toContain('PRIMARY KEY (key) NOT ENFORCED');
    expect(messages(exp(doc, 'pyspark'))).toContain('CountTrigger.of(3): Spark has no per-window trigger');
  });

  it('a processing-time trigger on an event-time window; processing-time windows', () => {
    const ptrigger = job(tumbling({ trigger: { kind: 'processingTime' } }));
    expect(exp(ptrigger, 'flink-java').code).toContain('.trigger(ProcessingTimeTrigger.create())');
    expect(messages(exp(ptrigger, 'flink-sql'))).toContain('w: a processingTime trigger on an event-time window: Flink SQL has no triggers; this window fires once');
    const arrival = job(tumbling({ assigner: { kind: 'sliding', sizeMs: 10_000, slideMs: 5000, time: 'processing' } }));
    expect(exp(arrival, 'flink-java').code).toContain('.window(SlidingProcessingTimeWindows.of(Duration.ofMillis(10000), Duration.ofMillis(5000)))');
    const sql = exp(arrival, 'flink-sql');
    expect(sql.warnings).toEqual([]);
    expect(sql.code).toContain('PROCTIME() AS proc_time');
    expect(sql.code).toContain("HOP(TABLE `w_input`, DESCRIPTOR(proc_time), INTERVAL '5' SECOND, INTERVAL '10' SECOND)");
    expect(exp(arrival, 'pyspark').code).toContain('F.window(F.current_timestamp(), "10 seconds", "5 seconds")');
  });

  it('session windows: SESSION TVF partitioned by the key, EventTimeSessionWindows, session_window', () => {
    const doc = job(tumbling({ assigner: { kind: 'session', gapMs: 3000 } }));
    expect(exp(doc, 'flink-sql').code).toContain("FROM TABLE(SESSION(TABLE `src` PARTITION BY key, DESCRIPTOR(event_time), INTERVAL '3' SECOND))");
    expect(exp(doc, 'flink-java').code).toContain('.window(EventTimeSessionWindows.withGap(Duration.ofMillis(3000)))');
    expect(exp(doc, 'pyspark').code).toContain('.groupBy(F.session_window("event_time", "3 seconds"), F.col("key"))');
  });
});

describe('dropLate, dedup and join', () => {
  it('dropLate: CURRENT_WATERMARK in SQL, a ProcessFunction in Java, no effect (a warning) in Spark', () => {
    const doc = job({ id: 'd', kind: 'dropLate', params: { lateOutput: 'late' } } as Node);
    const sql = exp(doc, 'flink-sql');
    expect(sql.warnings).toEqual([]);
    expect(sql.code).toContain('WHERE CURRENT_WATERMARK(event_time) IS NULL OR event_time > CURRENT_WATERMARK(event_time);');
    expect(sql.code).toContain('WHERE event_time <= CURRENT_WATERMARK(event_time);');
    const java = exp(doc, 'flink-java').code;
    expect(java).toContain('.process(new DropLate(dLateTag), ROW)');
    expect(java).toContain('ts > ctx.timerService().currentWatermark()');
    expect(messages(exp(doc, 'pyspark'))).toContain('d: dropLate has no effect in Spark');
  });

  it('dedup within a time: SQL cannot forget keys by event time; Spark keeps them for the watermark delay', () => {
    const doc = job({ id: 'dd', kind: 'dedup', params: { key: 'key', withinMs: 60_000 } } as Node);
    const sql = exp(doc, 'flink-sql');
    expect(sql.code).toContain('ROW_NUMBER() OVER (PARTITION BY key ORDER BY proc_time ASC) AS row_num');
    expect(messages(sql)).toContain('dd: withinMs 60000: Flink SQL deduplication keeps each key for ever');
    const py = exp(doc, 'pyspark');
    expect(py.code).toContain('dd = wm.dropDuplicatesWithinWatermark(["key"])');
    expect(messages(py)).toContain("withinMs 60000: Spark's dropDuplicatesWithinWatermark keeps a key until the watermark passes its first event time plus the watermark delay (2000 ms here)");
    expect(exp(doc, 'flink-java').code).toContain('.process(new Dedup(60000L), ROW)');
  });

  it('an outer interval join: Java warns (intervalJoin is inner only); SQL and Spark join outer', () => {
    const doc: JobInput = {
      format: 'streamlab.job/v1',
      nodes: [
        { id: 'l', kind: 'source', params: { records } },
        { id: 'r', kind: 'source', params: { records } },
        { id: 'wl', kind: 'watermark', params: { delayMs: 0 } },
        { id: 'wr', kind: 'watermark', params: { delayMs: 0 } },
        { id: 'j', kind: 'join', params: { leftKey: 'key', rightKey: 'key', lowerBoundMs: -1000, upperBoundMs: 0, type: 'fullOuter' } },
        { id: 'out', kind: 'sink', params: {} },
      ],
      edges: [
        { from: 'l', to: 'wl' },
        { from: 'r', to: 'wr' },
        { from: 'wl', to: 'j', toPort: 'left' },
        { from: 'wr', to: 'j', toPort: 'right' },
        { from: 'j', to: 'out' },
      ],
    };
    const java = exp(doc, 'flink-java');
    expect(java.code).toContain('.between(Duration.ofMillis(-1000), Duration.ofMillis(0))');
    expect(messages(java)).toContain("j: a fullOuter join: Flink's intervalJoin is an inner join");
    const sql = exp(doc, 'flink-sql').code;
    expect(sql).toContain('FULL OUTER JOIN `r` AS r');
    expect(sql).toContain("ON l.key = r.key AND r.event_time BETWEEN l.event_time - INTERVAL '1' SECOND AND l.event_time;");
    expect(exp(doc, 'pyspark').code).toContain('F.expr("l.key = r.key AND r.event_time BETWEEN l.event_time - INTERVAL 1 SECOND AND l.event_time"), "full_outer")');
  });
});

describe('sinks and settings', () => {
  it('an exactly-once Kafka sink: transactions in Flink, a warning for Spark', () => {
    const doc = job(tumbling(), {}, { connector: 'kafka', delivery: 'exactly-once' });
    const sql = exp(doc, 'flink-sql').code;
    expect(sql).toContain("'sink.delivery-guarantee' = 'exactly-once'");
    expect(sql).toContain("'sink.transactional-id-prefix' = 'test-out'");
    const java = exp(doc, 'flink-java').code;
    expect(java).toContain('.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)');
    expect(java).toContain('.setTransactionalIdPrefix("test-out")');
    expect(messages(exp(doc, 'pyspark'))).toContain("out: exactly-once to Kafka: Spark's Kafka sink is at-least-once");
  });

  it('exactly-once without checkpointing never commits, in both Flink targets', () => {
    const doc = job(tumbling(), { settings: {} }, { connector: 'kafka', delivery: 'exactly-once' });
    expect(messages(exp(doc, 'flink-sql'))).toContain('out: checkpointing is off, so its Kafka transactions never commit');
    expect(messages(exp(doc, 'flink-java'))).toContain('out: checkpointing is off, so the Kafka transactions never commit');
  });

  it('checkpointing and restart settings', () => {
    const settings = {
      dataflow: {
        autoWatermarkIntervalMs: 100,
        checkpointing: { intervalMs: 2000, mode: 'unaligned', minPauseMs: 500, timeoutMs: 30_000, maxConcurrent: 1, externalized: 'delete' },
        restart: { kind: 'fixedDelay', delayMs: 2000, attempts: 5 },
      },
    } as JobInput['settings'];
    const sql = exp(job(tumbling(), { settings }), 'flink-sql').code;
    for (const line of [
      "SET 'execution.checkpointing.unaligned.enabled' = 'true';",
      "SET 'execution.checkpointing.min-pause' = '500 ms';",
      "SET 'execution.checkpointing.timeout' = '30000 ms';",
      "SET 'execution.checkpointing.externalized-checkpoint-retention' = 'DELETE_ON_CANCELLATION';",
      "SET 'restart-strategy.fixed-delay.attempts' = '5';",
      "SET 'pipeline.auto-watermark-interval' = '100 ms';",
    ]) expect(sql).toContain(line);
    const java = exp(job(tumbling(), { settings }), 'flink-java').code;
    for (const line of [
      'checkpoints.enableUnalignedCheckpoints();',
      'checkpoints.setMinPauseBetweenCheckpoints(500);',
      'checkpoints.setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);',
      'conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);',
    ]) expect(java).toContain(line);
  });

  it('micro-batch settings: triggers, output mode, rate limit, watermark policy, async progress tracking', () => {
    const mb = (microbatch: Record<string, unknown>) => exp(job(tumbling(), { settings: { microbatch } as JobInput['settings'] }), 'pyspark');
    expect(mb({ trigger: { kind: 'once' } }).code).toContain('.trigger(once=True)');
    expect(mb({ trigger: { kind: 'availableNow' }, outputMode: 'update' }).code).toMatch(/\.outputMode\("update"\)\n\s+\.trigger\(availableNow=True\)/);
    expect(mb({ maxRecordsPerTrigger: 50 }).code).toContain('.option("maxOffsetsPerTrigger", 50)');
    expect(mb({ multipleWatermarkPolicy: 'max' }).code).toContain('.config("spark.sql.streaming.multipleWatermarkPolicy", "max")');
    const asyncTracked = mb({ asyncProgressTracking: true, trigger: { kind: 'processingTime', intervalMs: 500 } });
    expect(asyncTracked.code).toContain('.option("asyncProgressTrackingEnabled", "true")');
    expect(messages(asyncTracked)).toContain('asynchronous progress tracking: Spark supports it only for stateless queries with a Kafka sink');
    const continuous = job({ id: 'f', kind: 'filter', params: { predicate: 'value > 0' } } as Node, { settings: { microbatch: { trigger: { kind: 'continuous', checkpointIntervalMs: 1000 } } } as JobInput['settings'] });
    expect(exp(continuous, 'pyspark').code).toContain('.trigger(continuous="1 second")');
  });
});
