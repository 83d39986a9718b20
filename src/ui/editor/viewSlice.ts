// How the job is watched: one engine (the job's own mode), or both side by side in compare mode.
// Session state, not part of the document: the job's `mode` stays what it was, so exporting or
// sharing a job watched in compare mode gives the same document.
import type { Mode } from '../../model/index.ts';
import type { RunMode } from '../../worker/api.ts';
import type { EditorState } from './store.ts';

export type ViewSlice = {
  compare: boolean;
  /** Picks a mode for the job (and leaves compare mode), or compare mode. */
  setView(view: RunMode): void;
};

type Set = (partial: Partial<EditorState>) => void;

export const createViewSlice = (set: Set, get: () => EditorState): ViewSlice => ({
  compare: false,
  setView: (view) => {
    if (view === 'compare') return set({ compare: true });
    if (get().compare) set({ compare: false });
    get().setMode(view as Mode);
  },
});

/** What the engine runs for this editor state. */
export const runModeOf = (s: Pick<EditorState, 'compare' | 'job'>): RunMode => (s.compare ? 'compare' : s.job.mode);
