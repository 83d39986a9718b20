import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, inUnit, parseDuration, unitFor } from './duration.ts';

const ms = (text: string, unit: Parameters<typeof parseDuration>[1] = 'ms', neg = false) => {
  const r = parseDuration(text, unit, neg);
  return r.ok ? r.ms : r.message;
};

describe('parseDuration', () => {
  it('reads what people type', () => {
    expect(ms('1.5 s')).toBe(1500);
    expect(ms('1500ms')).toBe(1500);
    expect(ms('2 min')).toBe(120_000);
    expect(ms('250')).toBe(250);
    expect(ms('1h 30m')).toBe(5_400_000);
    expect(ms('1 min 30 s')).toBe(90_000);
    expect(ms('  3 seconds ')).toBe(3000);
    expect(ms('.5s')).toBe(500);
    expect(ms('1,500 ms')).toBe(1500);
  });

  it('reads a bare number in the field’s unit', () => {
    expect(ms('1500', 's')).toBe(1_500_000);
    expect(ms('1500', 'ms')).toBe(1500);
    expect(ms('1.5', 's')).toBe(1500);
    expect(ms('2', 'min')).toBe(120_000);
  });

  it('refuses what it cannot read, saying why', () => {
    expect(ms('')).toBe('empty');
    expect(ms('abc')).toMatch(/cannot read/);
    expect(ms('5 parsecs')).toMatch(/unknown unit "parsecs"/);
    expect(ms('1 30')).toMatch(/give each number a unit/);
    expect(ms('-5 s')).toBe('must not be negative');
    expect(ms('-5 s', 'ms', true)).toBe(-5000);
    expect(ms('−1.5 s', 'ms', true)).toBe(-1500);
  });
});

describe('formatDuration', () => {
  it('writes durations in words', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(1_500_000)).toBe('25 min');
    expect(formatDuration(5_400_000)).toBe('1 h 30 min');
    expect(formatDuration(60_500)).toBe('1 min 0.5 s');
    expect(formatDuration(-2000)).toBe('−2 s');
  });

  it('property: parse(format(ms)) = ms for any whole number of milliseconds', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
      const r = parseDuration(formatDuration(n), 'ms', true);
      return r.ok && r.ms === n;
    }), { numRuns: 2000 });
  });

  it('property: a value shown as a bare number in its unit reads back the same', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e11 }), (n) => {
      const unit = unitFor(n);
      const r = parseDuration(inUnit(n, unit), unit);
      return r.ok && r.ms === n;
    }), { numRuns: 2000 });
  });
});
