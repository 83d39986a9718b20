import { describe, expect, it } from 'vitest';
import { dedupKeyOf } from './dedupKey.ts';

describe('dedupKeyOf', () => {
  it('a one-field key is the JSON of its value, so 1 and "1" are different keys', () => {
    expect(dedupKeyOf(['id'], { id: 1 })).toBe('1');
    expect(dedupKeyOf(['id'], { id: '1' })).toBe('"1"');
  });

  it('a missing field reads as null, whether the key has one field or several', () => {
    expect(dedupKeyOf(['id'], {})).toBe('null');
    expect(dedupKeyOf(['id'], { id: null })).toBe(dedupKeyOf(['id'], {}));
    expect(dedupKeyOf(['a', 'b'], { a: 1 })).toBe('[1,null]');
  });

  it('a several-field key depends on the order and never on an inherited property', () => {
    expect(dedupKeyOf(['a', 'b'], { a: 1, b: 2 })).not.toBe(dedupKeyOf(['b', 'a'], { a: 1, b: 2 }));
    expect(dedupKeyOf(['toString'], {})).toBe('null');
  });
});
