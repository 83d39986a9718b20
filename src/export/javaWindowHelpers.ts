// Window helper classes of the Flink Java export: the accumulator, the AggregateFunction, the
// ProcessWindowFunction that shapes a result record, and the custom early/on-time/late Trigger.
export const WINDOW_HELPERS = {
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
};
