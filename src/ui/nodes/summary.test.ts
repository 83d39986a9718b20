import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/test-support/scenarios.ts';
import { emptyRunData, reduceFacts } from '../../telemetry/reduceFacts.ts';
import { recordsOut, summarize } from './summary.ts';

describe('node summary', () => {
  it('says what each engine does with an exactly-once Kafka sink', () => {
    const sink = { connector: 'kafka', delivery: 'exactly-once' };
    expect(summarize('sink', sink, 'dataflow')).toBe('kafka · exactly-once (two-phase commit)');
    expect(summarize('sink', sink, 'microbatch')).toBe('kafka · at-least-once in Spark (no transactions)');
    expect(summarize('sink', { connector: 'file', delivery: 'at-least-once' }, 'microbatch')).toBe('file · exactly-once (commit log)');
    expect(summarize('sink', sink)).toBe('kafka · exactly-once');
  });

  it('marks an unbounded source', () => {
    expect(summarize('source', { connector: 'kafka', records: [], bounded: false })).toBe('kafka · 0 scripted records · unbounded');
  });

  it('counts a source’s records once, however many edges leave it (backpressure: one source, two branches)', () => {
    const flows = { 'src->a': 235, 'src->b': 235, 'w->s': 4, 'w->l:late': 2, 'src2->a': 9 };
    expect(recordsOut(flows, 'src')).toBe(235);
    expect(recordsOut(flows, 'w')).toBe(6);
    const run = runScenario('backpressure', 'dataflow');
    const data = reduceFacts(emptyRunData(), run.allFacts);
    const read = recordsOut(data.flows, 'orders');
    expect(read).toBeGreaterThan(0);
    expect(data.counts.orders!.out).toBe(2 * read); // what the node showed before: per edge
    expect(read).toBe(data.flows['orders->audit']);
  });
});
