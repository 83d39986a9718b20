// Spark stream-stream join with a time range (spec §1.5, job-format `join`): a right row matches a
// left row with the same key when right.ts ∈ [left.ts + lowerBoundMs, left.ts + upperBoundMs].
// Each side's late rows are dropped; a row leaves state once no future row of the other side can
// match it, and an outer join emits its unmatched rows with nulls at that moment.
import type { PlanNode } from '../plan.ts';
import type { Row } from '../../model/index.ts';
import { cloneState } from './clone.ts';
import { joinRows } from '../rows/joinRows.ts';
import { getField } from '../../model/index.ts';
import type { MbOperator } from './types.ts';

type Held = { row: Row; matched: boolean };

export function createMbJoin(plan: PlanNode): MbOperator {
  const node = plan.node;
  if (node.kind !== 'join') throw new Error('not a join');
  const { leftKey, rightKey, lowerBoundMs: lo, upperBoundMs: hi } = node.params;
  const type = node.params.type ?? 'inner';
  const hasWatermark = plan.afterWatermarkNode;
  let state = { left: new Map<unknown, Held[]>(), right: new Map<unknown, Held[]>() };

  const matches = (l: Row, r: Row) => (r.ts as number) >= (l.ts as number) + lo && (r.ts as number) <= (l.ts as number) + hi;
  const add = (m: Map<unknown, Held[]>, k: unknown, h: Held) => {
    const list = m.get(k);
    if (list) list.push(h);
    else m.set(k, [h]);
  };

  return {
    process(ctx, input) {
      const out: Row[] = [];
      const notLate = (rows: Row[]) =>
        rows.filter((row) => {
          if (hasWatermark && (row.ts as number) <= ctx.wmLateMs) {
            ctx.late(row, 1);
            return false;
          }
          return true;
        });
      for (const l of notLate(input.left)) {
        const k = getField(l, leftKey);
        const held: Held = { row: l, matched: false };
        for (const r of state.right.get(k) ?? []) {
          if (matches(l, r.row)) {
            out.push(joinRows(l, r.row, k));
            held.matched = r.matched = true;
          }
        }
        add(state.left, k, held);
      }
      for (const r of notLate(input.right)) {
        const k = getField(r, rightKey);
        const held: Held = { row: r, matched: false };
        for (const l of state.left.get(k) ?? []) {
          if (matches(l.row, r)) {
            out.push(joinRows(l.row, r, k));
            held.matched = l.matched = true;
          }
        }
        add(state.right, k, held);
      }
      if (hasWatermark) {
        const wm = ctx.wmEvictionMs;
        // No future right row (ts > wm) can match a left row once left.ts + hi <= wm; likewise a right
        // row once right.ts − lo <= wm.
        evict(state.left, (h) => (h.row.ts as number) + hi <= wm, (h, k) => {
          if (!h.matched && (type === 'leftOuter' || type === 'fullOuter')) out.push(joinRows(h.row, null, k));
        });
        evict(state.right, (h) => (h.row.ts as number) - lo <= wm, (h, k) => {
          if (!h.matched && (type === 'rightOuter' || type === 'fullOuter')) out.push(joinRows(null, h.row, k));
        });
      }
      return out;
    },
    needsBatchFor: (newWm, lastUsed) => hasWatermark && newWm > lastUsed,
    stateRows: () => [...state.left.values(), ...state.right.values()].reduce((n, l) => n + l.length, 0),
    snapshot: () => cloneState(state),
    restore: (s) => {
      state = cloneState(s as typeof state);
    },
  };
}

function evict(m: Map<unknown, Held[]>, gone: (h: Held) => boolean, onEvict: (h: Held, key: unknown) => void) {
  for (const [k, list] of m) {
    const keep: Held[] = [];
    for (const h of list) {
      if (gone(h)) onEvict(h, k);
      else keep.push(h);
    }
    if (keep.length === 0) m.delete(k);
    else m.set(k, keep);
  }
}
