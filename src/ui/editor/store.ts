// The editor store: one zustand store made of slices (document, history, canvas, clipboard), with
// the job persisted to localStorage under a version, so a reload or a worker crash loses nothing.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createCanvasSlice } from './canvasSlice.ts';
import type { CanvasSlice } from './canvasSlice.ts';
import { createClipboardSlice } from './clipboardSlice.ts';
import type { ClipboardSlice } from './clipboardSlice.ts';
import { createDocumentSlice, derive } from './documentSlice.ts';
import type { DocumentSlice } from './documentSlice.ts';
import { createHistorySlice } from './historySlice.ts';
import type { HistorySlice } from './historySlice.ts';
import { migrateEditorState, PERSIST_VERSION } from './migrate.ts';
import type { Migrated } from './migrate.ts';
import { backUpSaved, BACKUP_STORAGE_KEY, readSavedText, restoreSaved, setRestoreNotice } from './restore.ts';
import { safeLocalStorage } from './safeStorage.ts';
import { createViewSlice } from './viewSlice.ts';
import type { ViewSlice } from './viewSlice.ts';

export type EditorState = DocumentSlice & HistorySlice & CanvasSlice & ClipboardSlice & ViewSlice;

export const EDITOR_STORAGE_KEY = 'streamlab.editor';

export const useEditor = create<EditorState>()(
  persist(
    (set, get) => ({
      ...createDocumentSlice(set, get),
      ...createHistorySlice(set, get),
      ...createCanvasSlice(set, get),
      ...createClipboardSlice(set, get),
      ...createViewSlice(set, get),
    }),
    {
      name: EDITOR_STORAGE_KEY,
      version: PERSIST_VERSION,
      storage: createJSONStorage(() => ({ ...safeLocalStorage, getItem: (key) => readSavedText(key, safeLocalStorage.getItem) })),
      partialize: (s) => ({ job: s.job, baseline: s.baseline }),
      migrate: migrateEditorState,
      merge: (persisted, current) => {
        // `persisted` is the saved state as is (same version) or what migrate made of it.
        const restored = restoreSaved(persisted as Migrated | undefined);
        if (!restored) return current;
        if (!restored.ok) {
          const kept = backUpSaved(EDITOR_STORAGE_KEY);
          setRestoreNotice(
            `The job saved in this browser could not be opened (${restored.reason}), so the default scenario is open instead. ` +
              (kept ? `The saved copy is kept in this browser's localStorage under "${BACKUP_STORAGE_KEY}".` : 'The saved copy could not be kept aside.'),
          );
          return current;
        }
        if (restored.notes.length > 0) setRestoreNotice(`The job saved in this browser was opened with fields of the wrong type left out: ${restored.notes.join('; ')}.`);
        return { ...current, ...derive(restored.job, current), baseline: restored.baseline };
      },
    },
  ),
);

/** True when a saved graph was found at start-up (it wins over the default scenario). */
export function hasSavedJob(): boolean {
  try {
    return localStorage.getItem(EDITOR_STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}
