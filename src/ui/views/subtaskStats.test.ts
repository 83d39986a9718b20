import { describe, expect, it } from 'vitest';
import type { BatchEntry } from '../../model/index.ts';
import { describeSkew, sharesOf, skewScore, stagesOf, stretchOf } from './subtaskStats.ts';

describe('skewScore (Flink data-skew score)', () => {
  it('is 0 for an even load and (n − 1) × 100 when one subtask has everything', () => {
    expect(skewScore([10, 10, 10, 10])).toBe(0);
    expect(skewScore([40, 0, 0, 0])).toBe(300);
  });
  it('is (max − mean) / mean in percent', () => {
    // mean 25, max 70: (70 − 25) / 25 = 180 %
    expect(skewScore([70, 10, 10, 10])).toBeCloseTo(180);
  });
  it('is null without records', () => {
    expect(skewScore([])).toBeNull();
    expect(skewScore([0, 0])).toBeNull();
  });
  it('has words for each degree', () => {
    expect(describeSkew(0, 4)).toMatch(/^even/);
    expect(describeSkew(30, 4)).toMatch(/^mild/);
    expect(describeSkew(100, 4)).toMatch(/^skewed/);
    expect(describeSkew(250, 4)).toMatch(/^heavily/);
  });
});

describe('sharesOf', () => {
  it('gives percent of the subtask’s time', () => {
    expect(sharesOf({ index: 0, records: 1, busyMs: 500, backpressuredMs: 250, idleMs: 250, watermarkMs: null })).toEqual({ busy: 50, backpressured: 25, idle: 25 });
    expect(sharesOf({ index: 0, records: 0, busyMs: 0, backpressuredMs: 0, idleMs: 0, watermarkMs: null }).idle).toBe(100);
  });
});

describe('stagesOf', () => {
  it('groups a batch’s tasks by stage and finds the straggler and the median task', () => {
    const batch: BatchEntry = {
      batchId: 3, startMs: 0, endMs: 1000, inputRecords: 10, watermarkMs: 0,
      tasks: [
        { stage: 'count', partition: 0, rows: 1, durationMs: 100 },
        { stage: 'count', partition: 1, rows: 7, durationMs: 700 },
        { stage: 'count', partition: 2, rows: 2, durationMs: 200 },
        { stage: 'count', partition: 3, rows: 0, durationMs: 0 },
        { stage: 'dedup', partition: 0, rows: 5, durationMs: 50 },
      ],
    };
    const [count, dedup] = stagesOf(batch);
    expect(count).toMatchObject({ stage: 'count', straggler: 1, medianMs: 150, maxMs: 700 });
    expect(stretchOf(count!)).toEqual({ ratio: 700 / 150, extraMs: 550 });
    expect(dedup).toMatchObject({ stage: 'dedup', straggler: 0, medianMs: 50 });
  });
  it('is empty for a batch without tasks', () => {
    expect(stagesOf({ batchId: 0, startMs: 0, endMs: 0, inputRecords: 0, watermarkMs: 0 })).toEqual([]);
  });
});
