// Spark's streaming aggregation over event-time windows (StateStoreSaveExec, spec §1.5–1.6, 1.11).
// Rows are first aggregated per (key, window) within the batch — the partial aggregation Spark does
// before the state store — and the late-row filter and its counter apply to those partials.
import type { PlanNode } from '../plan.ts';
import { keyOf } from '../plan.ts';
import type { Row } from '../result.ts';
import { addToAcc, createAcc, mergeAcc, writeAggregates, type Acc } from '../windows/aggregate.ts';
import { assignSpans } from '../windows/assign.ts';
import { cloneState } from './clone.ts';
import type { BatchContext, MbOperator } from './types.ts';

type Group = { key: unknown; startMs: number; endMs: number; acc: Acc; updatedIn: number };
type Partial = { key: unknown; startMs: number; endMs: number; acc: Acc; rows: Row[] };

export function createMbWindowAggregate(plan: PlanNode): MbOperator {
  const node = plan.node;
  if (node.kind !== 'window') throw new Error('not a window');
  const assigner = node.params.assigner;
  const specs = plan.aggs!;
  const keyed = plan.keyField !== null;
  const global = assigner.kind === 'global';
  // The watermark only applies when the grouping includes the event-time window (Spark's
  // watermark predicate needs the watermarked column among the grouping keys).
  const hasWatermark = plan.afterWatermarkNode && !global;
  let groups = new Map<unknown, Group[]>(); // per key, sorted by start

  const timeOf = (row: Row, ctx: BatchContext): number =>
    assigner.time === 'processing' ? ctx.startMs : (row.ts as number);

  function partials(rows: Row[], ctx: BatchContext): Partial[] {
    const out = new Map<unknown, Map<number, Partial>>();
    const sessionRows = new Map<unknown, Row[]>();
    for (const row of rows) {
      const key = keyOf(plan, row);
      if (assigner.kind === 'session') {
        let list = sessionRows.get(key);
        if (!list) sessionRows.set(key, (list = []));
        list.push(row);
        continue;
      }
      const spans = global ? [{ startMs: 0, endMs: 0 }] : assignSpans(assigner, timeOf(row, ctx));
      let byStart = out.get(key);
      if (!byStart) out.set(key, (byStart = new Map()));
      for (const s of spans) {
        let p = byStart.get(s.startMs);
        if (!p) byStart.set(s.startMs, (p = { key, ...s, acc: createAcc(specs), rows: [] }));
        addToAcc(specs, p.acc, row);
        p.rows.push(row);
      }
    }
    const list: Partial[] = [];
    for (const byStart of out.values()) list.push(...byStart.values());
    if (assigner.kind === 'session') {
      for (const [key, keyRows] of sessionRows) {
        // Within the batch, rows merge into sessions [first, last + gap); a row at a session's
        // end extends it (spec §1.11).
        const sorted = [...keyRows].sort((a, b) => timeOf(a, ctx) - timeOf(b, ctx));
        let cur: Partial | null = null;
        for (const row of sorted) {
          const t = timeOf(row, ctx);
          if (cur && t <= cur.endMs) cur.endMs = Math.max(cur.endMs, t + assigner.gapMs);
          else list.push((cur = { key, startMs: t, endMs: t + assigner.gapMs, acc: createAcc(specs), rows: [] }));
          addToAcc(specs, cur.acc, row);
          cur.rows.push(row);
        }
      }
    }
    return list;
  }

  function merge(p: Partial, batchId: number) {
    let list = groups.get(p.key);
    if (!list) groups.set(p.key, (list = []));
    if (assigner.kind !== 'session') {
      const g = list.find((x) => x.startMs === p.startMs);
      if (g) {
        mergeAcc(g.acc, p.acc);
        g.updatedIn = batchId;
      } else insertSorted(list, { key: p.key, startMs: p.startMs, endMs: p.endMs, acc: p.acc, updatedIn: batchId });
      return;
    }
    // Sessions that overlap or touch the partial merge with it into one.
    const merged: Group = { key: p.key, startMs: p.startMs, endMs: p.endMs, acc: p.acc, updatedIn: batchId };
    const keep: Group[] = [];
    for (const g of list) {
      if (g.startMs <= merged.endMs && merged.startMs <= g.endMs) {
        merged.startMs = Math.min(merged.startMs, g.startMs);
        merged.endMs = Math.max(merged.endMs, g.endMs);
        mergeAcc(merged.acc, g.acc);
      } else keep.push(g);
    }
    insertSorted(keep, merged);
    groups.set(p.key, keep);
  }

  function toRow(g: Group): Row {
    const row: Row = {};
    if (keyed) row.key = g.key;
    if (!global) {
      row.windowStart = g.startMs;
      row.windowEnd = g.endMs;
    }
    writeAggregates(specs, g.acc, row);
    row.ts = global ? Number.MAX_SAFE_INTEGER : g.endMs - 1;
    return row;
  }

  const allGroups = (): Group[] =>
    [...groups.values()].flat().sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);

  return {
    process(ctx, input) {
      const complete = ctx.outputMode === 'complete';
      // A row late for several windows (sliding) is one late record; the counter counts late partials.
      const late = new Map<Row, number>();
      for (const p of partials(input.in, ctx)) {
        if (hasWatermark && !complete && p.endMs <= ctx.wmLateMs) {
          p.rows.forEach((row, i) => late.set(row, (late.get(row) ?? 0) + (i === 0 ? 1 : 0)));
          continue;
        }
        merge(p, ctx.batchId);
      }
      for (const [row, dropCount] of late) ctx.late(row, dropCount);
      const out: Row[] = [];
      const evictable = (g: Group) => hasWatermark && !complete && g.endMs <= ctx.wmEvictionMs;
      for (const g of allGroups()) {
        if (ctx.outputMode === 'complete') out.push(toRow(g));
        else if (ctx.outputMode === 'update' && g.updatedIn === ctx.batchId) out.push(toRow(g));
        else if (ctx.outputMode === 'append' && evictable(g)) out.push(toRow(g));
      }
      if (hasWatermark && !complete) {
        for (const [key, list] of groups) {
          const left = list.filter((g) => !evictable(g));
          if (left.length === 0) groups.delete(key);
          else groups.set(key, left);
        }
      }
      return out;
    },
    // A complete-mode aggregation never asks for a no-data batch: it neither emits nor evicts on the
    // watermark (shouldRunAnotherBatch requires append or update, spec §1.3).
    needsBatchFor: (newWm, lastUsed, outputMode) => hasWatermark && outputMode !== 'complete' && newWm > lastUsed,
    stateRows: () => [...groups.values()].reduce((n, l) => n + l.length, 0),
    snapshot: () => cloneState(groups),
    restore: (s) => {
      groups = cloneState(s as typeof groups);
    },
  };
}

function insertSorted(list: Group[], g: Group) {
  let i = list.length;
  while (i > 0 && list[i - 1].startMs > g.startMs) i--;
  list.splice(i, 0, g);
}
