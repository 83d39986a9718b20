// The trigger of a window node (job-format `trigger`; spec §2.4): Flink's EventTimeTrigger with
// optional early firings (processing-time delay or interval, ContinuousEventTimeTrigger) and late
// firings every N elements within the allowed lateness, ProcessingTimeTrigger, or CountTrigger.
// What a Flink user writes as one custom Trigger class is this one state machine.
import type { Pane, Trigger } from '../../../model/index.ts';
import { MAX_WATERMARK } from '../../../model/index.ts';
import type { WindowState } from './state.ts';

export type TriggerContext = {
  nowMs(): number;
  watermarkMs(): number;
  registerEventTimer(ws: WindowState, ts: number): void;
  registerProcessingTimer(ws: WindowState, ts: number): void;
  /** A note for the run (said once per message): where the simulation departs from Flink. */
  note(message: string): void;
};

/** Beyond this many firings of one window in one watermark advance, a continuous chain stops (a note says so). */
export const MAX_CHAIN_FIRINGS = 10_000;

/** null: CONTINUE; otherwise FIRE, labelled with the pane it emits. */
export type Firing = Pane | null;

export type WindowTrigger = {
  onElement(ws: WindowState, ts: number, c: TriggerContext): Firing;
  onEventTime(ws: WindowState, time: number, c: TriggerContext): Firing;
  onProcessingTime(ws: WindowState, time: number, c: TriggerContext): Firing;
  /** `merged` is the new window; `from` the windows merged into it (their timers still pending; cleared next). */
  onMerge(merged: WindowState, from: readonly WindowState[], c: TriggerContext): void;
  /** Called after a firing: a new pane starts. */
  onFired(ws: WindowState): void;
  readonly purging: boolean;
};

/**
 * The pane timing of a firing that is not the end-of-window timer's (spec §2.4, Beam's PaneInfo):
 * early while the watermark has not reached the window's max timestamp, late once it has.
 * Processing-time windows have no event-time clock: every firing is on time.
 */
const timingOf = (ws: WindowState, c: TriggerContext, eventTime: boolean): Pane => (!eventTime ? 'onTime' : c.watermarkMs() < ws.maxTs ? 'early' : 'late');

