// Helper classes the Flink Java export writes into the program (nested in its one public class),
// each emitted only when used. `Sql` carries Streamlab's expression semantics (see javaExpr.ts).
import { JSON_ROWS_HELPER, SQL_HELPER } from './javaSqlHelper.ts';
import { WINDOW_HELPERS } from './javaWindowHelpers.ts';

export type Helper = 'Sql' | 'JsonRows' | 'Acc' | 'Aggregates' | 'Emit' | 'EarlyLateTrigger' | 'DropLate' | 'Dedup' | 'JoinRows';

/** Imports each helper needs. */
export const HELPER_IMPORTS: Record<Helper, string[]> = {
  Sql: [
    'com.fasterxml.jackson.core.JsonProcessingException',
    'com.fasterxml.jackson.core.type.TypeReference',
    'com.fasterxml.jackson.databind.ObjectMapper',
    'java.io.IOException',
    'java.io.UncheckedIOException',
    'java.util.LinkedHashMap',
    'java.util.Locale',
    'java.util.Map',
    'java.util.Set',
    'org.apache.flink.types.Row',
  ],
  JsonRows: [
    'java.nio.charset.StandardCharsets',
    'org.apache.flink.api.common.serialization.DeserializationSchema',
    'org.apache.flink.api.common.serialization.SerializationSchema',
    'org.apache.flink.api.common.typeinfo.TypeInformation',
  ],
  Acc: [],
  Aggregates: ['org.apache.flink.api.common.functions.AggregateFunction'],
  Emit: [
    'org.apache.flink.api.common.state.ValueState',
    'org.apache.flink.api.common.state.ValueStateDescriptor',
    'org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction',
    'org.apache.flink.streaming.api.windowing.windows.TimeWindow',
    'org.apache.flink.streaming.api.windowing.windows.Window',
    'org.apache.flink.util.Collector',
  ],
  EarlyLateTrigger: [
    'org.apache.flink.api.common.state.ReducingState',
    'org.apache.flink.api.common.state.ReducingStateDescriptor',
    'org.apache.flink.streaming.api.windowing.triggers.Trigger',
    'org.apache.flink.streaming.api.windowing.triggers.TriggerResult',
    'org.apache.flink.streaming.api.windowing.windows.Window',
  ],
  DropLate: ['org.apache.flink.streaming.api.functions.ProcessFunction', 'org.apache.flink.util.Collector', 'org.apache.flink.util.OutputTag'],
  Dedup: [
    'org.apache.flink.api.common.functions.OpenContext',
    'org.apache.flink.api.common.state.ValueState',
    'org.apache.flink.api.common.state.ValueStateDescriptor',
    'org.apache.flink.streaming.api.functions.KeyedProcessFunction',
    'org.apache.flink.util.Collector',
  ],
  JoinRows: ['org.apache.flink.streaming.api.functions.co.ProcessJoinFunction', 'org.apache.flink.util.Collector'],
};

export const HELPERS: Record<Helper, string> = {
  Sql: SQL_HELPER,
  JsonRows: JSON_ROWS_HELPER,
  ...WINDOW_HELPERS,
  DropLate: `
  /** Drops (or sends to a side output) every record at or behind the current watermark. */
  static final class DropLate extends ProcessFunction<Row, Row> {
    private final OutputTag<Row> late; // null: late records are dropped

    DropLate(OutputTag<Row> late) { this.late = late; }

    @Override public void processElement(Row r, Context ctx, Collector<Row> out) {
      Long ts = ctx.timestamp();
      if (ts == null || ts > ctx.timerService().currentWatermark()) out.collect(r);
      else if (late != null) ctx.output(late, r);
    }
  }`,
  Dedup: `
  /** Lets the first record of each key through; forgets the key withinMs of event time after it (-1: never). */
  static final class Dedup extends KeyedProcessFunction<String, Row, Row> {
    private final long withinMs;
    private transient ValueState<Long> expiry;

    Dedup(long withinMs) { this.withinMs = withinMs; }

    @Override public void open(OpenContext openContext) {
      expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", Long.class));
    }

    @Override public void processElement(Row r, Context ctx, Collector<Row> out) throws Exception {
      if (expiry.value() != null) return;
      long at = withinMs < 0 ? Long.MAX_VALUE : Sql.ts(r) + withinMs;
      expiry.update(at);
      // An event-time timer, not state TTL: TTL counts processing time, and withinMs is event time.
      if (withinMs >= 0) ctx.timerService().registerEventTimeTimer(at);
      out.collect(r);
    }

    @Override public void onTimer(long timestamp, OnTimerContext ctx, Collector<Row> out) throws Exception {
      Long at = expiry.value();
      if (at != null && at == timestamp) expiry.clear();
    }
  }`,
  JoinRows: `
  /** An interval join's output record (Sql.join). */
  static final class JoinRows extends ProcessJoinFunction<Row, Row, Row> {
    private final String leftKey;

    JoinRows(String leftKey) { this.leftKey = leftKey; }

    @Override public void processElement(Row left, Row right, Context ctx, Collector<Row> out) {
      out.collect(Sql.join(left, right, left.getField(leftKey)));
    }
  }`,
};
