// The editor store: one zustand store made of slices (document, history, canvas, clipboard), with
// the job persisted to localStorage under a version, so a reload or a worker crash loses nothing.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Job } from '../../model/index.ts';
import { createCanvasSlice } from './canvasSlice.ts';
import type { CanvasSlice } from './canvasSlice.ts';
import { createClipboardSlice } from './clipboardSlice.ts';
import type { ClipboardSlice } from './clipboardSlice.ts';
import { createDocumentSlice, derive } from './documentSlice.ts';
import type { DocumentSlice } from './documentSlice.ts';
import { createHistorySlice } from './historySlice.ts';
import type { HistorySlice } from './historySlice.ts';
import { migrateEditorState, PERSIST_VERSION } from './migrate.ts';
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
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ job: s.job, baseline: s.baseline }),
      migrate: migrateEditorState,
      merge: (persisted, current) => {
        const saved = persisted as { job?: Job; baseline?: unknown } | undefined;
        const job = saved?.job;
        if (!job || !Array.isArray(job.nodes)) return current;
        return { ...current, ...derive(job, current), baseline: typeof saved.baseline === 'string' ? saved.baseline : null };
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
