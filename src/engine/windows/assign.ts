// Window assignment shared by both modes. Windows are [start, end); tumbling and sliding windows
// start at multiples of their slide from time 0 (Flink TimeWindow.getWindowStartWithOffset with
// offset 0, Spark's window()). A window's own event time is end − 1 (Flink maxTimestamp(),
// Spark window_time).
import type { Assigner } from '../../model/index.ts';

export type Span = { startMs: number; endMs: number };

/** Largest multiple of `step` that is <= ts (correct for negative ts as well). */
export const alignDown = (ts: number, step: number): number => ts - (((ts % step) + step) % step);

/** The windows a timestamp belongs to, for non-merging assigners; latest start first, as Flink. */
export function assignSpans(assigner: Exclude<Assigner, { kind: 'session' } | { kind: 'global' }>, ts: number): Span[] {
  if (assigner.kind === 'tumbling') {
    const startMs = alignDown(ts, assigner.sizeMs);
    return [{ startMs, endMs: startMs + assigner.sizeMs }];
  }
  const spans: Span[] = [];
  const last = alignDown(ts, assigner.slideMs);
  for (let start = last; start > ts - assigner.sizeMs; start -= assigner.slideMs) {
    spans.push({ startMs: start, endMs: start + assigner.sizeMs });
  }
  return spans;
}

export const maxTimestamp = (span: Span): number => span.endMs - 1;
