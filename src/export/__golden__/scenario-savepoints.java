// Flink DataStream program for the Streamlab job "Savepoints and retained checkpoints", generated
// by Streamlab.
// For Flink 1.20 or 2.x. Dependencies: flink-streaming-java, flink-clients, flink-connector-kafka,
// flink-connector-files (file sinks), flink-connector-datagen (rate sources) and jackson-databind.
// Kafka is assumed at localhost:9092 (BOOTSTRAP_SERVERS). Each source reads a topic named after
// its node; messages are JSON objects holding the record's fields, with its event time in epoch
// milliseconds in "ts". Records are Flink Rows with named fields.
// Simulation-only, not exported: settings.seed, settings.untilMs, layout, scripted records and
// generators (the code reads the topics), faults (3 injected crashes or savepoints).

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

public class SavepointsAndRetainedCheckpoints {
  static final String BOOTSTRAP_SERVERS = "localhost:9092";
  /** Records are Rows with named fields, of varying shape from operator to operator: serialized generically. */
  static final TypeInformation<Row> ROW = Types.GENERIC(Row.class);

  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(200));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(1000));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.enableCheckpointing(4000);
    CheckpointConfig checkpoints = env.getCheckpointConfig();
    checkpoints.setCheckpointingConsistencyMode(CheckpointingMode.EXACTLY_ONCE);
    checkpoints.setMinPauseBetweenCheckpoints(0);
    checkpoints.setCheckpointTimeout(60000);
    checkpoints.setMaxConcurrentCheckpoints(1);
    checkpoints.setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);

    // source "sales" (Sales)
    // Kafka topic "sales", 2 partitions.
    // Watermarks from watermark "wm" (delay 1000 ms), in the source.
    WatermarkStrategy<Row> salesWatermarks = WatermarkStrategy
        .<Row>forBoundedOutOfOrderness(Duration.ofMillis(1000))
        .withTimestampAssigner((r, previous) -> Sql.ts(r));
    KafkaSource<Row> salesSource = KafkaSource.<Row>builder()
        .setBootstrapServers(BOOTSTRAP_SERVERS)
        .setTopics("sales")
        .setGroupId("savepoints-and-retained-checkpoints-sales")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setBounded(OffsetsInitializer.latest())
        .setValueOnlyDeserializer(new JsonRows())
        .build();
    DataStream<Row> sales = env.fromSource(salesSource, salesWatermarks, "sales")
        .uid("sales");

    // watermark "wm" (Watermark 1 s)
    // In the source's WatermarkStrategy above: per source split (Kafka partition), the minimum over them.

    // keyBy "byProduct" (Key by product)
    KeyedStream<Row, String> byProduct = sales.keyBy(r -> Sql.key(r, "key"), Types.STRING);

    // window "revenue" (Revenue per 5 s)
    SingleOutputStreamOperator<Row> revenue = byProduct
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(5000)))
        .aggregate(
            new Aggregates("key", new String[] {"sum"}, new String[] {"value"}),
            new Emit<>(true, new String[] {"sum"}, new String[] {"revenue"}, true, true),
            TypeInformation.of(Acc.class),
            ROW)
        .name("Revenue per 5 s").uid("revenue");

    // sink "out" (Revenue (Kafka, exactly-once))
    KafkaSink<Row> outSink = KafkaSink.<Row>builder()
        .setBootstrapServers(BOOTSTRAP_SERVERS)
        .setRecordSerializer(KafkaRecordSerializationSchema.<Row>builder().setTopic("out").setValueSerializationSchema(new JsonRows()).build())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        // Two-phase commit: one transaction per checkpoint; readers with isolation.level=read_committed see it when the checkpoint completes.
        .setTransactionalIdPrefix("savepoints-and-retained-checkpoints-out")
        // Above the longest checkpoint plus restart time, or Kafka aborts a pre-committed transaction.
        .setProperty("transaction.timeout.ms", "900000")
        .build();
    revenue.sinkTo(outSink).name("Revenue (Kafka, exactly-once)").uid("out");

    env.execute("Savepoints and retained checkpoints");
  }

  /** Streamlab's expression semantics: numbers are doubles, SQL NULL logic, NULL on a type mismatch or a division by zero. */
  static final class Sql {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A field's value, or null if the record has no such field; numbers as Double. */
    static Object get(Row r, String name) {
      Set<String> names = r.getFieldNames(true);
      Object v = names != null && names.contains(name) ? r.getField(name) : null;
      return v instanceof Number && !(v instanceof Double) ? (Object) ((Number) v).doubleValue() : v;
    }

    /** The record's event time (its ts field, epoch milliseconds). */
    static long ts(Row r) {
      Object v = get(r, "ts");
      return v instanceof Double ? ((Double) v).longValue() : Long.MIN_VALUE;
    }

    /** A key from one or more fields; values of different types never collide. */
    static String key(Row r, String... fields) {
      StringBuilder b = new StringBuilder();
      for (String f : fields) {
        Object v = get(r, f);
        b.append(v == null ? "null" : v.getClass().getSimpleName().charAt(0) + ":" + v).append('\u0000');
      }
      return b.toString();
    }

    static boolean isTrue(Object v) { return Boolean.TRUE.equals(v); }
    private static Double num(Object v) { return v instanceof Number ? ((Number) v).doubleValue() : null; }
    static Object neg(Object a) { Double x = num(a); return x == null ? null : (Object) (-x); }
    static Object add(Object a, Object b) { Double x = num(a), y = num(b); return x == null || y == null ? null : (Object) (x + y); }
    static Object sub(Object a, Object b) { Double x = num(a), y = num(b); return x == null || y == null ? null : (Object) (x - y); }
    static Object mul(Object a, Object b) { Double x = num(a), y = num(b); return x == null || y == null ? null : (Object) (x * y); }
    static Object div(Object a, Object b) { Double x = num(a), y = num(b); return x == null || y == null || y == 0 ? null : (Object) (x / y); }
    static Object mod(Object a, Object b) { Double x = num(a), y = num(b); return x == null || y == null || y == 0 ? null : (Object) (x % y); }
    static Object abs(Object a) { Double x = num(a); return x == null ? null : (Object) Math.abs(x); }
    static Object floor(Object a) { Double x = num(a); return x == null ? null : (Object) Math.floor(x); }
    static Object ceil(Object a) { Double x = num(a); return x == null ? null : (Object) Math.ceil(x); }

    /** -1, 0, 1, or null when not comparable (a null, different types, NaN). */
    static Integer cmp(Object a, Object b) {
      if (a instanceof Number && b instanceof Number) {
        double x = ((Number) a).doubleValue(), y = ((Number) b).doubleValue();
        return x < y ? Integer.valueOf(-1) : x > y ? Integer.valueOf(1) : x == y ? Integer.valueOf(0) : null;
      }
      if (a instanceof String && b instanceof String) return Integer.signum(compareCodePoints((String) a, (String) b));
      if (a instanceof Boolean && b instanceof Boolean) return Boolean.compare((Boolean) a, (Boolean) b);
      return null;
    }

    private static int compareCodePoints(String a, String b) {
      int i = 0, j = 0;
      while (i < a.length() && j < b.length()) {
        int x = a.codePointAt(i), y = b.codePointAt(j);
        if (x != y) return Integer.compare(x, y);
        i += Character.charCount(x);
        j += Character.charCount(y);
      }
      return Integer.compare(a.length() - i, b.length() - j);
    }

    static Object eq(Object a, Object b) { Integer c = cmp(a, b); return c == null ? null : (Object) (c == 0); }
    static Object ne(Object a, Object b) { Integer c = cmp(a, b); return c == null ? null : (Object) (c != 0); }
    static Object lt(Object a, Object b) { Integer c = cmp(a, b); return c == null ? null : (Object) (c < 0); }
    static Object le(Object a, Object b) { Integer c = cmp(a, b); return c == null ? null : (Object) (c <= 0); }
    static Object gt(Object a, Object b) { Integer c = cmp(a, b); return c == null ? null : (Object) (c > 0); }
    static Object ge(Object a, Object b) { Integer c = cmp(a, b); return c == null ? null : (Object) (c >= 0); }
    static boolean same(Object a, Object b) { Integer c = cmp(a, b); return c != null && c == 0; }

    static Object and(Object a, Object b) {
      if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) return Boolean.FALSE;
      return Boolean.TRUE.equals(a) && Boolean.TRUE.equals(b) ? Boolean.TRUE : null;
    }
    static Object or(Object a, Object b) {
      if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) return Boolean.TRUE;
      return Boolean.FALSE.equals(a) && Boolean.FALSE.equals(b) ? Boolean.FALSE : null;
    }
    static Object not(Object a) { return a instanceof Boolean ? (Object) !((Boolean) a) : null; }
    static Object isNull(Object a, boolean negated) { return (a == null) != negated; }

    static Object between(Object x, Object low, Object high, boolean negated) {
      Integer lo = cmp(x, low), hi = cmp(x, high);
      Boolean ge = lo == null ? null : lo >= 0, le = hi == null ? null : hi <= 0;
      Boolean in = Boolean.FALSE.equals(ge) || Boolean.FALSE.equals(le) ? Boolean.FALSE : ge == null || le == null ? null : Boolean.TRUE;
      return in == null ? null : (Object) (in != negated);
    }

    static Object in(Object x, boolean negated, Object... list) {
      if (x == null || list == null) return null;
      boolean unknown = false;
      for (Object item : list) {
        Integer c = cmp(x, item);
        if (c != null && c == 0) return !negated;
        if (c == null) unknown = true;
      }
      return unknown ? null : (Object) negated;
    }

    static Object upper(Object a) { return a instanceof String ? ((String) a).toUpperCase(Locale.ROOT) : null; }
    static Object lower(Object a) { return a instanceof String ? ((String) a).toLowerCase(Locale.ROOT) : null; }
    static Object concat(Object a, Object b) { return a instanceof String && b instanceof String ? (Object) ((String) a + b) : null; }

    static Object concatAll(Object... parts) {
      if (parts == null) return null;
      StringBuilder b = new StringBuilder();
      for (Object p : parts) {
        if (!(p instanceof String)) return null;
        b.append((String) p);
      }
      return b.toString();
    }

    static Object coalesce(Object... values) {
      if (values == null) return null;
      for (Object v : values) if (v != null) return v;
      return null;
    }

    /** A joined record: the left fields, the right ones (right_ before a name the left has), key, the later ts. */
    static Row join(Row left, Row right, Object key) {
      Row out = Row.withNames();
      Set<String> leftNames = left.getFieldNames(true);
      for (String n : leftNames) out.setField(n, left.getField(n));
      for (String n : right.getFieldNames(true)) out.setField(leftNames.contains(n) ? "right_" + n : n, right.getField(n));
      out.setField("key", key);
      out.setField("ts", Math.max(ts(left), ts(right)));
      return out;
    }

    static Row parse(byte[] json) throws IOException {
      Map<String, Object> fields = MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
      Row r = Row.withNames();
      fields.forEach(r::setField);
      return r;
    }

    static String json(Row r) {
      Map<String, Object> fields = new LinkedHashMap<>();
      Set<String> names = r.getFieldNames(true);
      if (names != null) for (String n : names) fields.put(n, r.getField(n));
      try {
        return MAPPER.writeValueAsString(fields);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Records as JSON objects in Kafka messages. */
  static final class JsonRows implements DeserializationSchema<Row>, SerializationSchema<Row> {
    @Override public Row deserialize(byte[] message) throws IOException { return Sql.parse(message); }
    @Override public boolean isEndOfStream(Row next) { return false; }
    @Override public TypeInformation<Row> getProducedType() { return ROW; }
    @Override public byte[] serialize(Row r) { return Sql.json(r).getBytes(StandardCharsets.UTF_8); }
  }

  /** A window's contents, kept small: per aggregate its count, sum, min and max; and the key. */
  public static final class Acc {
    public Object key;
    public long[] count;
    public double[] sum;
    public double[] min;
    public double[] max;
  }

  /** count, sum, min, max and avg over a window (SQL's rules: nulls and non-numbers are skipped). */
  static final class Aggregates implements AggregateFunction<Row, Acc, Acc> {
    private final String keyField;
    private final String[] fns;
    private final String[] fields;

    Aggregates(String keyField, String[] fns, String[] fields) {
      this.keyField = keyField;
      this.fns = fns;
      this.fields = fields;
    }

    @Override public Acc createAccumulator() {
      Acc a = new Acc();
      a.count = new long[fns.length];
      a.sum = new double[fns.length];
      a.min = new double[fns.length];
      a.max = new double[fns.length];
      java.util.Arrays.fill(a.min, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(a.max, Double.NEGATIVE_INFINITY);
      return a;
    }

    @Override public Acc add(Row r, Acc a) {
      if (a.key == null && keyField != null) a.key = r.getField(keyField);
      for (int i = 0; i < fns.length; i++) {
        Object v = fields[i] == null ? null : Sql.get(r, fields[i]);
        if (fields[i] == null) a.count[i]++;
        else if (v instanceof Double && !((Double) v).isNaN() && !((Double) v).isInfinite()) {
          double x = (Double) v;
          a.count[i]++;
          a.sum[i] += x;
          a.min[i] = Math.min(a.min[i], x);
          a.max[i] = Math.max(a.max[i], x);
        } else if (v != null && fns[i].equals("count")) a.count[i]++;
      }
      return a;
    }

    @Override public Acc getResult(Acc a) { return a; }

    @Override public Acc merge(Acc a, Acc b) {
      if (a.key == null) a.key = b.key;
      for (int i = 0; i < fns.length; i++) {
        a.count[i] += b.count[i];
        a.sum[i] += b.sum[i];
        a.min[i] = Math.min(a.min[i], b.min[i]);
        a.max[i] = Math.max(a.max[i], b.max[i]);
      }
      return a;
    }
  }

  /** Writes a window's result record: key, windowStart, windowEnd, the aggregates, ts (the window's last ms) and its pane. */
  static final class Emit<W extends Window> extends ProcessWindowFunction<Acc, Row, String, W> {
    private final boolean keyed;
    private final String[] fns;
    private final String[] names;
    /** Panes (early, onTime, late) need per-window state, which merging (session) windows do not have. */
    private final boolean panes;
    private final boolean eventTimeTrigger;
    private final ValueStateDescriptor<Long> paneIndex = new ValueStateDescriptor<>("paneIndex", Long.class);
    private final ValueStateDescriptor<Boolean> onTimeFired = new ValueStateDescriptor<>("onTimeFired", Boolean.class);

    Emit(boolean keyed, String[] fns, String[] names, boolean panes, boolean eventTimeTrigger) {
      this.keyed = keyed;
      this.fns = fns;
      this.names = names;
      this.panes = panes;
      this.eventTimeTrigger = eventTimeTrigger;
    }

    @Override public void process(String key, Context ctx, Iterable<Acc> contents, Collector<Row> out) throws Exception {
      Acc a = contents.iterator().next();
      Row row = Row.withNames();
      if (keyed) row.setField("key", a.key);
      W w = ctx.window();
      if (w instanceof TimeWindow) {
        row.setField("windowStart", ((TimeWindow) w).getStart());
        row.setField("windowEnd", ((TimeWindow) w).getEnd());
      }
      for (int i = 0; i < fns.length; i++) {
        long n = a.count[i];
        Object v;
        switch (fns[i]) {
          case "count": v = n; break;
          case "sum": v = n == 0 ? null : (Object) a.sum[i]; break;
          case "min": v = n == 0 ? null : (Object) a.min[i]; break;
          case "max": v = n == 0 ? null : (Object) a.max[i]; break;
          default: v = n == 0 ? null : (Object) (a.sum[i] / n);
        }
        row.setField(names[i], v);
      }
      row.setField("ts", w.maxTimestamp());
      if (panes) {
        ValueState<Long> index = ctx.windowState().getState(paneIndex);
        ValueState<Boolean> onTime = ctx.windowState().getState(onTimeFired);
        String pane = "onTime";
        if (eventTimeTrigger && ctx.currentWatermark() < w.maxTimestamp()) pane = "early";
        else if (eventTimeTrigger && onTime.value() != null) pane = "late";
        else if (eventTimeTrigger) onTime.update(true);
        long i = index.value() == null ? 0 : index.value();
        index.update(i + 1);
        row.setField("pane", pane);
        row.setField("paneIndex", i);
      }
      out.collect(row);
    }

    @Override public void clear(Context ctx) throws Exception {
      if (!panes) return;
      ctx.windowState().getState(paneIndex).clear();
      ctx.windowState().getState(onTimeFired).clear();
    }
  }
}
