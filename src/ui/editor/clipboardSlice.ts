// Copy and paste of the selected nodes (and the edges between them), within the app.
import { commit } from './documentSlice.ts';
import { copyNodes, pasteClip } from './jobOps.ts';
import type { Clip } from './jobOps.ts';
import type { EditorState } from './store.ts';

export type ClipboardSlice = {
  clip: Clip | null;
  pasteCount: number;
  copySelection(): boolean;
  paste(): void;
};

type Set = (partial: Partial<EditorState>) => void;

export const createClipboardSlice = (set: Set, get: () => EditorState): ClipboardSlice => ({
  clip: null,
  pasteCount: 0,
  copySelection: () => {
    const s = get();
    const clip = copyNodes(s.job, new Set(s.selection));
    if (clip) set({ clip, pasteCount: 0 });
    return clip !== null;
  },
  paste: () => {
    const s = get();
    if (!s.clip) return;
    const n = s.pasteCount + 1;
    const { job, ids } = pasteClip(s.job, s.clip, { x: 40 * n, y: 40 * n });
    commit(set, get, job);
    const fresh = new Set(ids);
    set({
      pasteCount: n,
      nodes: get().nodes.map((node) => ({ ...node, selected: fresh.has(node.id) })),
      selection: ids,
    });
  },
});
