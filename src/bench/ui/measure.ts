// What bench:ui measures inside the page, and how it turns samples into figures. The page side is
// JavaScript source text (not functions: tsx would wrap them with helpers the page does not have).

/** Installed before the app loads: every long task (≥ 50 ms) from the start, and a frame recorder. */
export const PROBES = `
  window.__bench = { longTasks: [], frames: [], recording: false };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  (function loop(t) {
    if (window.__bench.recording) window.__bench.frames.push(t);
    requestAnimationFrame(loop);
  })(0);
`;

export const START_RECORDING = `(() => { window.__bench.frames = []; window.__bench.recording = true; return performance.now(); })()`;

export const STOP_RECORDING = `(() => {
  window.__bench.recording = false;
  return { frames: window.__bench.frames, longTasks: window.__bench.longTasks, now: performance.now() };
})()`;

export type FrameFigures = { fps: number; p95FrameMs: number; maxFrameMs: number; frames: number };

export function frameFigures(frames: readonly number[]): FrameFigures {
  if (frames.length < 2) return { fps: 0, p95FrameMs: Infinity, maxFrameMs: Infinity, frames: frames.length };
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
  const span = frames[frames.length - 1]! - frames[0]!;
  return {
    fps: (1000 * gaps.length) / span,
    p95FrameMs: gaps[Math.min(gaps.length - 1, Math.ceil(gaps.length * 0.95) - 1)]!,
    maxFrameMs: gaps[gaps.length - 1]!,
    frames: frames.length,
  };
}

/** Long tasks that overlap [fromMs, toMs] of the page's clock. */
export function longTasksBetween(tasks: readonly [number, number][], fromMs: number, toMs: number): { count: number; maxMs: number } {
  const inside = tasks.filter(([start, dur]) => start + dur >= fromMs && start <= toMs);
  return { count: inside.length, maxMs: inside.reduce((m, [, d]) => Math.max(m, d), 0) };
}
