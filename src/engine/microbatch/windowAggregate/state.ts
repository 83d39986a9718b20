// The state store of a micro-batch window aggregation: each key's window groups sorted by start
// and, where the watermark evicts, a heap of groups by end (heap.ts). A batch merges its partials
// into the state (session windows merge with the sessions they overlap or touch, spec §1.11) and
// the watermark takes groups out (eviction); the order of keys is the order they entered the state.
import { cloneState } from '../clone.ts';
import { mergeAcc, type Acc } from '../../windows/aggregate.ts';
import { heapPop, heapPush } from './heap.ts';
import type { Partial } from './partials.ts';

export type Group = {
  key: unknown;
  startMs: number;
  endMs: number;
  acc: Acc;
  /** Input rows aggregated into the group (what its written row counts). */
  n: number;
  updatedIn: number;
  /** The order of this group's key in the state (insertion order, as a Map iterates). */
  keySeq: number;
  /** Evicted, or merged into a larger session: no longer in the state. */
  gone: boolean;
};
/** One key's groups, sorted by start. */
type KeyGroups = { seq: number; list: Group[] };
type Snapshot = { groups: Map<unknown, KeyGroups>; nextSeq: number };

export const byStartEndKey = (a: Group, b: Group): number => a.startMs - b.startMs || a.endMs - b.endMs || a.keySeq - b.keySeq;
const byStartEnd = (a: Group, b: Group): number => a.startMs - b.startMs || a.endMs - b.endMs;
/** Finite numbers sort consistently; NaN, ±Infinity or a string (a map that rewrote `ts`) do not. */
const isOrdinary = (ms: number) => Number.isFinite(ms);

export class WindowGroups {
  private groups = new Map<unknown, KeyGroups>();
  private nextSeq = 0;
  /** Groups in the state. */
  size = 0;
  /** Groups whose start or end is NaN: never evicted, and they make sorting order-dependent. */
  oddGroups = 0;
  /** Min-heap by end of the groups in the state (plus gone ones, skipped when popped); built when first needed. */
  private heap: Group[] | null = null;

  constructor(private readonly session: boolean) {}

  /** Eviction by watermark will be asked for: build the heap if it is not there yet. */
  ensureHeap() {
    if (this.heap === null) this.heap = this.rebuildHeap();
  }

  private keyGroupsOf(key: unknown): KeyGroups {
    let kg = this.groups.get(key);
    if (!kg) this.groups.set(key, (kg = { seq: this.nextSeq++, list: [] }));
    return kg;
  }

  private added(g: Group) {
    this.size++;
    if (!isOrdinary(g.startMs) || !isOrdinary(g.endMs)) this.oddGroups++;
    else if (this.heap !== null) heapPush(this.heap, g);
  }

  private removed(g: Group) {
    g.gone = true;
    this.size--;
    if (!isOrdinary(g.startMs) || !isOrdinary(g.endMs)) this.oddGroups--;
  }

  /** Merges a batch's partial into the state; returns the group it went into. */
  merge(p: Partial, batchId: number): Group {
    const kg = this.keyGroupsOf(p.key);
    const list = kg.list;
    const acc = p.acc!;
    if (!this.session) {
      for (let i = 0; i < list.length; i++) {
        const g = list[i];
        if (g.startMs === p.startMs) {
          mergeAcc(g.acc, acc);
          g.n += p.n;
          g.updatedIn = batchId;
          return g;
        }
      }
      const g: Group = { key: p.key, startMs: p.startMs, endMs: p.endMs, acc, n: p.n, updatedIn: batchId, keySeq: kg.seq, gone: false };
      insertSorted(list, g);
      this.added(g);
      return g;
    }
    // Sessions that overlap or touch the partial merge with it into one.
    const merged: Group = { key: p.key, startMs: p.startMs, endMs: p.endMs, acc, n: p.n, updatedIn: batchId, keySeq: kg.seq, gone: false };
    const keep: Group[] = [];
    for (const g of list) {
      if (g.startMs <= merged.endMs && merged.startMs <= g.endMs) {
        merged.startMs = Math.min(merged.startMs, g.startMs);
        merged.endMs = Math.max(merged.endMs, g.endMs);
        mergeAcc(merged.acc, g.acc);
        merged.n += g.n;
        this.removed(g);
      } else keep.push(g);
    }
    insertSorted(keep, merged);
    kg.list = keep;
    this.added(merged);
    return merged;
  }

  /** Takes every group with end <= wm out of the state, in no particular order (needs ensureHeap). */
  evict(wm: number): Group[] {
    const h = this.heap!;
    const out: Group[] = [];
    const keys = new Set<unknown>();
    while (h.length > 0 && h[0].endMs <= wm) {
      const g = heapPop(h);
      if (g.gone) continue;
      this.removed(g);
      out.push(g);
      keys.add(g.key);
    }
    for (const key of keys) {
      const kg = this.groups.get(key)!;
      const left = kg.list.filter((g) => !g.gone);
      if (left.length === 0) this.groups.delete(key);
      else kg.list = left;
    }
    return out;
  }

  /** evict() for a state with odd groups, which the heap does not hold: a pass over every group. */
  evictScanning(wm: number) {
    for (const [key, kg] of this.groups) {
      const left = kg.list.filter((g) => {
        if (!(g.endMs <= wm)) return true;
        this.removed(g);
        return false;
      });
      if (left.length === 0) this.groups.delete(key);
      else kg.list = left;
    }
  }

  private rebuildHeap(): Group[] {
    const h: Group[] = [];
    for (const kg of this.groups.values()) for (const g of kg.list) if (isOrdinary(g.startMs) && isOrdinary(g.endMs)) heapPush(h, g);
    return h;
  }

  /** Every group, in a stable sort by (start, end): ties go by key insertion order. */
  all(): Group[] {
    const all: Group[] = [];
    for (const kg of this.groups.values()) for (const g of kg.list) all.push(g);
    return all.sort(byStartEnd);
  }

  snapshot(): unknown {
    return cloneState({ groups: this.groups, nextSeq: this.nextSeq });
  }

  restore(s: unknown) {
    const snap = cloneState(s as Snapshot);
    this.groups = snap.groups;
    this.nextSeq = snap.nextSeq;
    this.size = 0;
    this.oddGroups = 0;
    for (const kg of this.groups.values()) {
      for (const g of kg.list) {
        this.size++;
        if (!isOrdinary(g.startMs) || !isOrdinary(g.endMs)) this.oddGroups++;
      }
    }
    this.heap = this.heap === null ? null : this.rebuildHeap();
  }
}

function insertSorted(list: Group[], g: Group) {
  let i = list.length;
  while (i > 0 && list[i - 1].startMs > g.startMs) i--;
  list.splice(i, 0, g);
}
