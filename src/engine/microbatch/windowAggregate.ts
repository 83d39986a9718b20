// Spark's streaming aggregation over event-time windows (StateStoreSaveExec, spec §1.5–1.6, 1.11).
// Rows are first aggregated per (key, window) within the batch — the partial aggregation Spark does
// before the state store — and the late-row filter and its counter apply to those partials.
//
// Per row this is one map lookup by key (the key's last window is remembered, so in-order rows
// skip the lookup by window start) and one accumulator update; rows are kept only for partials that
// are already late (to report them). The state keeps each key's groups sorted by start and, where
// the watermark evicts, a heap of groups by end, so a batch touches the groups it updates or evicts
// rather than sorting the whole state. Output order is the one of a stable sort of all groups by
// (start, end) in key insertion order: ties between keys go by the order keys entered the state.
import type { PlanNode } from '../plan.ts';
import { getField, isPrototypeName } from '../../model/index.ts';
import type { Row } from '../../model/index.ts';
import { createAcc, createAdder, mergeAcc, writeAggregates, type Acc } from '../windows/aggregate.ts';
import { alignDown } from '../windows/assign.ts';
import { cloneState } from './clone.ts';
import type { BatchContext, MbOperator, MbRowStream } from './types.ts';

type Group = {
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
/** A (key, window) within one batch; `rows` only where they may have to be reported late. */
type Partial = { key: unknown; startMs: number; endMs: number; acc: Acc | null; rows: Row[] | null; n: number };
type KeyPartials = { byStart: Map<number, Partial>; list: Partial[]; last: Partial | null };

const byStartEndKey = (a: Group, b: Group): number => a.startMs - b.startMs || a.endMs - b.endMs || a.keySeq - b.keySeq;
const byStartEnd = (a: Group, b: Group): number => a.startMs - b.startMs || a.endMs - b.endMs;
/** Finite numbers sort consistently; NaN, ±Infinity or a string (a map that rewrote `ts`) do not. */
const isOrdinary = (ms: number) => Number.isFinite(ms);
/** The key field's value: an own field only (a key named `constructor` must not find Object's). */
const readKey = (row: Row, keyField: string): unknown => (isPrototypeName(keyField) ? getField(row, keyField) : row[keyField]);

/**
 * The input rows behind each window row this operator wrote (the `inputCount` of its
 * `window.fired` fact); a side table, so the row itself, which sinks receive, stays as Spark writes it.
 */
const inputCounts = new WeakMap<Row, number>();
export const windowRowInputCount = (row: Row): number | undefined => inputCounts.get(row);

export function createMbWindowAggregate(plan: PlanNode): MbOperator {
  const node = plan.node;
  if (node.kind !== 'window') throw new Error('not a window');
  const assigner = node.params.assigner;
  const specs = plan.aggs!;
  const add = createAdder(specs);
  const keyField = plan.keyField;
  const keyed = keyField !== null;
  const global = assigner.kind === 'global';
  const session = assigner.kind === 'session';
  const processingTime = assigner.time === 'processing';
  const tumbling = assigner.kind === 'tumbling';
  const sizeMs = assigner.kind === 'tumbling' || assigner.kind === 'sliding' ? assigner.sizeMs : 0;
  const slideMs = assigner.kind === 'sliding' ? assigner.slideMs : 0;
  const gapMs = assigner.kind === 'session' ? assigner.gapMs : 0;
  // The watermark only applies when the grouping includes the event-time window (Spark's
  // watermark predicate needs the watermarked column among the grouping keys).
  const hasWatermark = plan.afterWatermarkNode && !global;

  let groups = new Map<unknown, KeyGroups>();
  let nextSeq = 0;
  let size = 0;
  /** Groups whose start or end is NaN: never evicted, and they make sorting order-dependent. */
  let oddGroups = 0;
  /** Min-heap by end of the groups in the state (plus gone ones, skipped when popped); built when first needed. */
  let heap: Group[] | null = null;

  // ---- partial aggregation of one batch -------------------------------------------------------

  // ---- partial aggregation of the open batch (one at a time), fed row by row ----------------
  // The functions are made once, not per batch, so that the code optimised for them stays valid.

  let batchStartMs = 0;
  let lateCheck = false;
  let lateMs = 0;
  let byKey = new Map<unknown, KeyPartials>();
  let keyOrder: KeyPartials[] = [];
  let sessionRows = new Map<unknown, Row[]>();

  /** A row of a late partial is kept, to be reported. */
  const keep = (p: Partial, row: Row): true => {
    p.rows!.push(row);
    return true;
  };

  function partialOf(kp: KeyPartials, key: unknown, start: number, end: number): Partial {
    let p = kp.last;
    if (p !== null && p.startMs === start) return p;
    p = kp.byStart.get(start) ?? null;
    if (p === null) {
      const late = lateCheck && end <= lateMs;
      p = { key, startMs: start, endMs: end, acc: late ? null : createAcc(specs), rows: late ? [] : null, n: 0 };
      kp.byStart.set(start, p);
      kp.list.push(p);
    }
    kp.last = p;
    return p;
  }

  /** Adds a row to its partials; true when the row is kept (a late partial's, to report it). */
  function pushRow(row: Row): boolean {
    const key = keyField === null ? undefined : readKey(row, keyField);
    let kp = byKey.get(key);
    if (kp === undefined) {
      kp = { byStart: new Map(), list: [], last: null };
      byKey.set(key, kp);
      keyOrder.push(kp);
    }
    if (global) {
      const p = partialOf(kp, key, 0, 0);
      if (p.acc !== null) {
        add(p.acc, row);
        p.n++;
      } else return keep(p, row);
      return false;
    }
    const t = processingTime ? batchStartMs : (row.ts as number);
    if (tumbling) {
      const start = alignDown(t, sizeMs);
      const p = partialOf(kp, key, start, start + sizeMs);
      if (p.acc !== null) {
        add(p.acc, row);
        p.n++;
      } else return keep(p, row);
      return false;
    }
    // The windows of t, latest start first (windows/assign.ts assignSpans).
    let kept = false;
    const last = alignDown(t, slideMs);
    for (let start = last; start > t - sizeMs; start -= slideMs) {
      const p = partialOf(kp, key, start, start + sizeMs);
      if (p.acc !== null) {
        add(p.acc, row);
        p.n++;
      } else kept = keep(p, row);
    }
    return kept;
  }

  /** Sessions are formed when the batch closes: rows are kept per key until then. */
  function pushSessionRow(row: Row): boolean {
    const key = keyField === null ? undefined : readKey(row, keyField);
    let keyRows = sessionRows.get(key);
    if (!keyRows) sessionRows.set(key, (keyRows = []));
    keyRows.push(row);
    return true;
  }

  function beginPartials(startMs: number, check: boolean, boundMs: number) {
    batchStartMs = startMs;
    lateCheck = check;
    lateMs = boundMs;
    byKey = new Map();
    keyOrder = [];
    sessionRows = new Map();
  }

  /** The open batch's partials, in order (key first seen, then window first seen), and a fresh start. */
  function takePartials(): Partial[] {
    let list: Partial[];
    if (session) list = sessionPartials(sessionRows, batchStartMs);
    else {
      list = [];
      for (const kp of keyOrder) for (const p of kp.list) list.push(p);
    }
    byKey = new Map();
    keyOrder = [];
    sessionRows = new Map();
    return list;
  }

  /** Within the batch, rows merge into sessions [first, last + gap); a row at a session's end extends it (spec §1.11). */
  function sessionPartials(sessionRows: Map<unknown, Row[]>, startMs: number): Partial[] {
    const timeOf = (row: Row): number => (processingTime ? startMs : (row.ts as number));
    const list: Partial[] = [];
    for (const [key, keyRows] of sessionRows) {
      const sorted = [...keyRows].sort((a, b) => timeOf(a) - timeOf(b));
      let cur: Partial | null = null;
      for (const row of sorted) {
        const t = timeOf(row);
        if (cur && t <= cur.endMs) cur.endMs = Math.max(cur.endMs, t + gapMs);
        else list.push((cur = { key, startMs: t, endMs: t + gapMs, acc: createAcc(specs), rows: [], n: 0 }));
        add(cur.acc!, row);
        cur.n++;
        cur.rows!.push(row);
      }
    }
    return list;
  }

  // ---- the state -------------------------------------------------------------------------------

  function keyGroupsOf(key: unknown): KeyGroups {
    let kg = groups.get(key);
    if (!kg) groups.set(key, (kg = { seq: nextSeq++, list: [] }));
    return kg;
  }

  function added(g: Group) {
    size++;
    if (!isOrdinary(g.startMs) || !isOrdinary(g.endMs)) oddGroups++;
    else if (heap !== null) heapPush(heap, g);
  }

  function removed(g: Group) {
    g.gone = true;
    size--;
    if (!isOrdinary(g.startMs) || !isOrdinary(g.endMs)) oddGroups--;
  }

  /** Merges a batch's partial into the state; returns the group it went into. */
  function merge(p: Partial, batchId: number): Group {
    const kg = keyGroupsOf(p.key);
    const list = kg.list;
    const acc = p.acc!;
    if (!session) {
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
      added(g);
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
        removed(g);
      } else keep.push(g);
    }
    insertSorted(keep, merged);
    kg.list = keep;
    added(merged);
    return merged;
  }

  /** Takes every group with end <= wm out of the state, in no particular order. */
  function evict(wm: number): Group[] {
    const h = heap!;
    const out: Group[] = [];
    const keys = new Set<unknown>();
    while (h.length > 0 && h[0].endMs <= wm) {
      const g = heapPop(h);
      if (g.gone) continue;
      removed(g);
      out.push(g);
      keys.add(g.key);
    }
    for (const key of keys) {
      const kg = groups.get(key)!;
      const left = kg.list.filter((g) => !g.gone);
      if (left.length === 0) groups.delete(key);
      else kg.list = left;
    }
    return out;
  }

  /** evict() for a state with odd groups, which the heap does not hold: a pass over every group. */
  function evictScanning(wm: number) {
    for (const [key, kg] of groups) {
      const left = kg.list.filter((g) => {
        if (!(g.endMs <= wm)) return true;
        removed(g);
        return false;
      });
      if (left.length === 0) groups.delete(key);
      else kg.list = left;
    }
  }

  function rebuildHeap(): Group[] {
    const h: Group[] = [];
    for (const kg of groups.values()) for (const g of kg.list) if (isOrdinary(g.startMs) && isOrdinary(g.endMs)) heapPush(h, g);
    return h;
  }

  const allGroups = (): Group[] => {
    const all: Group[] = [];
    for (const kg of groups.values()) for (const g of kg.list) all.push(g);
    return all.sort(byStartEnd);
  };

  function toRow(g: Group): Row {
    const row: Row = {};
    if (keyed) row.key = g.key;
    if (!global) {
      row.windowStart = g.startMs;
      row.windowEnd = g.endMs;
    }
    writeAggregates(specs, g.acc, row);
    row.ts = global ? Number.MAX_SAFE_INTEGER : g.endMs - 1;
    inputCounts.set(row, g.n);
    return row;
  }

  /** Merges a batch's partials into the state, reports late ones, and gives the rows to emit. */
  function finish(ctx: BatchContext, list: Partial[]): Row[] {
    const mode = ctx.outputMode;
    const complete = mode === 'complete';
    const evicting = hasWatermark && !complete;
    const updated: Group[] = [];
    // A row late for several windows (sliding) is one late record; the counter counts late partials.
    let late: Map<Row, number> | null = null;
    for (const p of list) {
      if (evicting && p.endMs <= ctx.wmLateMs) {
        const rows = p.rows!;
        late ??= new Map();
        for (let i = 0; i < rows.length; i++) late.set(rows[i], (late.get(rows[i]) ?? 0) + (i === 0 ? 1 : 0));
        continue;
      }
      const g = merge(p, ctx.batchId);
      if (mode === 'update') updated.push(g);
    }
    if (late !== null) for (const [row, dropCount] of late) ctx.late(row, dropCount);
    if (complete) return allGroups().map(toRow);
    if (oddGroups > 0) {
      // A NaN start or end makes the (start, end) order inconsistent: take the general way,
      // exactly as a sort of the whole state does it.
      const wm = ctx.wmEvictionMs;
      const chosen = allGroups().filter((g) => (mode === 'update' ? g.updatedIn === ctx.batchId : evicting && g.endMs <= wm));
      if (evicting) evictScanning(wm);
      return chosen.map(toRow);
    }
    let chosen: Group[];
    if (mode === 'update') {
      chosen = updated.filter((g) => !g.gone).sort(byStartEndKey);
      if (evicting) evict(ctx.wmEvictionMs);
    } else chosen = evicting ? evict(ctx.wmEvictionMs).sort(byStartEndKey) : [];
    return chosen.map(toRow);
  }

  let openCtx: BatchContext | null = null;
  const stream: MbRowStream = {
    push: session ? pushSessionRow : pushRow,
    close() {
      const ctx = openCtx!;
      openCtx = null;
      return finish(ctx, takePartials());
    },
  };

  function open(ctx: BatchContext): MbRowStream {
    const evicting = hasWatermark && ctx.outputMode !== 'complete';
    if (evicting && heap === null) heap = rebuildHeap();
    beginPartials(ctx.startMs, evicting, ctx.wmLateMs);
    openCtx = ctx;
    return stream;
  }

  return {
    open,
    process(ctx, input) {
      const stream = open(ctx);
      const rows = input.in;
      for (let i = 0; i < rows.length; i++) stream.push(rows[i]);
      return stream.close();
    },
    // A complete-mode aggregation never asks for a no-data batch: it neither emits nor evicts on the
    // watermark (shouldRunAnotherBatch requires append or update, spec §1.3).
    needsBatchFor: (newWm, lastUsed, outputMode) => hasWatermark && outputMode !== 'complete' && newWm > lastUsed,
    stateRows: () => size,
    snapshot: () => cloneState({ groups, nextSeq }),
    restore: (s) => {
      const snap = cloneState(s as { groups: Map<unknown, KeyGroups>; nextSeq: number });
      groups = snap.groups;
      nextSeq = snap.nextSeq;
      size = 0;
      oddGroups = 0;
      for (const kg of groups.values()) {
        for (const g of kg.list) {
          size++;
          if (!isOrdinary(g.startMs) || !isOrdinary(g.endMs)) oddGroups++;
        }
      }
      heap = heap === null ? null : rebuildHeap();
    },
  };
}

function insertSorted(list: Group[], g: Group) {
  let i = list.length;
  while (i > 0 && list[i - 1].startMs > g.startMs) i--;
  list.splice(i, 0, g);
}

function heapPush(h: Group[], g: Group) {
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

function heapPop(h: Group[]): Group {
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
