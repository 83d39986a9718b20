import { describe, expect, it } from 'vitest';
import type { SinkWrite } from '../../model/index.ts';
import { tabulate, visibility } from './sinkRows.ts';

const write = (n: number, txn?: number): SinkWrite => ({ record: { n }, atMs: n * 100, visibleAtMs: txn === undefined ? n * 100 : null, ...(txn === undefined ? {} : { txn }) });

describe('sink rows', () => {
  it('tells committed, not-yet-visible and aborted rows of a transactional sink apart', () => {
    const writes = [write(1, 1), write(2, 1), write(3, 2), write(3, 3), write(4, 3)];
    const txns = { 1: { committed: true, atMs: 2000 }, 2: { committed: false, atMs: 2500 } };
    const t = tabulate(writes, txns);
    expect(t.tally).toEqual({ committed: 2, pending: 2, aborted: 1 });
    expect(t.rows.map((r) => r.state)).toEqual(['pending', 'pending', 'aborted', 'committed', 'committed']);
    // The aborted copy of {n: 3} is never seen, so the other one is no duplicate.
    expect(t.dupes.size).toBe(0);
    expect(visibility(writes[0]!, 'committed', txns)).toBe('at 2 s (commit)');
    expect(visibility(writes[3]!, 'pending', txns)).toBe('not yet (uncommitted)');
  });

  it('marks duplicates of an at-least-once sink, newest first, with no tally', () => {
    const t = tabulate([write(1), write(2), write(1)], {});
    expect(t.tally).toBeNull();
    expect(t.dupes).toEqual(new Set(['{"n":1}']));
    expect(t.rows.map((r) => r.w.record.n)).toEqual([1, 2, 1]);
    expect(t.rows.every((r) => r.state === 'visible')).toBe(true);
  });
});
