import { describe, expect, it } from 'vitest';
import { job, keyBy, pipeline, rec, sink, source, tumbling, watermark } from '../../engine/test-support/jobs.ts';
import { jobsForValues, MAX_SWEEP_VALUES, parseSetFlag, parseValues, resolvePath, SweepInputError, valueAt, withValue } from './params.ts';

const raw = JSON.parse(JSON.stringify(job(pipeline(source('src', [rec(1000, 0)]), watermark('wm', 0), keyBy('kb'), tumbling('win', 10_000), sink('out')))));
delete raw.settings.dataflow.checkpointing;

const problemsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SweepInputError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
};

describe('sweep values', () => {
  it('reads ranges by whole steps (no drift), lists of numbers, strings and booleans', () => {
    expect(parseValues('p', '0:1:0.1')).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(parseValues('p', '1000:2500:1000')).toEqual([1000, 2000]);
    expect(parseValues('p', '5:5:1')).toEqual([5]);
    expect(parseValues('p', 'aligned, unaligned')).toEqual(['aligned', 'unaligned']);
    expect(parseValues('p', 'true,false,null,"a,"')).toEqual([true, false, null, '"a', '"']);
    expect(parseSetFlag('nodes.wm.params.delayMs=0:2000:1000')).toEqual({ path: 'nodes.wm.params.delayMs', values: [0, 1000, 2000] });
  });

  it(`refuses more than ${MAX_SWEEP_VALUES} values, empty ranges and zero steps`, () => {
    expect(parseValues('p', `0:${MAX_SWEEP_VALUES - 1}:1`)).toHaveLength(MAX_SWEEP_VALUES);
    expect(problemsOf(() => parseValues('p', `0:${MAX_SWEEP_VALUES}:1`))).toEqual([`p: range 0:${MAX_SWEEP_VALUES}:1 has ${MAX_SWEEP_VALUES + 1} values; a sweep runs at most ${MAX_SWEEP_VALUES}`]);
    expect(problemsOf(() => parseValues('p', '2:1:1'))).toEqual(['p: range 2:1:1 is empty: TO is below FROM']);
    expect(problemsOf(() => parseValues('p', '0:1:-1'))).toEqual(['p: range 0:1:-1: STEP must be greater than 0']);
  });
});

describe('sweep paths', () => {
  it('names nodes by id and fields by the schema, including fields the job leaves to their default', () => {
    expect(resolvePath(raw, 'nodes.wm.params.delayMs')).toEqual({ path: 'nodes.wm.params.delayMs', steps: ['nodes', 1, 'params', 'delayMs'], jobPath: 'nodes[1].params.delayMs' });
    expect(resolvePath(raw, 'nodes.win.params.allowedLatenessMs').jobPath).toBe('nodes[3].params.allowedLatenessMs');
    expect(valueAt(raw, resolvePath(raw, 'nodes.wm.params.delayMs').steps)).toBe(0);
  });

  it('creates the objects a setting needs on the way (a checkpoint interval turns checkpoints on)', () => {
    const r = resolvePath(raw, 'settings.dataflow.checkpointing.intervalMs');
    const [a, b] = jobsForValues(raw, r, [1000, 5000], ['dataflow']);
    expect(a.settings.dataflow.checkpointing).toMatchObject({ intervalMs: 1000, mode: 'aligned' });
    expect(b.settings.dataflow.checkpointing?.intervalMs).toBe(5000);
    // The document itself is not changed, and what is off the path is shared.
    expect(raw.settings.dataflow.checkpointing).toBeUndefined();
    const copy = withValue(raw, r.steps, 1);
    expect(copy.nodes).toBe(raw.nodes);
  });

  it('picks the member of a union by its kind, and says when there is none', () => {
    const withTrigger = { ...raw, nodes: raw.nodes.map((n: { id: string; params: object }) => (n.id === 'win' ? { ...n, params: { ...n.params, trigger: { kind: 'count', count: 3 } } } : n)) };
    expect(resolvePath(withTrigger, 'nodes.win.params.trigger.count').jobPath).toBe('nodes[3].params.trigger.count');
    expect(problemsOf(() => resolvePath(withTrigger, 'nodes.win.params.trigger.intervalMs'))).toEqual([
      'nodes.win.params.trigger.intervalMs: names nothing: nodes[3].params.trigger has no field "intervalMs" (fields: kind, count, accumulation)',
    ]);
    expect(problemsOf(() => resolvePath(raw, 'nodes.win.params.trigger.count'))[0]).toMatch(/^nodes\.win\.params\.trigger\.count: names nothing: nodes\[3\]\.params\.trigger is not set/);
    expect(problemsOf(() => resolvePath(raw, 'format'))).toEqual(['format: format is not a setting to sweep']);
  });
});
