// Spark's shuffle partitions: a stateful stage runs as settings.microbatch.shufflePartitions tasks,
// keys to tasks by hash, and the stage (so the batch) ends with its slowest task.
import { describe, expect, it } from 'vitest';
import { javaHashCode, murmurHash } from '../dataflow/flink.ts';
import { harness } from '../test-support/harness.ts';
import { every, job, keyBy, pipeline, rec, sink, source, tumbling, watermark } from '../test-support/jobs.ts';
import type { ShuffleTask } from './shuffleTasks.ts';

const taskOf = (key: string, n: number) => murmurHash(javaHashCode(key)) % n;

function run(keys: string[], shufflePartitions: number) {
  const records = keys.map((k, i) => rec(i, 0, k));
  const j = job(pipeline(source('src', records), watermark('wm', 0), keyBy('kb'), tumbling('count', 10_000, { costMs: 10 }), sink('out')), {
    mode: 'microbatch',
    microbatch: { ...every(1000), shufflePartitions, batchOverheadMs: 0 },
  });
  return harness(j).run();
}

describe('micro-batch shuffle partitions (tasks per stateful stage)', () => {
  it('batches[i].tasks lists each task of the stage with its rows (keys by hash) and duration', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'a', 'a'];
    const first = run(keys, 4).batches[0];
    const tasks = first.tasks as ShuffleTask[];
    const expected = [0, 1, 2, 3].map((p) => keys.filter((k) => taskOf(k, 4) === p).length);
    expect(tasks).toEqual(expected.map((rows, partition) => ({ stage: 'count', partition, rows, durationMs: rows * 10 })));
    // The stage ends with its slowest task: the batch's work is the largest task's, not the sum.
    expect((first.durationMs as { addBatch: number }).addBatch).toBe(Math.max(...expected) * 10);
  });

  it('one hot key makes a straggler: the batch takes as long as the hot task', () => {
    const uniform = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
    const hot = Array.from({ length: 12 }, () => 'hot');
    const add = (keys: string[]) => (run(keys, 4).batches[0].durationMs as { addBatch: number }).addBatch;
    expect(add(hot)).toBe(120);
    expect(add(uniform)).toBeLessThan(120);
    // With one shuffle partition every row is in one task either way.
    expect((run(uniform, 1).batches[0].tasks as ShuffleTask[]).map((t) => t.rows)).toEqual([12]);
  });
});
