import { describe, expect, it } from 'vitest';
import { joinRows } from './joinRows.ts';

describe('joinRows', () => {
  it('merges both sides, renames the right side\'s clashing fields and takes the later event time', () => {
    const out = joinRows({ ts: 10, user: 'a', page: 'home' }, { ts: 25, user: 'a', amount: 3 }, 'a');
    expect(out).toEqual({ ts: 25, user: 'a', page: 'home', right_ts: 25, right_user: 'a', amount: 3, key: 'a' });
  });

  it('an outer join\'s unmatched row has only its own side, at its own time', () => {
    expect(joinRows(null, { ts: 7, amount: 1 }, 'k')).toEqual({ ts: 7, amount: 1, key: 'k' });
    expect(joinRows({ ts: 4, page: 'p' }, null, 'k')).toEqual({ ts: 4, page: 'p', key: 'k' });
  });

  it('keeps a field named __proto__ as data, not as the prototype', () => {
    const right = JSON.parse('{"ts": 1, "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const out = joinRows(null, right, 'k');
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
