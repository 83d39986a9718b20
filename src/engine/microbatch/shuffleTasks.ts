// Spark's shuffle partitions (spec job-format "Parallelism", micro-batch): each stateful stage of a
// batch (aggregation, deduplication, stream-stream join) runs as `spark.sql.shuffle.partitions`
// tasks, rows going to tasks by a hash of their key; the stage ends when its slowest task ends, so
// one hot key makes a straggler that stretches the batch. Here a task's duration is its rows times
// the node's costMs; the batch's work is each stage's slowest task (other nodes: rows × costMs /
// parallelism, as before). The hash is Flink's murmur of the key's Java hashCode (flink.ts), not
// Spark's Murmur3 of the row's bytes: which task a key lands on differs, how skew behaves does not.
import { murmurHash, javaHashCode } from '../dataflow/flink.ts';
import { partitionKeyFn } from '../dataflow/partitioning.ts';
import type { PlanNode } from '../plan.ts';
import type { Row } from '../../model/index.ts';
import type { BatchContext, MbOperator, MbRowStream, PortRows } from './types.ts';

export type ShuffleTask = { stage: string; partition: number; rows: number; durationMs: number };

/** Counts the rows each task of a stateful stage takes in a batch. */
export type TaskCounter = { readonly counts: Float64Array; reset(): void };

const taskOf = (key: unknown, n: number) => murmurHash(javaHashCode(key)) % n;

/**
 * The operator, counting per task the rows it is given (only used with more than one shuffle
 * partition: with one, the task's rows are the node's rows).
 */
export function withTaskCounts(plan: PlanNode, op: MbOperator, partitions: number): { op: MbOperator; counter: TaskCounter } {
  const counts = new Float64Array(partitions);
  const inKey = partitionKeyFn(plan, 'in');
  const leftKey = partitionKeyFn(plan, 'left');
  const rightKey = partitionKeyFn(plan, 'right');
  const count = (rows: readonly Row[], key: ((row: Row) => unknown) | null) => {
    for (let i = 0; i < rows.length; i++) counts[key === null ? 0 : taskOf(key(rows[i]), partitions)]++;
  };
  const wrapped: MbOperator = {
    ...op,
    process(ctx: BatchContext, input: PortRows) {
      count(input.in, inKey);
      count(input.left, leftKey);
      count(input.right, rightKey);
      return op.process(ctx, input);
    },
  };
  if (op.open) {
    const open = op.open.bind(op);
    wrapped.open = (ctx: BatchContext): MbRowStream => {
      const stream = open(ctx);
      return {
        push(row) {
          counts[inKey === null ? 0 : taskOf(inKey(row), partitions)]++;
          return stream.push(row);
        },
        close: () => stream.close(),
      };
    };
  }
  return { op: wrapped, counter: { counts, reset: () => counts.fill(0) } };
}

/** The tasks of every stateful stage of a batch (rows per task: counted, or all rows in one task). */
export function shuffleTasksOf(
  stages: readonly PlanNode[],
  counters: ReadonlyMap<string, TaskCounter>,
  rowsIn: ReadonlyMap<string, number>,
): ShuffleTask[] {
  const tasks: ShuffleTask[] = [];
  for (const p of stages) {
    const cost = p.node.costMs ?? 0;
    const counter = counters.get(p.id);
    const rows = counter ? Array.from(counter.counts) : [rowsIn.get(p.id) ?? 0];
    rows.forEach((n, partition) => tasks.push({ stage: p.id, partition, rows: n, durationMs: n * cost }));
  }
  return tasks;
}
