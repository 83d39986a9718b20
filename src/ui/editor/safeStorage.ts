// localStorage for the editor's persistence, made safe to fail: a job too large for the browser's
// quota (a 6 MB import), or storage that is blocked, throws on every save. Here that is caught
// and said (SaveStatus in the header shows it for as long as it holds), instead of an uncaught
// error and a reload that silently brings back the last job that did fit.
import { create } from 'zustand';
import type { StateStorage } from 'zustand/middleware';

export type SaveFailure = { message: string; chars: number };

export const useSaveStatus = create<{ failure: SaveFailure | null }>()(() => ({ failure: null }));

const megabytes = (chars: number) => `${(chars / 1e6).toFixed(1)} MB`;

export function describeSaveFailure(error: unknown, chars: number): string {
  const name = error instanceof Error ? error.name : '';
  const why = name === 'QuotaExceededError' || /quota/i.test(String(error)) ? "it is larger than this browser's storage for the page allows" : `the browser refused to store it (${error instanceof Error ? error.message : String(error)})`;
  return `Not saved in this browser: this job (${megabytes(chars)}) could not be kept because ${why}. A reload would bring back the last job that was saved. Export it as JSON to keep it.`;
}

export const safeLocalStorage: StateStorage & { getItem(name: string): string | null } = {
  getItem(name: string): string | null {
    try {
      return localStorage.getItem(name);
    } catch {
      return null;
    }
  },
  setItem(name, value) {
    try {
      localStorage.setItem(name, value);
      if (useSaveStatus.getState().failure) useSaveStatus.setState({ failure: null });
    } catch (e) {
      useSaveStatus.setState({ failure: { message: describeSaveFailure(e, value.length), chars: value.length } });
    }
  },
  removeItem(name) {
    try {
      localStorage.removeItem(name);
    } catch {
      /* nothing to remove where nothing can be stored */
    }
  },
};

/** While the job is not saved, leaving the page asks first (the browser's own question). */
export function guardUnsavedOnUnload(): void {
  if (typeof window === 'undefined') return;
  window.addEventListener('beforeunload', (e) => {
    if (useSaveStatus.getState().failure) e.preventDefault();
  });
}
