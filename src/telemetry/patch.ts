// Patches carry the run's telemetry from the worker to the page. The worker folds the facts and
// sends only what changed since its last delivery, found by reference first (the fold copies what it
// touches and shares the rest): a value it did not touch is not sent; a list it appended to, trimmed
// at the head or thinned out goes as the ranges of old items it keeps and the items added; an object
// goes key by key, down to the values that differ. Applying a patch makes new objects exactly where values changed and
// keeps the others, so a component subscribed to one node's counts re-renders only when they change.

export type Patch =
  /** The new value, whole. */
  | { set: unknown }
  /** Patches of the keys that changed (added ones included), and the keys removed. */
  | { keys: Record<string, Patch>; removed?: string[] }
  /** The old items kept, as [start, end) index pairs in order, then the items added at the tail. */
  | { keep: number[]; append: unknown[] };

type Obj = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** What turns `prev` into `next` (both plain data), or undefined when they are equal. */
export function diff(prev: unknown, next: unknown): Patch | undefined {
  if (Object.is(prev, next)) return undefined;
  if (Array.isArray(prev) && Array.isArray(next)) return diffList(prev, next);
  if (isPlainObject(prev) && isPlainObject(next)) return diffObject(prev, next);
  return { set: next };
}

function diffObject(prev: Obj, next: Obj): Patch | undefined {
  let keys: Record<string, Patch> | undefined;
  for (const k of Object.keys(next)) {
    const p = Object.hasOwn(prev, k) ? diff(prev[k], next[k]) : { set: next[k] };
    if (p) (keys ??= {})[k] = p;
  }
  const removed = Object.keys(prev).filter((k) => !Object.hasOwn(next, k));
  if (!keys && removed.length === 0) return undefined;
  return removed.length > 0 ? { keys: keys ?? {}, removed } : { keys: keys ?? {} };
}

/**
 * The fold only appends to a list, trims it at the head or thins it out, so `next` starts with some
 * of `prev`'s items, the same objects in the same order: matched greedily, they go as index ranges;
 * the rest goes as values (all of it when the list was rebuilt, which is still right, only bigger).
 */
function diffList(prev: readonly unknown[], next: readonly unknown[]): Patch | undefined {
  const keep: number[] = [];
  let i = 0;
  let j = 0;
  for (; j < next.length; j++, i++) {
    while (i < prev.length && prev[i] !== next[j]) i++;
    if (i === prev.length) break;
    if (keep.length > 0 && keep[keep.length - 1] === i) keep[keep.length - 1] = i + 1;
    else keep.push(i, i + 1);
  }
  if (j === next.length && j === prev.length) return undefined; // every item, in place
  if (j === 0) return prev.length === 0 ? { keep, append: next.slice() } : { set: next };
  return { keep, append: next.slice(j) };
}

/** `prev` with the patch applied; what the patch does not name keeps its identity. */
export function applyPatch<T>(prev: T, patch: Patch): T {
  return apply(prev, patch) as T;
}

function apply(prev: unknown, patch: Patch): unknown {
  if ('set' in patch) return patch.set;
  if ('keys' in patch) {
    const out: Obj = isPlainObject(prev) ? { ...prev } : {};
    for (const [k, p] of Object.entries(patch.keys)) out[k] = apply(out[k], p);
    for (const k of patch.removed ?? []) delete out[k];
    return out;
  }
  const list: readonly unknown[] = Array.isArray(prev) ? prev : [];
  const { keep, append } = patch;
  // The common case, a list appended to and trimmed at the head, is one range: one copy.
  const out = keep.length === 2 ? list.slice(keep[0], keep[1]) : [];
  if (keep.length > 2) for (let k = 0; k < keep.length; k += 2) for (let i = keep[k]!; i < keep[k + 1]!; i++) out.push(list[i]);
  for (const item of append) out.push(item);
  return out;
}

/** Roughly how many values a patch carries (what reading it on the page costs). */
export function weightOf(patch: Patch): number {
  if ('set' in patch) return Array.isArray(patch.set) ? patch.set.length + 1 : 1;
  if ('keys' in patch) {
    let w = patch.removed?.length ?? 0;
    for (const p of Object.values(patch.keys)) w += weightOf(p);
    return w;
  }
  return patch.append.length + 1;
}

/**
 * A patch of many keys cut into patches of about `budget` values each (down through nested keys;
 * a list's patch is not cut), applied one after the other to the same effect: a fast-forward
 * delivery of a megabyte is read by the page in several short tasks rather than one long one.
 */
export function splitPatch(patch: Patch, budget: number): Patch[] {
  if (!('keys' in patch) || weightOf(patch) <= budget) return [patch];
  const parts: { keys: Record<string, Patch>; removed?: string[] }[] = [];
  let part: (typeof parts)[number] = patch.removed ? { keys: {}, removed: patch.removed } : { keys: {} };
  let weight = patch.removed?.length ?? 0;
  const add = (k: string, p: Patch, w: number) => {
    if ((weight > 0 && weight + w > budget) || k in part.keys) (parts.push(part), (part = { keys: {} }), (weight = 0));
    part.keys[k] = p;
    weight += w;
  };
  for (const [k, p] of Object.entries(patch.keys)) for (const sub of splitPatch(p, budget)) add(k, sub, weightOf(sub));
  parts.push(part);
  return parts;
}
