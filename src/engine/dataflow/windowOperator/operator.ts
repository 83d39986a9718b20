// Flink's WindowOperator (spec §2.3–2.6; WindowOperator.java): per element, assign windows (merging
// sessions), skip windows that are late (cleanup time = maxTimestamp + allowedLateness <= watermark),
// add to the rest and ask the trigger; an element whose windows were all skipped and that is itself
// late goes to the side output or is dropped. On a watermark, due timers fire in timestamp order,
// then cleanup timers clear window state.
//
// A class (its own trigger context), and its trigger shared per plan node: a restart makes a new
// operator, and closures made anew per instance left V8 deoptimising the code they were optimised
// in (see attempt.ts).
import type { PlanNode } from '../../plan.ts';
import { keyOf } from '../../plan.ts';
import { MAX_WATERMARK, type Row } from '../../../model/index.ts';
import type { Assigner, AggSpec } from '../../../model/index.ts';
import { accIsEmpty, addToAcc, createAcc, mergeAcc, writeAggregates } from '../../windows/aggregate.ts';
import { alignDown, assignSpans } from '../../windows/assign.ts';
import type { DfOperator, OperatorHost } from '../operatorContract.ts';
import { createTimerService } from '../timers.ts';
import { createWindowState, type WindowState } from './state.ts';
import { createWindowTrigger, type Firing, type TriggerContext, type WindowTrigger } from './trigger.ts';

type SavedWindow = {
  key: unknown;
  startMs: number;
  endMs: number;
  maxTs: number;
  acc: Float64Array | null;
  inputCount?: number;
  count: number;
  lateCount: number;
  paneIndex: number;
  timers: number[];
  ptimers: number[];
  fireTs: number | null;
  earlyPending: boolean;
};

/** Triggers keep no state of their own (it is in WindowState): one per plan node, for every attempt. */
const triggers = new WeakMap<PlanNode, WindowTrigger>();

export function createWindowOperator(plan: PlanNode, host: OperatorHost): DfOperator {
  return new WindowOperator(plan, host);
}

class WindowOperator implements DfOperator, TriggerContext {
  private readonly assigner: Assigner;
  private readonly lateOutput: string | undefined;
  private readonly lateness: number;
  private readonly specs: readonly AggSpec[];
  private readonly keyed: boolean;
  private readonly eventTime: boolean;
  private readonly trigger: WindowTrigger;
  private readonly timers = createTimerService<WindowState>();
  /** Non-merging windows per key by start; sessions per key as a list. */
  private readonly windows = new Map<unknown, Map<number, WindowState>>();
  private readonly sessions = new Map<unknown, WindowState[]>();
  private readonly fireDue = (ts: number, ws: WindowState) => this.onTimer(ts, ws);
  /**
   * Per snapshot not yet superseded by a completed checkpoint, the panes emitted after it: a restore
   * from that checkpoint emits them again. Nothing is kept until a first snapshot is taken.
   */
  private readonly emittedSince: { id: number; panes: Set<string> }[] = [];
  /** After a restore: the panes the failed attempts had emitted after the restored snapshot. */
  private repeats: ReadonlySet<string> | null = null;
  /** stateRows() as of `stateSampledAtMs`: firings at one instant share one count of the state. */
  private stateSample = 0;
  private stateSampledAtMs = Number.NaN;

  constructor(
    private readonly plan: PlanNode,
    private readonly host: OperatorHost,
  ) {
    const node = plan.node;
    if (node.kind !== 'window') throw new Error('not a window');
    this.assigner = node.params.assigner;
    this.lateOutput = node.params.lateOutput;
    this.lateness = node.params.allowedLatenessMs ?? 0;
    this.specs = plan.aggs!;
    this.keyed = plan.keyField !== null;
    this.eventTime = this.assigner.time !== 'processing';
    let trigger = triggers.get(plan);
    if (!trigger) triggers.set(plan, (trigger = createWindowTrigger(node.params.trigger, this.eventTime ? 'eventTime' : 'processingTime')));
    this.trigger = trigger;
  }

