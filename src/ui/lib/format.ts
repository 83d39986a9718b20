// Human-readable times: "850 ms", "12 s", "12.5 s", "2 min 5 s"; watermarks add −∞/+∞.
import { MAX_WATERMARK, MIN_WATERMARK } from '../../model/index.ts';

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? '+∞' : '−∞';
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${a} ms`;
  if (a < 120_000) return `${sign}${trim(a / 1000)} s`;
  const min = Math.floor(a / 60_000);
  const s = (a % 60_000) / 1000;
  return `${sign}${min} min${s ? ` ${trim(s)} s` : ''}`;
}

export function formatWatermark(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms >= MAX_WATERMARK) return '+∞';
  if (ms <= MIN_WATERMARK) return '−∞';
  return formatMs(ms);
}

/** A processing-time clock: "12.350 s". */
export function formatClock(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** Up to millisecond precision, without trailing zeros: 12.03, 20.5, 7. */
function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/\.?0+$/, '');
}

export function formatWindow(startMs: number | null, endMs: number | null): string {
  if (startMs === null || endMs === null) return 'global window';
  // One unit for both ends where it reads better: [0 s, 10 s), not [0 ms, 10 s).
  const start = startMs === 0 && Math.abs(endMs) >= 1000 && Math.abs(endMs) < 120_000 ? '0 s' : formatMs(startMs);
  return `[${start}, ${formatMs(endMs)})`;
}
