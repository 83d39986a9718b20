// Regressions for the window trigger state machine.
import { describe, expect, it } from 'vitest';
import { jobSchema } from '../../../model/index.ts';
import { runJob } from '../../simulation.ts';

describe('continuous event-time early firings', () => {
  it('stop chaining at the end-of-input watermark instead of stepping to the global window end forever', () => {
    const job = jobSchema.parse({
      format: 'streamlab.job/v1',
      mode: 'dataflow',
      nodes: [
        { id: 's', kind: 'source', params: { records: [{ ts: 1000, at: 0, key: 'a', value: 1 }, { ts: 5000, at: 10, key: 'a', value: 2 }] } },
        { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
        { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
        {
          id: 'w',
          kind: 'window',
          params: {
            assigner: { kind: 'global' },
            aggregate: { fn: 'sum', field: 'value', as: 'v' },
            trigger: { kind: 'eventTime', early: { kind: 'eventTimeInterval', intervalMs: 1000 } },
          },
        },
        { id: 'o', kind: 'sink', params: {} },
      ],
      edges: [
        { from: 's', to: 'wm' },
        { from: 'wm', to: 'kb' },
        { from: 'kb', to: 'w' },
        { from: 'w', to: 'o' },
      ],
    });
    const panes = runJob(job).sinks.o.map((w) => [w.record.pane, w.record.v]);
    expect(panes).toEqual([
      ['early', 3],
      ['onTime', 3],
    ]);
  });
});
