// Versions of what the editor keeps in localStorage, and how an older one is brought forward.
import { emptyJob } from './emptyJob.ts';
import type { Job } from '../../model/index.ts';

/**
 * 1: `{ job, baseline? }`, a streamlab.job/v1 document and the fingerprint of it as opened.
 * 0 (pre-release builds): `{ document }`, the same document under another name.
 */
export const PERSIST_VERSION = 1;

export function migrateEditorState(persisted: unknown, version: number): { job: Job } {
  const state = (persisted ?? {}) as { job?: unknown; document?: unknown };
  const candidate = version === 0 ? state.document : state.job;
  return { job: isJobLike(candidate) ? candidate : emptyJob() };
}

function isJobLike(v: unknown): v is Job {
  if (typeof v !== 'object' || v === null) return false;
  const j = v as Partial<Job>;
  return j.format === 'streamlab.job/v1' && Array.isArray(j.nodes) && Array.isArray(j.edges);
}
