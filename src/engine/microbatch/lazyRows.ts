// A batch's rows from a random-access source (the generator with one partition), made when the
// batch runs rather than when it is planned. To everyone else it is an ordinary array (a Proxy that
// fills itself on first use); the executor asks for the range and makes each row as it feeds it to
// a fused pass, so that a batch of 100k generated rows never holds them all at once. The rows are
// the same every time they are made, so a re-run batch reads exactly what the first run read.
import type { Row } from '../../model/index.ts';

export type RowRange = { readonly rowAt: (index: number, into?: Row) => Row; readonly start: number; readonly count: number };

type Lazy = RowRange & { readonly target: Row[]; filled: boolean };

const ranges = new WeakMap<object, Lazy>();

function fill(lazy: Lazy): Row[] {
  if (!lazy.filled) {
    lazy.filled = true;
    const t = lazy.target;
    t.length = lazy.count;
    for (let j = 0; j < lazy.count; j++) t[j] = lazy.rowAt(lazy.start + j);
  }
  return lazy.target;
}

/** Rows `start` … `start + count − 1` of the source, as an array that is filled when first used. */
export function createLazyRows(rowAt: (index: number, into?: Row) => Row, start: number, count: number): Row[] {
  const lazy: Lazy = { rowAt, start, count, target: [], filled: false };
  const handler: ProxyHandler<Row[]> = {
    get(target, prop, receiver) {
      if (!lazy.filled) {
        if (prop === 'length') return count;
        fill(lazy);
      }
      return Reflect.get(target, prop, receiver);
    },
    set: (target, prop, value) => (fill(lazy), Reflect.set(target, prop, value)),
    has: (target, prop) => (fill(lazy), Reflect.has(target, prop)),
    ownKeys: (target) => (fill(lazy), Reflect.ownKeys(target)),
    getOwnPropertyDescriptor: (target, prop) => (fill(lazy), Reflect.getOwnPropertyDescriptor(target, prop)),
    defineProperty: (target, prop, desc) => (fill(lazy), Reflect.defineProperty(target, prop, desc)),
    deleteProperty: (target, prop) => (fill(lazy), Reflect.deleteProperty(target, prop)),
  };
  const rows = new Proxy(lazy.target, handler);
  ranges.set(rows, lazy);
  return rows;
}

/** The range behind rows not made yet; null for ordinary arrays (and lazy ones already filled). */
export function rowRangeOf(rows: Row[]): RowRange | null {
  const lazy = ranges.get(rows);
  return lazy && !lazy.filled ? lazy : null;
}

/** A plain array with the rows: the array itself, or a lazy array's rows, made now if need be. */
export function materializeRows(rows: Row[]): Row[] {
  const lazy = ranges.get(rows);
  return lazy ? fill(lazy) : rows;
}
