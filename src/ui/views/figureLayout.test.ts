import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateFields, clockOriginOf, formatAxisTime, lateTag, paneValueText, placeLabels, ticks } from './figureLayout.ts';
import type { LabelRequest } from './figureLayout.ts';

describe('the scenario clock', () => {
  it('reads clockOrigin as the wall-clock time of 0 ms, and nothing else', () => {
    expect(clockOriginOf({ clockOrigin: '12:00' })).toBe(12 * 3_600_000);
    expect(clockOriginOf({ clockOrigin: '9:30:15' })).toBe(9 * 3_600_000 + 30 * 60_000 + 15_000);
    expect(clockOriginOf({})).toBeNull();
    expect(clockOriginOf({ clockOrigin: '25:00' })).toBeNull();
    expect(clockOriginOf({ clockOrigin: 43_200_000 })).toBeNull();
  });

  it('writes axis times on that clock, with seconds only where the step needs them', () => {
    const noon = 12 * 3_600_000;
    expect(formatAxisTime(0, noon)).toBe('12:00');
    expect(formatAxisTime(120_000, noon)).toBe('12:02');
    expect(formatAxisTime(85_000, noon, 60_000)).toBe('12:01:25');
    expect(formatAxisTime(30_000, noon, 30_000)).toBe('12:00:30');
    expect(formatAxisTime(120_000, noon, 30_000)).toBe('12:02:00');
    expect(formatAxisTime(1_500, noon, 500)).toBe('12:00:01.5');
    expect(formatAxisTime(3_600_000, 23 * 3_600_000)).toBe('0:00'); // past midnight
  });

  it('falls back to durations without a clock', () => {
    expect(formatAxisTime(120_000, null)).toBe('2 min');
    expect(formatAxisTime(5_000, null, 5_000)).toBe('5 s');
    expect(formatAxisTime(0, null, 5_000)).toBe('0 s');
    expect(formatAxisTime(0, null, 200)).toBe('0 ms');
  });
});

describe('late tags', () => {
  it('name where a late record went, short enough for the margin', () => {
    expect(lateTag('dropped')).toBe('dropped');
    expect(lateTag('tooLate')).toBe('→ tooLate');
    expect(lateTag('lateRecordsOfTheDay')).toBe('→ lateRecords…');
  });
});

describe('ticks', () => {
  it('takes a round step that gives at most the asked number of intervals', () => {
    expect(ticks(610_000, 6)).toEqual({ step: 120_000, values: [0, 120_000, 240_000, 360_000, 480_000, 600_000] });
    expect(ticks(30_000, 8).step).toBe(5_000);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 20 }), (max, n) => {
      const t = ticks(max, n);
      expect(t.values.length - 1).toBeLessThanOrEqual(n);
      expect(t.values[t.values.length - 1]!).toBeLessThanOrEqual(max);
      expect(t.values[0]).toBe(0);
    }));
  });
});

describe('pane values', () => {
  it('writes the aggregate a pane emitted', () => {
    const fields = aggregateFields({ aggregate: { fn: 'sum', field: 'value', as: 'score' } as { fn: string; as: string } });
    expect(fields).toEqual(['score']);
    expect(paneValueText({ key: 'TeamX', windowStart: 0, windowEnd: 120_000, score: 14 }, fields)).toBe('14');
    expect(paneValueText({ avg: 2.5, n: 4 }, ['n', 'avg'])).toBe('n 4 · avg 2.5');
    expect(paneValueText(undefined, fields)).toBe('');
    expect(aggregateFields({ aggregate: [{ fn: 'count' }, { fn: 'max', as: 'top' }] })).toEqual(['count', 'top']);
  });
});

describe('label placement', () => {
  const bounds = { x0: 0, y0: 0, x1: 400, y1: 300 };
  const label = (id: string, x: number, y: number, width = 30): LabelRequest => ({ id, x, y, width, height: 14, anchor: 'end' });

  it('puts a lone label just above its point', () => {
    expect(placeLabels([label('a', 100, 100)], bounds)).toEqual([{ id: 'a', x: 100, y: 97, anchor: 'end', moved: false }]);
  });

  it('moves a label that would cover an earlier one, and leaves out one with no free place', () => {
    const placed = placeLabels([label('a', 100, 100), label('b', 105, 101), label('c', 100, 100)], bounds, [], 0);
    expect(placed.map((p) => p.id)).toEqual(['a', 'b']);
    expect(placed[1]!.moved).toBe(true);
  });

  it('never lets two placed labels overlap, nor leave the bounds', () => {
    const req = fc.array(fc.record({ x: fc.integer({ min: 0, max: 400 }), y: fc.integer({ min: 0, max: 300 }), w: fc.integer({ min: 8, max: 80 }) }), { maxLength: 60 });
    fc.assert(fc.property(req, (rs) => {
      const labels = rs.map((r, i) => label(String(i), r.x, r.y, r.w));
      const placed = placeLabels(labels, bounds);
      const boxes = placed.map((p) => {
        const l = labels[Number(p.id)]!;
        return { x0: p.x - l.width, x1: p.x, y0: p.y - l.height + 2, y1: p.y + 3 };
      });
      for (const b of boxes) {
        expect(b.x0).toBeGreaterThanOrEqual(0);
        expect(b.x1).toBeLessThanOrEqual(400);
        expect(b.y0).toBeGreaterThanOrEqual(0);
        expect(b.y1).toBeLessThanOrEqual(300);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).toBe(false);
        }
      }
    }));
  });

  it('keeps clear of obstacles (the legend, a title)', () => {
    const placed = placeLabels([label('a', 100, 100)], bounds, [{ x0: 60, x1: 120, y0: 80, y1: 100 }]);
    expect(placed[0]!.y).toBeGreaterThan(100);
  });
});
