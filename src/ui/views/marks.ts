import type { FailureEntry } from '../../model/index.ts';
import { formatMs } from '../lib/format.ts';
import type { TrackMark } from './TimeTrack.tsx';

/** Failures (red) and the restores that followed them (green) as timeline marks. */
export function failureMarks(crashes: readonly { atMs: number; node: string | null }[], failures: readonly FailureEntry[]): TrackMark[] {
  const marks: TrackMark[] = crashes.map((c, i) => ({
    key: `f${i}`, atMs: c.atMs, className: 'mark-failure', title: `failure at ${formatMs(c.atMs)}${c.node ? ` in ${c.node}` : ''}`,
  }));
  failures.forEach((f, i) => {
    if (f.resumedAtMs === null) return;
    const from = f.restoredFrom === null ? 'the beginning' : `checkpoint ${f.restoredFrom}`;
    marks.push({ key: `r${i}`, atMs: f.resumedAtMs, className: 'mark-restore', title: `restored from ${from}, resumed at ${formatMs(f.resumedAtMs)}` });
  });
  return marks;
}
