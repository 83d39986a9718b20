// lz-string's decompressFromEncodedURIComponent (lz-string 1.5.0, MIT, Pieroxy), ported with one
// change: it stops as soon as the output would pass `maxChars`. lz-string builds its whole output
// before returning, and a link of under a million characters can expand to tens of billions
// (a repeated string compresses to almost nothing): that takes the tab down, and with the hash
// still in the address bar, every reload does it again. Same input, same output otherwise
// (boundedDecompress.test.ts checks it against lz-string's own compress).

const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const valueOf = new Map([...URI_SAFE].map((ch, i) => [ch, i]));

export type Decompressed =
  | { ok: true; text: string }
  /** `damaged`: not lz-string output; `tooLarge`: it would expand past `maxChars`. */
  | { ok: false; reason: 'damaged' | 'tooLarge' };

export function decompressUriSafeBounded(encoded: string, maxChars: number): Decompressed {
  if (encoded === '') return { ok: false, reason: 'damaged' };
  const input = encoded.replace(/ /g, '+');
  const length = input.length;
  // An unknown character reads as 0, as in lz-string (its lookup gives undefined, and undefined & n is 0).
  const next = (index: number) => valueOf.get(input.charAt(index)) ?? 0;
  const resetValue = 32;
  let val = next(0);
  let position = resetValue;
  let index = 1;
  const read = (numBits: number): number => {
    let bits = 0;
    const maxpower = 2 ** numBits;
    let power = 1;
    while (power !== maxpower) {
      const resb = val & position;
      position >>= 1;
      if (position === 0) {
        position = resetValue;
        val = next(index++);
      }
      bits |= (resb > 0 ? 1 : 0) * power;
      power <<= 1;
    }
    return bits;
  };

  const dictionary: string[] = [];
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  const result: string[] = [];

  let c: string;
  switch (read(2)) {
    case 0:
      c = String.fromCharCode(read(8));
      break;
    case 1:
      c = String.fromCharCode(read(16));
      break;
    case 2:
      return { ok: true, text: '' };
    default:
      return { ok: false, reason: 'damaged' }; // lz-string reads on with `undefined` here
  }
  dictionary[3] = c;
  let w = c;
  result.push(c);
  let total = 1;
  for (;;) {
    if (index > length) return { ok: false, reason: 'damaged' };
    let code = read(numBits);
    switch (code) {
      case 0:
        dictionary[dictSize++] = String.fromCharCode(read(8));
        code = dictSize - 1;
        enlargeIn--;
        break;
      case 1:
        dictionary[dictSize++] = String.fromCharCode(read(16));
        code = dictSize - 1;
        enlargeIn--;
        break;
      case 2:
        return { ok: true, text: result.join('') };
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    const known = dictionary[code];
    if (known) entry = known;
    else if (code === dictSize) entry = w + w.charAt(0);
    else return { ok: false, reason: 'damaged' };
    total += entry.length;
    if (total > maxChars) return { ok: false, reason: 'tooLarge' };
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
