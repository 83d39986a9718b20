// Flink's WindowOperator (spec §2.3–2.6; WindowOperator.java): per element, assign windows (merging
// sessions), skip windows that are late (cleanup time = maxTimestamp + allowedLateness <= watermark),
// add to the rest and ask the trigger; an element whose windows were all skipped and that is itself
// late goes to the side output or is dropped. On a watermark, due timers fire in timestamp order,
// then cleanup timers clear window state.
import type { PlanNode } from '../../plan.ts';
import { keyOf } from '../../plan.ts';
import { MAX_WATERMARK, type Row } from '../../result.ts';
import { accIsEmpty, addToAcc, createAcc, mergeAcc, writeAggregates } from '../../windows/aggregate.ts';
import { alignDown, assignSpans } from '../../windows/assign.ts';
import type { DfOperator, OperatorHost } from '../host.ts';
import { createTimerService } from '../timers.ts';
import { createWindowState, type WindowState } from './state.ts';
import { createWindowTrigger, type Firing, type TriggerContext } from './trigger.ts';

type SavedWindow = {
  key: unknown;
  startMs: number;
  endMs: number;
  maxTs: number;
  acc: Float64Array | null;
  count: number;
  lateCount: number;
  paneIndex: number;
  timers: number[];
  ptimers: number[];
  fireTs: number | null;
  earlyPending: boolean;
};

