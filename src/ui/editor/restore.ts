// Restoring the job saved in this browser. What localStorage holds may come from an older or a
// newer build, or be damaged: it is migrated, then checked against the job schema like any file.
// A job that fails the check is not opened (panels would fail on it); the saved text is copied to
// BACKUP_STORAGE_KEY first, so nothing is lost, and the app opens the default scenario and says so.
import { jobSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';
import type { Migrated } from './migrate.ts';

export const BACKUP_STORAGE_KEY = 'streamlab.editor.backup';

export type Restored = { ok: true; job: Job; baseline: string | null; notes: string[] } | { ok: false; reason: string };

/**
 * Fields a person only reads (names, labels, positions): when one has the wrong type, it is
 * dropped rather than losing the whole job.
 */
const COSMETIC = /^(name|description|nodes\.\d+\.label|layout\.[^.]+(\..*)?)$/;

export function restoreSaved(saved: Migrated | undefined): Restored | null {
  if (saved === undefined || saved === null) return null;
  if (typeof saved !== 'object') return { ok: false, reason: 'it is not an object' };
  if ('refused' in saved) return { ok: false, reason: saved.refused };
  if (saved.job === undefined || saved.job === null) return { ok: false, reason: 'it holds no job' };
  const job: unknown = saved.job; // parsed from the saved text: ours to change
  const notes: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const parsed = jobSchema.safeParse(job);
    if (parsed.success) {
      return { ok: true, job: parsed.data as Job, baseline: typeof saved.baseline === 'string' ? saved.baseline : null, notes };
    }
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    if (!COSMETIC.test(path) || !drop(job, issue.path)) return { ok: false, reason: `${path || 'job'}: ${issue.message}` };
    notes.push(`${path} (${issue.message}) was dropped`);
  }
  return { ok: false, reason: 'too many fields of the wrong type' };
}

/** Removes the field at `path` (one whose absence the schema accepts); false when there is none. */
function drop(root: unknown, path: readonly PropertyKey[]): boolean {
  // A layout entry that is wrong anywhere inside goes whole.
  const at = path[0] === 'layout' ? path.slice(0, 2) : path;
  let parent: unknown = root;
  for (const key of at.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  const last = at[at.length - 1];
  if (typeof parent !== 'object' || parent === null || last === undefined || !Object.hasOwn(parent, last)) return false;
  delete (parent as Record<PropertyKey, unknown>)[last];
  return true;
}

/** Copies the saved text aside before the store overwrites it; false when that failed too. */
export function backUpSaved(storageKey: string): boolean {
  try {
    const raw = localStorage.getItem(storageKey);
    if (raw === null) return false;
    localStorage.setItem(BACKUP_STORAGE_KEY, raw);
    return true;
  } catch {
    return false;
  }
}

/**
 * The saved text, if it is JSON at all: text that is not (a damaged write, a hand edit) is kept
 * aside and reported, where the persist middleware would drop it with the error and then
 * overwrite it.
 */
export function readSavedText(storageKey: string, read: (key: string) => string | null): string | null {
  const raw = read(storageKey);
  if (raw === null) return null;
  let reason: string;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'state' in value) return raw;
    reason = 'it is not a saved editor state';
  } catch (e) {
    reason = `it is not JSON: ${(e as Error).message}`;
  }
  const kept = backUpSaved(storageKey);
  setRestoreNotice(
    `The job saved in this browser could not be opened (${reason}), so the default scenario is open instead. ` +
      (kept ? `The saved copy is kept in this browser's localStorage under "${BACKUP_STORAGE_KEY}".` : 'The saved copy could not be kept aside.'),
  );
  return null;
}

let notice: string | null = null;

/** What restoring said (a job dropped or repaired), once: the boot message shows it. */
export function takeRestoreNotice(): string | null {
  const n = notice;
  notice = null;
  return n;
}

export function setRestoreNotice(message: string): void {
  notice = message;
}
