// What React Flow reports back: selection, measured sizes and dragging. Positions are written into
// the job's layout; a whole drag is one undo step.
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { Job } from '../../model/index.ts';
import type { OpNode } from './flow.ts';
import { HISTORY_LIMIT } from './documentSlice.ts';
import type { EditorState } from './store.ts';

export type CanvasSlice = {
  /** Ids of the selected nodes, in document order. */
  selection: string[];
  /** The job as it was when the current drag started. */
  dragOrigin: Job | null;
  onNodesChange(changes: NodeChange<OpNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  selectOnly(id: string | null): void;
};

type Set = (partial: Partial<EditorState>) => void;

export const createCanvasSlice = (set: Set, get: () => EditorState): CanvasSlice => ({
  selection: [],
  dragOrigin: null,
  onNodesChange: (changes) => {
    // Removal goes through deleteElements (one undo step for nodes and their edges).
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.length === 0) return;
    const s = get();
    const nodes = applyNodeChanges(kept, s.nodes);
    const patch: Partial<EditorState> = { nodes, selection: selectionOf(nodes, s.selection) };
    const moved: Record<string, { x: number; y: number }> = {};
    let dragging = false;
    let dragEnded = false;
    for (const c of kept) {
      if (c.type !== 'position') continue;
      if (c.position) moved[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
      if (c.dragging) dragging = true;
      else dragEnded = true;
    }
    if (Object.keys(moved).length > 0) {
      const job = { ...s.job, layout: { ...s.job.layout, ...moved } };
      patch.job = job;
      if (dragging && !s.dragOrigin) patch.dragOrigin = s.job;
    }
    if (dragEnded && (s.dragOrigin || patch.dragOrigin)) {
      const origin = s.dragOrigin ?? patch.dragOrigin!;
      patch.past = [...s.past.slice(-(HISTORY_LIMIT - 1)), origin];
      patch.future = [];
      patch.dragOrigin = null;
    }
    set(patch);
  },
  onEdgesChange: (changes) => {
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.length > 0) set({ edges: applyEdgeChanges(kept, get().edges) });
  },
  selectOnly: (id) => {
    const nodes = get().nodes.map((n) => {
      const selected = n.id === id;
      return n.selected === selected ? n : { ...n, selected };
    });
    set({ nodes, selection: id ? [id] : [] });
  },
});

function selectionOf(nodes: OpNode[], prev: string[]): string[] {
  const ids = nodes.filter((n) => n.selected).map((n) => n.id);
  return ids.length === prev.length && ids.every((id, i) => id === prev[i]) ? prev : ids;
}
