// Flink's partitioning functions against values computed from Flink's Java definitions
// (String.hashCode, Long/Double.hashCode, MathUtils.murmurHash, KeyGroupRangeAssignment,
// KafkaSourceEnumerator.getSplitOwner) by an independent Python transcription with explicit int32
// arithmetic — not by this code.
import { describe, expect, it } from 'vitest';
import { assignToKeyGroup, computeOperatorIndexForKeyGroup, javaHashCode, javaStringHash, murmurHash, operatorIndexForKey, splitOwner } from './flink.ts';

describe('Flink key groups (KeyGroupRangeAssignment) and split owners (KafkaSourceEnumerator)', () => {
  it('String.hashCode, then murmurHash, key group (max parallelism 128) and operator index for p = 1…4', () => {
    const known: [string, number, number, number, number[]][] = [
      ['', 0, 593689054, 94, [0, 1, 2, 2]],
      ['a', 97, 1455541201, 81, [0, 1, 1, 2]],
      ['k0', 3365, 1759188577, 97, [0, 1, 2, 3]],
      ['k1', 3366, 1124088851, 19, [0, 0, 0, 0]],
      ['k999', 3244238, 425812844, 108, [0, 1, 2, 3]],
      ['hello', 99162322, 1715862179, 35, [0, 0, 0, 1]],
      ['user-42', -147182656, 1600933524, 20, [0, 0, 0, 0]],
      ['Ünïcode', 1055301514, 2088752895, 127, [0, 1, 2, 3]],
    ];
    for (const [key, hash, murmur, group, indices] of known) {
      expect(javaStringHash(key), key).toBe(hash);
      expect(murmurHash(hash), key).toBe(murmur);
      expect(assignToKeyGroup(key, 128), key).toBe(group);
      expect([1, 2, 3, 4].map((p) => computeOperatorIndexForKeyGroup(128, p, group)), key).toEqual(indices);
      expect([1, 2, 3, 4].map((p) => operatorIndexForKey(key, 128, p)), key).toEqual(indices);
    }
  });

  it('numbers hash as Flink sees them: Integer (the value), Long, Double', () => {
    const ints: [number, number, number, number][] = [
      [0, 593689054, 94, 2526],
      [1, 68075478, 86, 4054],
      [2, 1085422463, 127, 2943],
      [42, 1134849565, 29, 3613],
      [-7, 206585249, 33, 3489],
      [2147483647, 1653689534, 62, 3262],
      [-2147483648, 1718298732, 108, 2156],
    ];
    for (const [v, murmur, g128, g4096] of ints) {
      expect(javaHashCode(v)).toBe(v);
      expect(murmurHash(v)).toBe(murmur);
      expect(assignToKeyGroup(v, 128)).toBe(g128);
      expect(assignToKeyGroup(v, 4096)).toBe(g4096);
    }
    expect([2 ** 31, 1e12, -1e12].map(javaHashCode)).toEqual([-2147483648, -727379736, -727380201]);
    expect([2 ** 31, 1e12, -1e12].map((v) => assignToKeyGroup(v, 128))).toEqual([108, 72, 14]);
    expect([1.5, -0.25, 3.14159].map(javaHashCode)).toEqual([1073217536, -1076887552, -1340954729]);
    expect([1.5, -0.25, 3.14159].map((v) => assignToKeyGroup(v, 128))).toEqual([65, 74, 47]);
    expect([true, false, null].map(javaHashCode)).toEqual([1231, 1237, 0]);
  });

  it('getSplitOwner: ((topic.hashCode() · 31) & 0x7FFFFFFF) % readers + partition, modulo readers', () => {
    const owners = (topic: string) => [1, 2, 3, 4].map((n) => [0, 1, 2, 3, 4, 5].map((k) => splitOwner(topic, k, n)));
    expect(owners('src')).toEqual([
      [0, 0, 0, 0, 0, 0],
      [0, 1, 0, 1, 0, 1],
      [1, 2, 0, 1, 2, 0],
      [0, 1, 2, 3, 0, 1],
    ]);
    expect(owners('orders')).toEqual([
      [0, 0, 0, 0, 0, 0],
      [1, 0, 1, 0, 1, 0],
      [0, 1, 2, 0, 1, 2],
      [3, 0, 1, 2, 3, 0],
    ]);
    expect(owners('clicks')[3]).toEqual([1, 2, 3, 0, 1, 2]);
  });
});
