// Pure helpers of the event-time figure: the scenario's clock on the axes, tick steps, pane values,
// and labels that never pile up. No DOM: unit-tested beside this file.
import type { Row } from '../../model/index.ts';
import { formatMs } from '../lib/format.ts';

/**
 * A scenario's own clock: the loose job field `clockOrigin` ("12:00" or "12:00:30") names the
 * wall-clock time of 0 ms, for event and processing time alike (the book's team scores are ms
 * since 12:00). Anything else gives null: the axes then show durations.
 */
export function clockOriginOf(job: object): number | null {
  const v = (job as { clockOrigin?: unknown }).clockOrigin;
  if (typeof v !== 'string') return null;
  const m = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(v.trim());
  if (!m) return null;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** A time on an axis: "12:02" / "12:02:30" / "12:02:30.5" on a scenario's clock, else a duration ("2 min"). */
export function formatAxisTime(ms: number, originMs: number | null, stepMs = 60_000): string {
  if (originMs === null) return ms === 0 && stepMs >= 1000 ? '0 s' : formatMs(ms); // "0 s" beside "5 s", not "0 ms"
  const day = 86_400_000;
  const t = (((originMs + ms) % day) + day) % day;
  const h = Math.floor(t / 3_600_000);
  const min = Math.floor((t % 3_600_000) / 60_000);
  const s = (t % 60_000) / 1000;
  const hm = `${h}:${String(min).padStart(2, '0')}`;
  if (stepMs % 60_000 === 0 && s === 0) return hm;
  const whole = Math.floor(s);
  const frac = s - whole ? String(Math.round((s - whole) * 1000) / 1000).slice(1) : '';
  return `${hm}:${String(whole).padStart(2, '0')}${frac}`;
}

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/** Tick positions from 0 to `max` at a round step, at most `maxCount` + 1 of them. */
export function ticks(max: number, maxCount: number): { step: number; values: number[] } {
  const count = Math.max(1, Math.floor(maxCount));
  const step = STEPS.find((s) => max / s <= count) ?? Math.ceil(max / count / 3_600_000) * 3_600_000;
  return { step, values: Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step) };
}

/** The aggregate columns of a window node's params (`as`, or the function's name). */
export function aggregateFields(params: { aggregate: { fn: string; as?: string } | { fn: string; as?: string }[] }): string[] {
  const list = Array.isArray(params.aggregate) ? params.aggregate : [params.aggregate];
  return list.map((a) => a.as ?? a.fn);
}

/** What a pane emitted, as short text: "14", or "count 3 · sum 12" with several aggregates. */
export function paneValueText(row: Row | undefined, fields: readonly string[]): string {
  if (!row) return '';
  const shown = fields.filter((f) => f in row);
  const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, '')) : v === null || v === undefined ? '–' : String(v));
  if (shown.length === 1) return fmt(row[shown[0]!]);
  return shown.map((f) => `${f} ${fmt(row[f])}`).join(' · ');
}

export type LabelRequest = {
  id: string;
  /** The point the label belongs to (the right end of a pane line, a late record…), in px. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Which side of x the text goes: 'end' puts the label's right edge at x. */
  anchor: 'start' | 'end';
};
export type PlacedLabel = { id: string; x: number; y: number; anchor: 'start' | 'end'; moved: boolean };
type Box = { x0: number; y0: number; x1: number; y1: number };

/**
 * Labels that never pile up: each label, in order, takes the first spot near its point that is
 * inside `bounds` and overlaps no label placed before it — just above its point, just below, then
 * further away above and below, up to `maxShift` px. A label with no free spot is left out (and
 * so is not drawn): a figure with overlapping numbers teaches nothing. `y` of a placed label is its
 * text baseline. Greedy and in order, so the first labels (the earliest panes) keep their places as
 * a run adds more.
 */
export function placeLabels(labels: readonly LabelRequest[], bounds: Box, obstacles: readonly Box[] = [], maxShift = 48): PlacedLabel[] {
  const placed: Box[] = [...obstacles];
  const out: PlacedLabel[] = [];
  const overlaps = (b: Box) => placed.some((p) => b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1);
  for (const l of labels) {
    const x0 = l.anchor === 'end' ? l.x - l.width : l.x;
    const x1 = x0 + l.width;
    if (x0 < bounds.x0 || x1 > bounds.x1) continue;
    // Baselines to try: above the point (the book's place), below it, then stepping outwards.
    const tries: number[] = [l.y - 3, l.y + l.height + 1];
    for (let d = l.height; d <= maxShift; d += Math.max(4, Math.round(l.height / 2))) tries.push(l.y - 3 - d, l.y + l.height + 1 + d);
    for (const [i, base] of tries.entries()) {
      const box = { x0, x1, y0: base - l.height + 2, y1: base + 3 };
      if (box.y0 < bounds.y0 || box.y1 > bounds.y1 || overlaps(box)) continue;
      placed.push(box);
      out.push({ id: l.id, x: l.x, y: base, anchor: l.anchor, moved: i > 0 });
      break;
    }
  }
  return out;
}

/** A side output's name as a margin tag: "→ late"; a long name is cut to fit the margin. */
export function lateTag(to: string, maxChars = 12): string {
  if (to === 'dropped') return 'dropped';
  return `→ ${to.length > maxChars ? `${to.slice(0, maxChars - 1)}…` : to}`;
}

/** The width of a label in px, estimated without measuring (digits and letters ≈ 0.6 em). */
export const textWidth = (text: string, fontPx: number) => Math.ceil(text.length * fontPx * 0.6) + 2;
