// A binary min-heap of window groups by end: what the watermark evicts next is at the top, so a
// batch touches the groups it evicts rather than scanning the whole state.
/** What the heap orders by. */
type Ended = { readonly endMs: number };

export function heapPush<T extends Ended>(h: T[], g: T) {
  let i = h.length;
  h.push(g);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (h[parent].endMs <= g.endMs) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = g;
}

export function heapPop<T extends Ended>(h: T[]): T {
  const top = h[0];
  const last = h.pop()!;
  const n = h.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && h[r].endMs < h[l].endMs ? r : l;
      if (h[c].endMs >= last.endMs) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
  return top;
}
