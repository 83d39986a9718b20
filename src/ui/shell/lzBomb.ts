// For tests only: a `#job=` payload in lz-string's URI-safe encoding that expands quadratically.
// Each code names the dictionary entry being defined (w + w[0]), so the n-th output piece is n
// characters long: n codes of ~19 bits make n²/2 characters (300,000 codes: a 950,000-character
// link that expands to 4.5×10^10). lz-string's own compress cannot make one this fast.
const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

export function lzBomb(codes: number, char = 'a'): string {
  const out: string[] = [];
  let val = 0;
  let position = 0;
  const write = (value: number, numBits: number) => {
    for (let i = 0; i < numBits; i++) {
      val = (val << 1) | (value & 1);
      if (position === 5) {
        position = 0;
        out.push(URI_SAFE.charAt(val));
        val = 0;
      } else position++;
      value >>= 1;
    }
  };
  write(0, 2); // an 8-bit literal follows
  write(char.charCodeAt(0), 8);
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  for (let k = 0; k < codes; k++) {
    write(dictSize, numBits); // the entry about to be defined: w + w[0]
    dictSize++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  write(2, numBits); // end of stream
  for (;;) {
    val <<= 1;
    if (position === 5) {
      out.push(URI_SAFE.charAt(val));
      break;
    }
    position++;
  }
  return out.join('');
}

/** How many characters `lzBomb(codes)` expands to. */
export const lzBombChars = (codes: number): number => ((codes + 1) * (codes + 2)) / 2;
