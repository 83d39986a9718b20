// Versions of what the editor keeps in localStorage, and how an older one is brought forward.
// Nothing here trusts what it reads: restore.ts checks the job against the schema afterwards.

/**
 * 1: `{ job, baseline? }`, a streamlab.job/v1 document and the fingerprint of it as opened.
 * 0 (pre-release builds): `{ document }`, the same document under another name.
 */
export const PERSIST_VERSION = 1;

/** What a saved state of any version becomes: the job still unchecked, or why there is none. */
export type Migrated = { job: unknown; baseline?: unknown } | { refused: string };

export function migrateEditorState(persisted: unknown, version: number): Migrated {
  if (!Number.isInteger(version) || version < 0) return { refused: `it carries an unknown version (${String(version)})` };
  if (version > PERSIST_VERSION) return { refused: `it was saved by a newer version of Streamlab (saved state version ${version}; this one reads up to ${PERSIST_VERSION})` };
  const state = (typeof persisted === 'object' && persisted !== null ? persisted : {}) as { job?: unknown; document?: unknown; baseline?: unknown };
  // A version-0 document was never opened with a fingerprint: it counts as unsaved work.
  return version === 0 ? { job: state.document } : { job: state.job, baseline: state.baseline };
}
