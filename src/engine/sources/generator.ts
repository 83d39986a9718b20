// The seeded record generator (job-format.md "Generator"). Record i arrives at
// startMs + floor(i * 1000 / ratePerSec), on partition i mod partitions; its event time lags its
// arrival by up to maxOutOfOrdernessMs, and a `late.fraction` of records lag by `late.byMs` more.
import type { Generator } from '../job/schema.ts';
import { createRng, hashString } from '../kernel/rng.ts';
import type { SourceCursor, SourceItem } from './cursor.ts';

export function createGeneratorCursor(gen: Generator, partitions: number, seed: number, sourceId: string): SourceCursor {
  const rng = createRng(seed ^ hashString(sourceId));
  const keys = typeof gen.keys === 'number' ? Array.from({ length: gen.keys }, (_, i) => `k${i}`) : gen.keys;
  const startMs = gen.startMs ?? 0;
  const endMs = gen.endMs ?? Number.POSITIVE_INFINITY;
  const value = gen.value ?? { kind: 'constant' as const, value: 1 };
  const intValues = value.kind === 'uniform' && Number.isInteger(value.min) && Number.isInteger(value.max);
  const ooo = gen.maxOutOfOrdernessMs ?? 0;
  let i = 0;
  const arrival = (n: number) => startMs + Math.floor((n * 1000) / gen.ratePerSec);
  return {
    partitions,
    get taken() {
      return i;
    },
    peekAtMs() {
      const at = arrival(i);
      return at < endMs ? at : undefined;
    },
    next(): SourceItem {
      const atMs = arrival(i);
      const partition = i % partitions;
      i++;
      const key = keys[Math.floor(rng.next() * keys.length)];
      const v =
        value.kind === 'constant'
          ? value.value
          : intValues
            ? rng.int(value.min, value.max)
            : value.min + rng.next() * (value.max - value.min);
      let ts = atMs - (ooo > 0 ? rng.int(0, ooo) : 0);
      if (gen.late && rng.next() < gen.late.fraction) ts -= gen.late.byMs;
      return { kind: 'record', atMs, partition, row: { ts, key, value: v } };
    },
    // Every partition of a generator ends together, at endMs.
    isPartitionDone: () => arrival(i) >= endMs,
  };
}