  private cleanupTime(ws: WindowState) {
    return ws.maxTs >= MAX_WATERMARK - this.lateness ? MAX_WATERMARK : ws.maxTs + this.lateness;
  }

  private isLate(maxTs: number) {
    return this.eventTime && maxTs < MAX_WATERMARK && maxTs + this.lateness <= this.host.watermarkMs();
  }

  // ---- TriggerContext ------------------------------------------------------------------------------
  nowMs() {
    return this.host.nowMs();
  }

  watermarkMs() {
    return this.host.watermarkMs();
  }

  registerEventTimer(ws: WindowState, ts: number) {
    if (ws.timers.has(ts)) return;
    ws.timers.add(ts);
    this.timers.register(ts, ws);
  }

  private readonly noted = new Set<string>();
  note(message: string) {
    if (this.noted.has(message)) return;
    this.noted.add(message);
    this.host.note(message);
  }

  registerProcessingTimer(ws: WindowState, ts: number) {
    if (ws.ptimers.has(ts)) return;
    ws.ptimers.set(
      ts,
      this.host.processingTimer(Math.max(ts, this.host.nowMs()), () => {
        ws.ptimers.delete(ts);
        if (!ws.dead) this.onProcessingTime(ws, ts);
      }),
    );
  }

  // ---- firing and cleanup --------------------------------------------------------------------------
  private emit(ws: WindowState, pane: Firing) {
    if (pane === null) return;
    const { assigner } = this;
    if (ws.acc !== null && !accIsEmpty(ws.acc)) {
      const row: Row = {};
      if (this.keyed) row.key = ws.key;
      if (assigner.kind !== 'global') {
        row.windowStart = ws.startMs;
        row.windowEnd = ws.endMs;
      }
      writeAggregates(this.specs, ws.acc, row);
      row.ts = ws.maxTs;
      row.pane = pane;
      row.paneIndex = ws.paneIndex;
      let replayed = ws.replayed;
      if (this.emittedSince.length > 0 || this.repeats !== null) {
        const pane = paneId(ws);
        for (const e of this.emittedSince) e.panes.add(pane);
        // The same pane again from restored state: a repeat of what the failed attempt emitted.
        if (this.repeats?.has(pane)) replayed = true;
      }
      this.host.output(row, 'out', replayed);
      this.host.fired({
        key: ws.key,
        windowStartMs: assigner.kind === 'global' ? null : ws.startMs,
        windowEndMs: assigner.kind === 'global' ? null : ws.endMs,
        pane,
        paneIndex: ws.paneIndex,
        record: row,
        inputCount: ws.inputCount,
        stateRows: this.sampledStateRows(),
      });
      ws.paneIndex++;
    }
    if (this.trigger.purging) {
      ws.acc = null;
      ws.inputCount = 0;
    }
    this.trigger.onFired(ws);
  }

  private sampledStateRows(): number {
    const now = this.host.nowMs();
    if (now !== this.stateSampledAtMs) {
      this.stateSampledAtMs = now;
      this.stateSample = this.stateRows();
    }
    return this.stateSample;
  }