export function createWindowOperator(plan: PlanNode, host: OperatorHost): DfOperator {
  const node = plan.node;
  if (node.kind !== 'window') throw new Error('not a window');
  const { assigner, lateOutput } = node.params;
  const lateness = node.params.allowedLatenessMs ?? 0;
  const specs = plan.aggs!;
  const keyed = plan.keyField !== null;
  const eventTime = assigner.time !== 'processing';
  const trigger = createWindowTrigger(node.params.trigger, eventTime ? 'eventTime' : 'processingTime');
  const timers = createTimerService<WindowState>();
  /** Non-merging windows per key by start; sessions per key as a list. */
  const windows = new Map<unknown, Map<number, WindowState>>();
  const sessions = new Map<unknown, WindowState[]>();

  const cleanupTime = (ws: WindowState) => (ws.maxTs >= MAX_WATERMARK - lateness ? MAX_WATERMARK : ws.maxTs + lateness);
  const isWindowLate = (ws: { maxTs: number }) =>
    eventTime && ws.maxTs < MAX_WATERMARK && ws.maxTs + lateness <= host.watermarkMs();

  const tctx: TriggerContext = {
    nowMs: host.nowMs,
    watermarkMs: host.watermarkMs,
    registerEventTimer(ws, ts) {
      if (ws.timers.has(ts)) return;
      ws.timers.add(ts);
      timers.register(ts, ws);
    },
    registerProcessingTimer(ws, ts) {
      if (ws.ptimers.has(ts)) return;
      ws.ptimers.set(
        ts,
        host.processingTimer(Math.max(ts, host.nowMs()), () => {
          ws.ptimers.delete(ts);
          if (!ws.dead) onProcessingTime(ws, ts);
        }),
      );
    },
  };

  function emit(ws: WindowState, pane: Firing) {
    if (pane === null) return;
    if (ws.acc !== null && !accIsEmpty(ws.acc)) {
      const row: Row = {};
      if (keyed) row.key = ws.key;
      if (assigner.kind !== 'global') {
        row.windowStart = ws.startMs;
        row.windowEnd = ws.endMs;
      }
      writeAggregates(specs, ws.acc, row);
      row.ts = ws.maxTs;
      row.pane = pane;
      row.paneIndex = ws.paneIndex;
      host.output(row, 'out', ws.replayed);
      host.fired({
        key: ws.key,
        windowStartMs: assigner.kind === 'global' ? null : ws.startMs,
        windowEndMs: assigner.kind === 'global' ? null : ws.endMs,
        pane,
        paneIndex: ws.paneIndex,
        record: row,
      });
      ws.paneIndex++;
    }
    if (trigger.purging) ws.acc = null;
    trigger.onFired(ws);
  }

  function clearAll(ws: WindowState) {
    ws.dead = true;
    for (const h of ws.ptimers.values()) h.cancel();
    ws.ptimers.clear();
    ws.timers.clear();
    if (assigner.kind === 'session') {
      const list = sessions.get(ws.key);
      if (list) {
        const i = list.indexOf(ws);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) sessions.delete(ws.key);
      }
    } else {
      const byStart = windows.get(ws.key);
      if (byStart?.get(ws.startMs) === ws) {
        byStart.delete(ws.startMs);
        if (byStart.size === 0) windows.delete(ws.key);
      }
    }
  }

  function registerCleanup(ws: WindowState) {
    const t = cleanupTime(ws);
    if (t >= MAX_WATERMARK) return; // the global window is never cleaned up
    if (eventTime) tctx.registerEventTimer(ws, t);
    else tctx.registerProcessingTimer(ws, t);
  }

  function onProcessingTime(ws: WindowState, ts: number) {
    emit(ws, trigger.onProcessingTime(ws, ts, tctx));
    if (!eventTime && ts === cleanupTime(ws)) clearAll(ws);
  }

  /** Session windows: the element's window merged with the windows it touches (spec §2.3). */
  function sessionWindow(key: unknown, startMs: number, endMs: number): WindowState | null {
    let list = sessions.get(key);
    if (!list) sessions.set(key, (list = []));
    const touching = list.filter((w) => w.startMs <= endMs && w.endMs >= startMs);
    if (touching.length === 0) {
      const ws = createWindowState(key, startMs, endMs, endMs - 1);
      if (isWindowLate(ws)) {
        if (list.length === 0) sessions.delete(key);
        return null;
      }
      list.push(ws);
      return ws;
    }
    const start = Math.min(startMs, ...touching.map((w) => w.startMs));
    const end = Math.max(endMs, ...touching.map((w) => w.endMs));
    if (touching.length === 1 && touching[0].startMs === start && touching[0].endMs === end) return touching[0];
    const merged = createWindowState(key, start, end, end - 1);
    for (const w of touching) {
      if (w.acc) {
        if (!merged.acc) merged.acc = createAcc(specs);
        mergeAcc(merged.acc, w.acc);
      }
      merged.paneIndex = Math.max(merged.paneIndex, w.paneIndex);
      merged.replayed ||= w.replayed;
    }
    for (const w of touching) clearAll(w);
    const rest = sessions.get(key) ?? [];
    rest.push(merged);
    sessions.set(key, rest);
    trigger.onMerge(merged, touching, tctx);
    return merged;
  }

  function windowsFor(key: unknown, ts: number): (WindowState | null)[] {
    if (assigner.kind === 'session') return [sessionWindow(key, ts, ts + assigner.gapMs)];
    let byStart = windows.get(key);
    if (!byStart) windows.set(key, (byStart = new Map()));
    if (assigner.kind === 'global') {
      let ws = byStart.get(0);
      if (!ws) byStart.set(0, (ws = createWindowState(key, 0, 0, MAX_WATERMARK)));
      return [ws];
    }
    if (assigner.kind === 'tumbling') {
      // The common case, without the span arrays (this runs once per record).
      const start = alignDown(ts, assigner.sizeMs);
      let ws = byStart.get(start);
      if (ws) return [ws];
      if (isWindowLate({ maxTs: start + assigner.sizeMs - 1 })) return [null];
      byStart.set(start, (ws = createWindowState(key, start, start + assigner.sizeMs, start + assigner.sizeMs - 1)));
      return [ws];
    }
    return assignSpans(assigner, ts).map((s) => {
      let ws = byStart!.get(s.startMs);
      if (ws) return ws;
      if (isWindowLate({ maxTs: s.endMs - 1 })) return null;
      byStart!.set(s.startMs, (ws = createWindowState(key, s.startMs, s.endMs, s.endMs - 1)));
      return ws;
    });
  }

  return {
    onRecord(row) {
      const key = keyOf(plan, row);
      const ts = eventTime ? (row.ts as number) : host.nowMs();
      let skipped = true;
      for (const ws of windowsFor(key, ts)) {
        if (ws === null || isWindowLate(ws)) continue;
        skipped = false;
        if (!ws.acc) ws.acc = createAcc(specs);
        addToAcc(specs, ws.acc, row);
        if (!ws.replayed && host.replaying()) ws.replayed = true;
        emit(ws, trigger.onElement(ws, ts, tctx));
        registerCleanup(ws);
      }
      if (skipped && eventTime && ts + lateness <= host.watermarkMs()) host.late(row, lateOutput ?? 'dropped');
    },
    onWatermark(wm) {
      timers.advance(wm, (ts, ws) => {
        if (ws.dead || !ws.timers.has(ts)) return;
        ws.timers.delete(ts);
        emit(ws, trigger.onEventTime(ws, ts, tctx));
        if (eventTime && ts === cleanupTime(ws)) clearAll(ws);
      });
    },
    stateRows: () => [...windows.values()].reduce((n, m) => n + m.size, 0) + [...sessions.values()].reduce((n, l) => n + l.length, 0),
    snapshot(): SavedWindow[] {
      const all = [...[...windows.values()].flatMap((m) => [...m.values()]), ...[...sessions.values()].flat()];
      return all.map((ws) => ({
        key: ws.key,
        startMs: ws.startMs,
        endMs: ws.endMs,
        maxTs: ws.maxTs,
        acc: ws.acc ? ws.acc.slice() : null,
        count: ws.count,
        lateCount: ws.lateCount,
        paneIndex: ws.paneIndex,
        timers: [...ws.timers],
        ptimers: [...ws.ptimers.keys()],
        fireTs: ws.fireTs,
        earlyPending: ws.earlyPending,
      }));
    },
    restore(snapshot) {
      for (const saved of snapshot as SavedWindow[]) {
        const ws = createWindowState(saved.key, saved.startMs, saved.endMs, saved.maxTs);
        ws.acc = saved.acc ? saved.acc.slice() : null;
        ws.count = saved.count;
        ws.lateCount = saved.lateCount;
        ws.paneIndex = saved.paneIndex;
        ws.fireTs = saved.fireTs;
        ws.earlyPending = saved.earlyPending;
        if (assigner.kind === 'session') {
          const list = sessions.get(ws.key) ?? [];
          list.push(ws);
          sessions.set(ws.key, list);
        } else {
          let byStart = windows.get(ws.key);
          if (!byStart) windows.set(ws.key, (byStart = new Map()));
          byStart.set(ws.startMs, ws);
        }
        for (const t of saved.timers) tctx.registerEventTimer(ws, t);
        for (const t of saved.ptimers) tctx.registerProcessingTimer(ws, t);
      }
    },
  };
}