export function createWindowTrigger(trigger: Trigger | undefined, defaultKind: 'eventTime' | 'processingTime'): WindowTrigger {
  const t: Trigger = trigger ?? { kind: defaultKind };
  const purging = t.accumulation === 'discarding';
  const eventTime = defaultKind === 'eventTime';
  if (t.kind === 'processingTime') {
    return {
      purging,
      onElement(ws, _ts, c) {
        c.registerProcessingTimer(ws, ws.maxTs);
        return null;
      },
      onEventTime: () => null,
      onProcessingTime: (ws, _time, c) => timingOf(ws, c, eventTime),
      onMerge(ws, _from, c) {
        if (ws.maxTs > c.nowMs()) c.registerProcessingTimer(ws, ws.maxTs);
      },
      onFired() {},
    };
  }
  if (t.kind === 'count') {
    return {
      purging,
      onElement(ws, _ts, c) {
        ws.count++;
        if (ws.count >= t.count) {
          ws.count = 0;
          return timingOf(ws, c, eventTime); // never the end-of-window timer: never on time (rule 4)
        }
        return null;
      },
      onEventTime: () => null,
      onProcessingTime: () => null,
      onMerge(ws, from) {
        ws.count = from.reduce((n, w) => n + w.count, 0);
      },
      onFired() {},
    };
  }
  const early = t.early;
  const lateEvery = t.late?.count ?? 1;
  const armEarly = (ws: WindowState, ts: number, c: TriggerContext) => {
    if (!early) return;
    if (early.kind === 'processingTimeDelay' && !ws.earlyPending) {
      ws.earlyPending = true;
      c.registerProcessingTimer(ws, c.nowMs() + early.delayMs);
    } else if (early.kind === 'processingTimeInterval' && !ws.earlyPending) {
      ws.earlyPending = true;
      const now = c.nowMs();
      c.registerProcessingTimer(ws, now - (now % early.intervalMs) + early.intervalMs);
    } else if (early.kind === 'eventTimeInterval' && ws.fireTs === null) {
      // ContinuousEventTimeTrigger: first fire at ts − ts % interval + interval, capped at the end.
      const start = ts - (((ts % early.intervalMs) + early.intervalMs) % early.intervalMs);
      ws.fireTs = Math.min(start + early.intervalMs, ws.maxTs);
      c.registerEventTimer(ws, ws.fireTs);
    }
  };
  return {
    purging,
    onElement(ws, ts, c) {
      if (ws.maxTs <= c.watermarkMs()) {
        // Within the allowed lateness: a late firing (EventTimeTrigger fires at once; every N).
        ws.lateCount++;
        if (ws.lateCount >= lateEvery) {
          ws.lateCount = 0;
          return 'late';
        }
        return null;
      }
      c.registerEventTimer(ws, ws.maxTs);
      armEarly(ws, ts, c);
      return null;
    },
    onEventTime(ws, time, c) {
      if (time === ws.maxTs) return 'onTime';
      if (early?.kind === 'eventTimeInterval' && ws.fireTs === time) {
        // ContinuousEventTimeTrigger registers min(time + interval, maxTimestamp) and the timer
        // service fires every timer the watermark passed, those registered while firing included:
        // one big jump (end of input too) fires each fire time in order, then the end of the window
        // (rule 3). A global window's chain never ends in Flink: at the end of input it stops here.
        let next = Math.min(time + early.intervalMs, ws.maxTs);
        const wm = c.watermarkMs();
        if (ws.maxTs >= MAX_WATERMARK && wm >= MAX_WATERMARK) {
          next = ws.maxTs;
          c.note(`the continuous event-time trigger of a global window fires forever at the end of input in Flink; the simulation stops its chain after the firing at ${time}`);
        } else if (next < ws.maxTs && wm >= next && Math.min(wm, ws.maxTs) - next > MAX_CHAIN_FIRINGS * early.intervalMs) {
          next = ws.maxTs;
          c.note(`one watermark advance passed more than ${MAX_CHAIN_FIRINGS} fire times of a continuous event-time trigger; the simulation skips to the end of the window after the firing at ${time}`);
        }
        ws.fireTs = next;
        if (next !== ws.maxTs) c.registerEventTimer(ws, next);
        return time < ws.maxTs ? 'early' : 'late';
      }
      return null;
    },
    onProcessingTime(ws, time, c) {
      if (!early || early.kind === 'eventTimeInterval') return null;
      if (ws.maxTs <= c.watermarkMs()) return null; // early firings stop once the window is on time
      if (early.kind === 'processingTimeInterval') {
        c.registerProcessingTimer(ws, time + early.intervalMs);
        return timingOf(ws, c, eventTime);
      }
      ws.earlyPending = false;
      return timingOf(ws, c, eventTime);
    },
    onMerge(ws, from, c) {
      if (ws.maxTs > c.watermarkMs()) c.registerEventTimer(ws, ws.maxTs);
      if (early?.kind === 'eventTimeInterval') {
        const next = Math.min(...from.map((w) => w.fireTs ?? Infinity));
        if (next !== Infinity) {
          ws.fireTs = next;
          c.registerEventTimer(ws, next);
        }
      } else if (early && eventTime) {
        // The merged window keeps the earliest early firing pending for any of its parts (Beam's
        // AfterDelayFromFirstElement.onMerge; rule 5): a merge never postpones a firing that was due.
        // Called before the parts are cleared, so their pending timers are still there.
        let at = Infinity;
        for (const w of from) if (w.earlyPending) for (const t of w.ptimers.keys()) if (t < at) at = t;
        if (at !== Infinity) {
          ws.earlyPending = true;
          c.registerProcessingTimer(ws, at);
        }
      } else if (early && from.some((w) => w.earlyPending)) {
        ws.earlyPending = false;
        armEarly(ws, ws.startMs, c);
      }
    },
    onFired() {},
  };
}
