// Unsaved work: the job differs from what was last opened (a scenario, a link, a file). The editor
// keeps a fingerprint of the opened document; layout-only changes (dragging nodes) do not count.
import type { Job } from '../../model/index.ts';

/** A short fingerprint of what the job does (FNV-1a over its JSON, without the layout). */
export function fingerprintOf(job: Job): string {
  const { layout: _layout, ...rest } = job;
  const text = JSON.stringify(rest);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

/** True when replacing the job would lose edits: it has nodes and is not what was opened. */
export function hasUnsavedWork(s: { job: Job; baseline: string | null }): boolean {
  return s.job.nodes.length > 0 && fingerprintOf(s.job) !== s.baseline;
}