  private clearAll(ws: WindowState) {
    ws.dead = true;
    for (const h of ws.ptimers.values()) h.cancel();
    ws.ptimers.clear();
    ws.timers.clear();
    if (this.assigner.kind === 'session') {
      const list = this.sessions.get(ws.key);
      if (list) {
        const i = list.indexOf(ws);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) this.sessions.delete(ws.key);
      }
    } else {
      const byStart = this.windows.get(ws.key);
      if (byStart?.get(ws.startMs) === ws) {
        byStart.delete(ws.startMs);
        if (byStart.size === 0) this.windows.delete(ws.key);
      }
    }
  }

  private registerCleanup(ws: WindowState) {
    const t = this.cleanupTime(ws);
    if (t >= MAX_WATERMARK) return; // the global window is never cleaned up
    if (this.eventTime) this.registerEventTimer(ws, t);
    else this.registerProcessingTimer(ws, t);
  }

  private onProcessingTime(ws: WindowState, ts: number) {
    this.emit(ws, this.trigger.onProcessingTime(ws, ts, this));
    if (!this.eventTime && ts === this.cleanupTime(ws)) this.clearAll(ws);
  }

  private onTimer(ts: number, ws: WindowState) {
    if (ws.dead || !ws.timers.has(ts)) return;
    ws.timers.delete(ts);
    this.emit(ws, this.trigger.onEventTime(ws, ts, this));
    if (this.eventTime && ts === this.cleanupTime(ws)) this.clearAll(ws);
  }

  // ---- assigning windows ---------------------------------------------------------------------------
  /** Session windows: the element's window merged with the windows it touches (spec §2.3). */
  private sessionWindow(key: unknown, startMs: number, endMs: number): WindowState | null {
    const { sessions } = this;
    let list = sessions.get(key);
    if (!list) sessions.set(key, (list = []));
    const touching = list.filter((w) => w.startMs <= endMs && w.endMs >= startMs);
    if (touching.length === 0) {
      const ws = createWindowState(key, startMs, endMs, endMs - 1);
      if (this.isLate(ws.maxTs)) {
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
        if (!merged.acc) merged.acc = createAcc(this.specs);
        mergeAcc(merged.acc, w.acc);
      }
      merged.inputCount += w.inputCount;
      merged.paneIndex = Math.max(merged.paneIndex, w.paneIndex);
      merged.replayed ||= w.replayed;
    }
    // The trigger merges first, while the parts' timers are still pending (rule 5: it keeps the earliest).
    this.trigger.onMerge(merged, touching, this);
    for (const w of touching) this.clearAll(w);
    const rest = sessions.get(key) ?? [];
    rest.push(merged);
    sessions.set(key, rest);
    return merged;
  }

  /** The window of an assigner with one window per element (tumbling, global, session); null when late. */
  private singleWindow(key: unknown, ts: number): WindowState | null {
    const { assigner } = this;
    if (assigner.kind === 'session') return this.sessionWindow(key, ts, ts + assigner.gapMs);
    let byStart = this.windows.get(key);
    if (!byStart) this.windows.set(key, (byStart = new Map()));
    if (assigner.kind === 'global') {
      let ws = byStart.get(0);
      if (!ws) byStart.set(0, (ws = createWindowState(key, 0, 0, MAX_WATERMARK)));
      return ws;
    }
    const size = (assigner as Extract<Assigner, { kind: 'tumbling' }>).sizeMs;
    const start = alignDown(ts, size);
    let ws = byStart.get(start);
    if (ws) return ws;
    if (this.isLate(start + size - 1)) return null;
    byStart.set(start, (ws = createWindowState(key, start, start + size, start + size - 1)));
    return ws;
  }

  /** Sliding windows: every window the element falls in (null for those already late). */
  private slidingWindows(key: unknown, ts: number): (WindowState | null)[] {
    let byStart = this.windows.get(key);
    if (!byStart) this.windows.set(key, (byStart = new Map()));
    const map = byStart;
    return assignSpans(this.assigner as Extract<Assigner, { kind: 'sliding' }>, ts).map((s) => {
      let ws = map.get(s.startMs);
      if (ws) return ws;
      if (this.isLate(s.endMs - 1)) return null;
      map.set(s.startMs, (ws = createWindowState(key, s.startMs, s.endMs, s.endMs - 1)));
      return ws;
    });
  }

  /** Adds the element to one window and asks the trigger; false when the window is late. */
  private addTo(ws: WindowState | null, row: Row, ts: number): boolean {
    if (ws === null || this.isLate(ws.maxTs)) return false;
    if (!ws.acc) ws.acc = createAcc(this.specs);
    addToAcc(this.specs, ws.acc, row);
    ws.inputCount++;
    if (!ws.replayed && this.host.replaying()) ws.replayed = true;
    this.emit(ws, this.trigger.onElement(ws, ts, this));
    this.registerCleanup(ws);
    return true;
  }

  // ---- DfOperator ----------------------------------------------------------------------------------
  onRecord(row: Row): void {
    const key = keyOf(this.plan, row);
    const ts = this.eventTime ? (row.ts as number) : this.host.nowMs();
    let added = false;
    if (this.assigner.kind === 'sliding') {
      for (const ws of this.slidingWindows(key, ts)) if (this.addTo(ws, row, ts)) added = true;
    } else added = this.addTo(this.singleWindow(key, ts), row, ts);
    if (!added && this.eventTime && ts + this.lateness <= this.host.watermarkMs()) this.host.late(row, this.lateOutput ?? 'dropped');
  }

  onWatermark(wm: number): void {
    this.timers.advance(wm, this.fireDue);
  }

  stateRows(): number {
    let n = 0;
    for (const m of this.windows.values()) n += m.size;
    for (const l of this.sessions.values()) n += l.length;
    return n;
  }

  emittedAfter(checkpointId: number): ReadonlySet<string> {
    return this.emittedSince.find((e) => e.id === checkpointId)?.panes ?? new Set();
  }

  checkpointCompleted(checkpointId: number): void {
    // A restore uses this checkpoint or a later one: what was emitted before its snapshot is history.
    while (this.emittedSince.length > 0 && this.emittedSince[0].id < checkpointId) this.emittedSince.shift();
  }

  snapshot(checkpointId: number): SavedWindow[] {
    this.emittedSince.push({ id: checkpointId, panes: new Set() });
    const all = [...[...this.windows.values()].flatMap((m) => [...m.values()]), ...[...this.sessions.values()].flat()];
    return all.map((ws) => ({
      key: ws.key,
      startMs: ws.startMs,
      endMs: ws.endMs,
      maxTs: ws.maxTs,
      acc: ws.acc ? ws.acc.slice() : null,
      inputCount: ws.inputCount,
      count: ws.count,
      lateCount: ws.lateCount,
      paneIndex: ws.paneIndex,
      timers: [...ws.timers],
      ptimers: [...ws.ptimers.keys()],
      fireTs: ws.fireTs,
      earlyPending: ws.earlyPending,
    }));
  }

  restore(snapshot: unknown, from?: { checkpointId: number; repeats: ReadonlySet<string> }): void {
    if (from) {
      this.repeats = from.repeats;
      // A second failure restoring the same checkpoint repeats these as well as what this attempt emits.
      this.emittedSince.push({ id: from.checkpointId, panes: new Set(from.repeats) });
    }
    for (const saved of snapshot as SavedWindow[]) {
      const ws = createWindowState(saved.key, saved.startMs, saved.endMs, saved.maxTs);
      ws.acc = saved.acc ? saved.acc.slice() : null;
      ws.inputCount = saved.inputCount ?? 0;
      ws.count = saved.count;
      ws.lateCount = saved.lateCount;
      ws.paneIndex = saved.paneIndex;
      ws.fireTs = saved.fireTs;
      ws.earlyPending = saved.earlyPending;
      if (this.assigner.kind === 'session') {
        const list = this.sessions.get(ws.key) ?? [];
        list.push(ws);
        this.sessions.set(ws.key, list);
      } else {
        let byStart = this.windows.get(ws.key);
        if (!byStart) this.windows.set(ws.key, (byStart = new Map()));
        byStart.set(ws.startMs, ws);
      }
      for (const t of saved.timers) this.registerEventTimer(ws, t);
      for (const t of saved.ptimers) this.registerProcessingTimer(ws, t);
    }
  }
}

/** A pane's identity across attempts: key, window and pane index. */
function paneId(ws: WindowState): string {
  const key = typeof ws.key === 'object' && ws.key !== null ? JSON.stringify(ws.key) : String(ws.key);
  return `${typeof ws.key}:${key}\u0000${ws.startMs}\u0000${ws.endMs}\u0000${ws.paneIndex}`;
}
