// Flink's interval join (IntervalJoinOperator; job-format `join`): right.ts ∈ [left.ts + lower,
// left.ts + upper], both ends inclusive. A record behind the watermark (ts < watermark) is late and
// dropped; buffered records leave state by event-time timers once no match is possible. Outer types
// (which Flink SQL's interval join has) emit unmatched rows with nulls when they leave state.
import { joinRows } from '../rows/joinRows.ts';
import { getField, MIN_WATERMARK, type Row } from '../../model/index.ts';
import type { PlanNode } from '../plan.ts';
import type { DfOperator, OperatorHost } from './operatorContract.ts';
import { createTimerService } from './timers.ts';

type Held = { row: Row; key: unknown; side: 'left' | 'right'; matched: boolean };

export function createJoinOperator(plan: PlanNode, host: OperatorHost, portOfChannel: (ch: number) => string): DfOperator {
  const node = plan.node;
  if (node.kind !== 'join') throw new Error('not a join');
  const { leftKey, rightKey, lowerBoundMs: lo, upperBoundMs: hi } = node.params;
  const type = node.params.type ?? 'inner';
  const buffers = { left: new Map<unknown, Held[]>(), right: new Map<unknown, Held[]>() };
  const timers = createTimerService<Held>();
  /** As IntervalJoinOperator: a left record leaves at ts + upper (if upper > 0), a right one at ts − lower. */
  const cleanupOf = (side: 'left' | 'right', ts: number) => (side === 'left' ? (hi > 0 ? ts + hi : ts) : lo < 0 ? ts - lo : ts);
  return {
    onRecord(row, channel) {
      const side = portOfChannel(channel) === 'right' ? 'right' : 'left';
      const ts = row.ts as number;
      const wm = host.watermarkMs();
      if (wm !== MIN_WATERMARK && ts < wm) {
        host.late(row, 'dropped');
        return;
      }
      const key = getField(row, side === 'left' ? leftKey : rightKey);
      const held: Held = { row, key, side, matched: false };
      const other = buffers[side === 'left' ? 'right' : 'left'].get(key) ?? [];
      for (const o of other) {
        const [l, r] = side === 'left' ? [row, o.row] : [o.row, row];
        const rt = r.ts as number;
        const lt = l.ts as number;
        if (rt >= lt + lo && rt <= lt + hi) {
          host.output(joinRows(l, r, key));
          held.matched = o.matched = true;
        }
      }
      const mine = buffers[side];
      const list = mine.get(key);
      if (list) list.push(held);
      else mine.set(key, [held]);
      timers.register(cleanupOf(side, ts), held);
    },
    onWatermark(wm) {
      timers.advance(wm, (_ts, h) => {
        const list = buffers[h.side].get(h.key);
        if (!list) return;
        const i = list.indexOf(h);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) buffers[h.side].delete(h.key);
        const outer = h.side === 'left' ? type === 'leftOuter' || type === 'fullOuter' : type === 'rightOuter' || type === 'fullOuter';
        if (outer && !h.matched) host.output(h.side === 'left' ? joinRows(h.row, null, h.key) : joinRows(null, h.row, h.key));
      });
    },
    stateRows: () => [...buffers.left.values(), ...buffers.right.values()].reduce((n, l) => n + l.length, 0),
    snapshot: () =>
      [...buffers.left.values(), ...buffers.right.values()].flat().map((h) => ({ ...h, cleanup: cleanupOf(h.side, h.row.ts as number) })),
    restore(snapshot) {
      for (const saved of snapshot as (Held & { cleanup: number })[]) {
        const held: Held = { row: saved.row, key: saved.key, side: saved.side, matched: saved.matched };
        const list = buffers[held.side].get(held.key);
        if (list) list.push(held);
        else buffers[held.side].set(held.key, [held]);
        timers.register(saved.cleanup, held);
      }
    },
  };
}
