// Undo/redo over job snapshots. Snapshots are immutable and share structure, so a history of a
// hundred of them costs little.
import type { Job } from '../../model/index.ts';
import { derive } from './documentSlice.ts';
import type { EditorState } from './store.ts';

export type HistorySlice = {
  past: Job[];
  future: Job[];
  undo(): void;
  redo(): void;
};

type Set = (partial: Partial<EditorState>) => void;

export const createHistorySlice = (set: Set, get: () => EditorState): HistorySlice => ({
  past: [],
  future: [],
  undo: () => {
    const s = get();
    const prev = s.past[s.past.length - 1];
    if (!prev) return;
    set({ ...derive(prev, s), past: s.past.slice(0, -1), future: [s.job, ...s.future] });
  },
  redo: () => {
    const s = get();
    const next = s.future[0];
    if (!next) return;
    set({ ...derive(next, s), past: [...s.past, s.job], future: s.future.slice(1) });
  },
});
