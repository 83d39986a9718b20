// Flink's own functions for where a record or a partition goes (spec job-format "Parallelism"),
// written from their Java definitions with 32-bit int arithmetic:
// - Java's hashCode of a key as Flink sees it (String, Integer, Long, Double, Boolean);
// - MathUtils.murmurHash and KeyGroupRangeAssignment (key → key group → operator index);
// - KafkaSourceEnumerator.getSplitOwner (partition → source subtask).

/** java.lang.String.hashCode: s[0]·31^(n−1) + … + s[n−1] over UTF-16 code units, in int32. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * The Java hashCode of a key as Flink would see it: a string is a String; an integral number in
 * int range an Integer (the value), beyond it a Long ((int)(v ^ v >>> 32)); any other number a Double
 * (the same over doubleToLongBits); a boolean a Boolean (1231 / 1237); null 0. Other values (objects)
 * hash their JSON text as a String.
 */
export function javaHashCode(key: unknown): number {
  if (typeof key === 'string') return javaStringHash(key);
  if (typeof key === 'number') {
    if (Number.isInteger(key) && key >= -2147483648 && key <= 2147483647) return key | 0;
    if (Number.isSafeInteger(key)) {
      const hi = Math.floor(key / 4294967296) | 0; // the high 32 bits of the two's-complement long
      const lo = (key - Math.floor(key / 4294967296) * 4294967296) | 0;
      return hi ^ lo;
    }
    f64[0] = key === 0 ? 0 : key; // Double.hashCode: doubleToLongBits (−0.0 keeps its sign bit there; +0 here)
    if (Number.isNaN(key)) return 0x7ff80000; // canonical NaN: 0x7ff8000000000000L
    const lo = u32[0] | 0;
    const hi = u32[1] | 0;
    return hi ^ lo;
  }
  if (typeof key === 'boolean') return key ? 1231 : 1237;
  if (key === null || key === undefined) return 0;
  return javaStringHash(JSON.stringify(key));
}

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/** org.apache.flink.util.MathUtils.murmurHash(int): non-negative. */
export function murmurHash(code: number): number {
  code = Math.imul(code, 0xcc9e2d51);
  code = rotl(code, 15);
  code = Math.imul(code, 0x1b873593);
  code = rotl(code, 13);
  code = (Math.imul(code, 5) + 0xe6546b64) | 0;
  code ^= 4;
  // bitMix
  code ^= code >>> 16;
  code = Math.imul(code, 0x85ebca6b);
  code ^= code >>> 13;
  code = Math.imul(code, 0xc2b2ae35);
  code ^= code >>> 16;
  if (code >= 0) return code;
  return code !== -2147483648 ? -code : 0;
}

/** KeyGroupRangeAssignment.assignToKeyGroup: murmurHash(key.hashCode()) % maxParallelism. */
export const assignToKeyGroup = (key: unknown, maxParallelism: number): number => murmurHash(javaHashCode(key)) % maxParallelism;

/** KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup: keyGroup · parallelism / maxParallelism. */
export const computeOperatorIndexForKeyGroup = (maxParallelism: number, parallelism: number, keyGroup: number): number =>
  Math.floor((keyGroup * parallelism) / maxParallelism);

/** The subtask (of `parallelism`) that owns `key`: assignKeyToParallelOperator. */
export const operatorIndexForKey = (key: unknown, maxParallelism: number, parallelism: number): number =>
  computeOperatorIndexForKeyGroup(maxParallelism, parallelism, assignToKeyGroup(key, maxParallelism));

/**
 * KafkaSourceEnumerator.getSplitOwner: the reader (source subtask) of a topic partition. The start
 * index comes from the topic's name (here the source node's id), partitions follow round robin.
 */
export function splitOwner(topic: string, partition: number, numReaders: number): number {
  const startIndex = (Math.imul(javaStringHash(topic), 31) & 0x7fffffff) % numReaders;
  return (startIndex + partition) % numReaders;
}
