// Helper classes the Flink Java export writes into the program (nested in its one public class),
// each emitted only when used. `Sql` carries Streamlab's expression semantics (see javaExpr.ts).
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
  Sql: `
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
        b.append(v == null ? "null" : v.getClass().getSimpleName().charAt(0) + ":" + v).append('\\u0000');
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
  }`,
  JsonRows: `
  /** Records as JSON objects in Kafka messages. */
  static final class JsonRows implements DeserializationSchema<Row>, SerializationSchema<Row> {
    @Override public Row deserialize(byte[] message) throws IOException { return Sql.parse(message); }
    @Override public boolean isEndOfStream(Row next) { return false; }
    @Override public TypeInformation<Row> getProducedType() { return ROW; }
    @Override public byte[] serialize(Row r) { return Sql.json(r).getBytes(StandardCharsets.UTF_8); }
  }`,
  Acc: `
  /** A window's contents, kept small: per aggregate its count, sum, min and max; and the key. */
  public static final class Acc {
    public Object key;
    public long[] count;
    public double[] sum;
    public double[] min;
    public double[] max;
  }`,
  Aggregates: `
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
  }`,
  Emit: `
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
  }`,
  EarlyLateTrigger: `
  /**
   * Fires when the watermark passes the end of the window (on time), early before that, and late
   * for every N elements that arrive within the allowed lateness. Like Flink's EventTimeTrigger with
   * an early firing from ContinuousEventTimeTrigger (event-time interval), a processing-time delay
   * after a pane's first element, or a processing-time interval.
   */
  static final class EarlyLateTrigger<W extends Window> extends Trigger<Object, W> {
    private final String early; // none, processingTimeDelay, processingTimeInterval or eventTimeInterval
    private final long earlyMs;
    private final long lateEvery;
    private final ReducingStateDescriptor<Long> earlyTimer = new ReducingStateDescriptor<>("earlyTimer", Math::min, Long.class);
    private final ReducingStateDescriptor<Long> nextFire = new ReducingStateDescriptor<>("nextFire", Math::min, Long.class);
    private final ReducingStateDescriptor<Long> lateCount = new ReducingStateDescriptor<>("lateCount", Long::sum, Long.class);

    EarlyLateTrigger(String early, long earlyMs, long lateEvery) {
      this.early = early;
      this.earlyMs = earlyMs;
      this.lateEvery = lateEvery;
    }

    @Override public TriggerResult onElement(Object element, long timestamp, W window, TriggerContext ctx) throws Exception {
      if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
        // Within the allowed lateness: a late firing every lateEvery elements.
        ReducingState<Long> late = ctx.getPartitionedState(lateCount);
        late.add(1L);
        if (late.get() < lateEvery) return TriggerResult.CONTINUE;
        late.clear();
        return TriggerResult.FIRE;
      }
      ctx.registerEventTimeTimer(window.maxTimestamp());
      armEarly(timestamp, window, ctx);
      return TriggerResult.CONTINUE;
    }

    private void armEarly(long timestamp, W window, TriggerContext ctx) throws Exception {
      if (early.equals("eventTimeInterval")) {
        ReducingState<Long> next = ctx.getPartitionedState(nextFire);
        if (next.get() != null) return;
        long at = Math.min(timestamp - Math.floorMod(timestamp, earlyMs) + earlyMs, window.maxTimestamp());
        next.add(at);
        ctx.registerEventTimeTimer(at);
      } else if (!early.equals("none")) {
        ReducingState<Long> pending = ctx.getPartitionedState(earlyTimer);
        if (pending.get() != null) return;
        long now = ctx.getCurrentProcessingTime();
        long at = early.equals("processingTimeDelay") ? now + earlyMs : now - now % earlyMs + earlyMs;
        pending.add(at);
        ctx.registerProcessingTimeTimer(at);
      }
    }

    @Override public TriggerResult onEventTime(long time, W window, TriggerContext ctx) throws Exception {
      if (time == window.maxTimestamp()) return TriggerResult.FIRE;
      ReducingState<Long> next = ctx.getPartitionedState(nextFire);
      if (!early.equals("eventTimeInterval") || next.get() == null || next.get() != time) return TriggerResult.CONTINUE;
      next.clear();
      long at = Math.min(time + earlyMs, window.maxTimestamp());
      next.add(at);
      ctx.registerEventTimeTimer(at);
      return TriggerResult.FIRE;
    }

    @Override public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) throws Exception {
      if (!early.startsWith("processingTime") || window.maxTimestamp() <= ctx.getCurrentWatermark()) return TriggerResult.CONTINUE;
      ReducingState<Long> pending = ctx.getPartitionedState(earlyTimer);
      pending.clear();
      if (early.equals("processingTimeInterval")) {
        pending.add(time + earlyMs);
        ctx.registerProcessingTimeTimer(time + earlyMs);
      }
      return TriggerResult.FIRE;
    }

    @Override public void clear(W window, TriggerContext ctx) throws Exception {
      ctx.deleteEventTimeTimer(window.maxTimestamp());
      ReducingState<Long> pending = ctx.getPartitionedState(earlyTimer);
      if (pending.get() != null) ctx.deleteProcessingTimeTimer(pending.get());
      pending.clear();
      ReducingState<Long> next = ctx.getPartitionedState(nextFire);
      if (next.get() != null) ctx.deleteEventTimeTimer(next.get());
      next.clear();
      ctx.getPartitionedState(lateCount).clear();
    }

    @Override public boolean canMerge() { return true; }

    @Override public void onMerge(W window, OnMergeContext ctx) throws Exception {
      if (window.maxTimestamp() > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(window.maxTimestamp());
      ctx.mergePartitionedState(nextFire);
      Long next = ctx.getPartitionedState(nextFire).get();
      if (next != null) ctx.registerEventTimeTimer(next);
      ctx.mergePartitionedState(lateCount);
      ctx.mergePartitionedState(earlyTimer);
      ReducingState<Long> pending = ctx.getPartitionedState(earlyTimer);
      if (pending.get() != null) {
        // A merged pane had an early firing pending: start a new one for the merged window.
        pending.clear();
        armEarly(window.maxTimestamp(), window, ctx);
      }
    }
  }`,
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
