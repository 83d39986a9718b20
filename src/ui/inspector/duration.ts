// Durations as people type them: "1.5 s", "1500ms", "2 min", "1h 30m", or a bare number in the
// field's unit ("250" in a field showing ms). Pure, so the parser is tested on its own; formatDuration
// writes what parseDuration reads back exactly.

export type DurationUnit = 'ms' | 's' | 'min' | 'h';

export const UNIT_MS: Record<DurationUnit, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

const aliases: Record<string, DurationUnit> = {
  ms: 'ms', msec: 'ms', msecs: 'ms', millis: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'min', min: 'min', mins: 'min', minute: 'min', minutes: 'min',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
};

export type Parsed = { ok: true; ms: number } | { ok: false; message: string };

const part = /(\d+(?:\.\d*)?|\.\d+)\s*([a-zµ]*)\s*/giy;

/**
 * Reads a duration. `unit` is what a bare number means (the unit the field shows). Parts add up
 * ("1h 30m" = 90 min), each with its own unit; a leading minus is allowed with `allowNegative`.
 * The result is rounded to whole milliseconds.
 */
export function parseDuration(text: string, unit: DurationUnit = 'ms', allowNegative = false): Parsed {
  let s = text.trim().replace(/,/g, '');
  if (s === '') return { ok: false, message: 'empty' };
  let sign = 1;
  if (/^[-−]/.test(s)) {
    if (!allowNegative) return { ok: false, message: 'must not be negative' };
    sign = -1;
    s = s.slice(1).trimStart();
  }
  part.lastIndex = 0;
  let total = 0;
  let parts = 0;
  while (part.lastIndex < s.length) {
    const at = part.lastIndex;
    const m = part.exec(s);
    if (!m || m.index !== at) return { ok: false, message: `cannot read "${s.slice(at)}": try 1.5 s, 1500 ms, 2 min or 1h 30m` };
    const n = Number(m[1]);
    const word = m[2]!.toLowerCase();
    let u: DurationUnit;
    if (word === '') {
      // A bare number is only allowed alone: "1 30" means nothing.
      if (parts > 0 || part.lastIndex < s.length) return { ok: false, message: 'give each number a unit, e.g. 1 min 30 s' };
      u = unit;
    } else {
      const known = aliases[word];
      if (!known) return { ok: false, message: `unknown unit "${m[2]}": use ms, s, min or h` };
      u = known;
    }
    total += n * UNIT_MS[u];
    parts++;
  }
  const ms = sign * Math.round(total);
  if (!Number.isSafeInteger(ms)) return { ok: false, message: 'too long' };
  return { ok: true, ms: ms === 0 ? 0 : ms };
}

/** Up to millisecond precision, without trailing zeros. */
const trim = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/\.?0+$/, ''));

/**
 * A duration in words: "250 ms", "1.5 s", "2 min", "1 h 30 min", "1 min 0.5 s". The seconds part
 * carries the milliseconds, so the text parses back to the same number.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? '+∞' : '−∞';
  const sign = ms < 0 ? '−' : '';
  let a = Math.abs(Math.round(ms));
  if (a < 1000) return `${sign}${a} ms`;
  const out: string[] = [];
  const h = Math.floor(a / UNIT_MS.h);
  a -= h * UNIT_MS.h;
  const min = Math.floor(a / UNIT_MS.min);
  a -= min * UNIT_MS.min;
  if (h) out.push(`${h} h`);
  if (min) out.push(`${min} min`);
  if (a) out.push(`${trim(a / 1000)} s`);
  return sign + out.join(' ');
}

/** The unit a value reads best in, for a bare number in the field: whole minutes, else s, else ms. */
export function unitFor(ms: number | undefined | null): DurationUnit {
  if (!ms) return 's';
  if (ms % 60_000 === 0) return 'min';
  return ms % 1000 === 0 || Math.abs(ms) >= 1000 ? 's' : 'ms';
}

/** The number shown in the field for `ms` in `unit` (the unit select holds the unit). */
export function inUnit(ms: number, unit: DurationUnit): string {
  return trim(ms / UNIT_MS[unit]);
}
