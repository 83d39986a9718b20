import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { decompressUriSafeBounded } from './boundedDecompress.ts';
import { lzBomb, lzBombChars } from './lzBomb.ts';

describe('bounded lz-string decompression', () => {
  it('gives what lz-string gives for what lz-string compressed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.array(fc.constantFrom('ab', 'a', '{"k":1}', 'ü'), { maxLength: 400 }).map((p) => p.join(''))), (text) => {
        const encoded = compressToEncodedURIComponent(text);
        const got = decompressUriSafeBounded(encoded, 1e6);
        expect(decompressFromEncodedURIComponent(encoded)).toBe(text);
        if (text === '') expect(got).toEqual({ ok: true, text: '' });
        else expect(got).toEqual({ ok: true, text });
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with lz-string on damaged input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCxyz019+-$ %'.split('')), minLength: 1, maxLength: 60 }), (junk) => {
        let theirs: string | null;
        try {
          theirs = decompressFromEncodedURIComponent(junk);
        } catch {
          theirs = null; // lz-string throws on some damaged input
        }
        const ours = decompressUriSafeBounded(junk, 1e6);
        // Never throws; what it reads, lz-string reads the same (damaged input may read as junk
        // in both, which the JSON parse then refuses).
        if (ours.ok && ours.text !== '') expect(ours.text).toBe(theirs);
        if (theirs === null || theirs === '') expect(ours.ok ? ours.text : '').toBe('');
      }),
      { numRuns: 1000 },
    );
  });

  it('stops at the limit: a link that expands a thousandfold is refused without expanding it', () => {
    const small = lzBomb(1000);
    expect(decompressFromEncodedURIComponent(small)).toBe('a'.repeat(lzBombChars(1000)));
    expect(decompressUriSafeBounded(small, 1e6)).toEqual({ ok: true, text: 'a'.repeat(lzBombChars(1000)) });
    expect(decompressUriSafeBounded(small, lzBombChars(1000) - 1)).toEqual({ ok: false, reason: 'tooLarge' });
    // The link: under a million characters, 4.5×10^10 once expanded.
    const bomb = lzBomb(300_000);
    expect(bomb.length).toBeLessThan(1_000_000);
    expect(lzBombChars(300_000)).toBeGreaterThan(4.5e10);
    expect(decompressUriSafeBounded(bomb, 10_000_000)).toEqual({ ok: false, reason: 'tooLarge' });
  });
});
