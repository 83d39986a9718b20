import { describe, expect, it } from 'vitest';
import { parseJson } from './json.ts';

const error = (text: string) => {
  const r = parseJson(text);
  if (r.ok) throw new Error('expected an error');
  return `${r.line}:${r.column}: ${r.message}`;
};

describe('parseJson', () => {
  it('parses what JSON.parse parses', () => {
    for (const text of ['{}', '[]', '0', '-1.5e3', '"a\\u00e9\\n"', 'true', ' null ', '{"a":[1,{"b":false}],"c":"d"}', '\ufeff{"a":1}']) {
      expect(parseJson(text)).toEqual({ ok: true, value: JSON.parse(text.replace(/^\ufeff/, '')) });
    }
  });

  it('says where the first error is, as line:column', () => {
    expect(error('{\n  "a": 1,\n  "b" 2\n}')).toBe("3:7: unexpected '2': expected ':' after a property name");
    expect(error('{"a": 1 "b": 2}')).toBe(`1:9: unexpected '"': expected ',' or '}' after a property value`);
    expect(error('{"a": 1,}')).toBe("1:9: unexpected '}': trailing comma in an object");
    expect(error('[1, 2,]')).toBe("1:7: unexpected ']': trailing comma in an array");
    expect(error('{"a": [1, 2}')).toBe("1:12: unexpected '}': expected ',' or ']' after an array item");
    expect(error("{'a': 1}")).toBe("1:2: unexpected ''': expected a property name in double quotes");
    expect(error('{"a": \'x\'}')).toBe(`1:7: unexpected "'": JSON strings use double quotes`);
    expect(error('{"a": 01}')).toBe('1:8: invalid number');
    expect(error('{"a": "x')).toBe('1:7: unterminated string');
    expect(error('{"a": "\\q"}')).toBe('1:8: invalid escape \\q in a string');
    expect(error('{"a": 1')).toBe("1:8: unexpected end of input: expected ',' or '}' after a property value");
    expect(error('')).toBe('1:1: unexpected end of input: expected a value');
    expect(error('{} x')).toBe("1:4: unexpected 'x' after the end of the document");
    expect(error('{"a": tru}')).toBe("1:7: unexpected 't': expected a value");
    expect(error('"a\tb"')).toBe('1:3: control character U+0009 in a string: write it as an escape');
  });

  it('refuses absurd nesting instead of overflowing later', () => {
    expect(error('['.repeat(10_000) + ']'.repeat(10_000))).toMatch(/^1:501: nested deeper than 500 levels$/);
  });

  it('agrees with JSON.parse on random text', () => {
    const alphabet = '{}[]":,0123456789.eE+- \ntruefalsnl\\x';
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(parseJson(text).ok, JSON.stringify(text)).toBe(valid);
    }
  });
});
