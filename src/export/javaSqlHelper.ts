// The `Sql` helper class of the Flink Java export: Streamlab's expression semantics (what
// javaExpr.ts prints calls it), JSON (de)serialization of Rows and the join record.
export const SQL_HELPER = `
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
  }`;

export const JSON_ROWS_HELPER = `
  /** Records as JSON objects in Kafka messages. */
  static final class JsonRows implements DeserializationSchema<Row>, SerializationSchema<Row> {
    @Override public Row deserialize(byte[] message) throws IOException { return Sql.parse(message); }
    @Override public boolean isEndOfStream(Row next) { return false; }
    @Override public TypeInformation<Row> getProducedType() { return ROW; }
    @Override public byte[] serialize(Row r) { return Sql.json(r).getBytes(StandardCharsets.UTF_8); }
  }`;
