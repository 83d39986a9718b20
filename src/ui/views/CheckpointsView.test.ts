import { describe, expect, it } from 'vitest';
import type { CheckpointEntry } from '../../model/index.ts';
import { checkpointLegend, survivesCancel } from './CheckpointsView.tsx';
import { failureMarks } from './marks.ts';

const cp = (id: number, kind: 'checkpoint' | 'savepoint', status: CheckpointEntry['status'] = 'completed'): CheckpointEntry =>
  ({ id, kind, status, triggeredAtMs: id * 1000, completedAtMs: status === 'completed' ? id * 1000 + 100 : null });

describe('checkpoint strip', () => {
  it('explains exactly the kinds of bars and marks that are on it', () => {
    const marks = failureMarks([{ atMs: 15_000, node: 'count' }], [{ atMs: 15_000, node: 'count', restoredFrom: 4, resumedAtMs: 16_000 }]);
    const bars = [{ key: 1, startMs: 0, endMs: 1, className: 'cp-completed cp-checkpoint', title: '' }, { key: 2, startMs: 0, endMs: 1, className: 'cp-completed cp-savepoint', title: '' }];
    const texts = checkpointLegend(bars, marks).map((i) => i.text);
    expect(texts).toEqual(['checkpoint, from trigger to completion', 'savepoint', 'crash: the job failed here', 'restore: the job resumed from its last completed checkpoint (or from the start)']);
    expect(checkpointLegend(bars.slice(0, 1), [])).toHaveLength(1);
  });

  it('says which entries survive a cancel: savepoints, and the latest checkpoint when retained', () => {
    const all = [cp(1, 'checkpoint'), cp(2, 'savepoint'), cp(3, 'checkpoint'), cp(4, 'checkpoint', 'failed')];
    expect(all.map((c) => survivesCancel(c, all, 'retain'))).toEqual(['no (subsumed)', 'yes (savepoint)', 'yes (retained)', 'no']);
    expect(survivesCancel(all[2]!, all, 'delete')).toBe('no (externalized: delete)');
  });
});
