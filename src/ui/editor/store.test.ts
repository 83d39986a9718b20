import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Job } from '../../model/index.ts';
import { jobSchema } from '../../model/index.ts';

// A memory localStorage, installed before the store (and its persist middleware) is created.
const memory = new Map<string, string>();
globalThis.localStorage = {
  getItem: (k: string) => memory.get(k) ?? null,
  setItem: (k: string, v: string) => void memory.set(k, v),
  removeItem: (k: string) => void memory.delete(k),
  clear: () => memory.clear(),
  key: (i: number) => [...memory.keys()][i] ?? null,
  get length() { return memory.size; },
} as Storage;

let store: typeof import('./store.ts');
const scenario = jobSchema.parse(JSON.parse(readFileSync(new URL('../../../public/scenarios/late-data.json', import.meta.url), 'utf8'))) as Job;

beforeAll(async () => {
  store = await import('./store.ts');
});
beforeEach(() => store.useEditor.getState().loadJob(scenario));

const s = () => store.useEditor.getState();

describe('editor store', () => {
  it('derives React Flow nodes and edges from the job, data holding only kind and params', () => {
    expect(s().nodes.map((n) => n.id)).toEqual(['clicks', 'wm', 'byKey', 'count', 'out', 'lateSink']);
    expect(Object.keys(s().nodes[0]!.data).sort()).toEqual(['kind', 'label', 'params']);
    const late = s().edges.find((e) => e.sourceHandle === 'late');
    expect(late).toMatchObject({ source: 'count', target: 'lateSink' });
    expect(s().problems).toEqual([]);
  });

  it('adds, connects, edits and removes nodes; undo and redo walk back and forth', () => {
    const id = s().addNode('filter', { x: 10, y: 20 });
    expect(id).toBe('filter1');
    expect(s().job.layout?.filter1).toEqual({ x: 10, y: 20 });
    expect(s().problems.some((p) => p.nodeId === 'filter1' && p.severity === 'error')).toBe(true);
    s().connect({ source: 'wm', target: 'filter1', sourceHandle: 'out', targetHandle: 'in' });
    s().connect({ source: 'filter1', target: 'out', sourceHandle: 'out', targetHandle: 'in' });
    expect(s().problems.filter((p) => p.severity === 'error')).toEqual([]);
    s().updateParams('filter1', { predicate: "key = 'a'" });
    expect(s().nodes.find((n) => n.id === 'filter1')!.data.params).toEqual({ predicate: "key = 'a'" });
    s().deleteElements(['filter1'], []);
    expect(s().job.edges).toHaveLength(5);
    s().undo();
    expect(s().job.edges).toHaveLength(7);
    s().undo();
    expect((s().job.nodes.find((n) => n.id === 'filter1')!.params as { predicate: string }).predicate).toBe('value > 0');
    s().redo();
    s().redo();
    expect(s().job.nodes.some((n) => n.id === 'filter1')).toBe(false);
  });

  it('keeps unchanged node objects when deriving (memoised nodes do not re-render)', () => {
    const before = s().nodes;
    s().updateParams('wm', { delayMs: 5000 });
    const after = s().nodes;
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  });

  it('makes one undo step of a whole drag', () => {
    const pastBefore = s().past.length;
    s().onNodesChange([{ type: 'position', id: 'wm', position: { x: 300, y: 100 }, dragging: true }]);
    s().onNodesChange([{ type: 'position', id: 'wm', position: { x: 320, y: 110 }, dragging: true }]);
    s().onNodesChange([{ type: 'position', id: 'wm', dragging: false }]);
    expect(s().job.layout?.wm).toEqual({ x: 320, y: 110 });
    expect(s().past.length).toBe(pastBefore + 1);
    s().undo();
    expect(s().job.layout?.wm).toEqual(scenario.layout?.wm);
  });

  it('copies and pastes the selection under fresh ids, with the edges between them', () => {
    s().onNodesChange([{ type: 'select', id: 'wm', selected: true }, { type: 'select', id: 'byKey', selected: true }]);
    expect(s().selection).toEqual(['wm', 'byKey']);
    expect(s().copySelection()).toBe(true);
    s().paste();
    expect(s().selection).toEqual(['wm1', 'byKey1']);
    expect(s().job.edges.some((e) => e.from === 'wm1' && e.to === 'byKey1')).toBe(true);
  });

  it('persists the job under a version, and migrates version 0', async () => {
    s().updateJobMeta({ name: 'Persisted' });
    const saved = JSON.parse(memory.get(store.EDITOR_STORAGE_KEY)!);
    expect(saved.version).toBe(1);
    expect(saved.state.job.name).toBe('Persisted');
    const { migrateEditorState } = await import('./migrate.ts');
    expect(migrateEditorState({ document: scenario }, 0)).toEqual({ job: scenario });
    // Checked after migration, by restore.ts (see restore.test.ts).
    expect(migrateEditorState({ job: 'garbage' }, 1)).toEqual({ job: 'garbage', baseline: undefined });
  });

  it('knows when there is unsaved work: edits count, dragging nodes and undoing back do not', async () => {
    const { hasUnsavedWork } = await import('./baseline.ts');
    expect(hasUnsavedWork(s())).toBe(false);
    s().onNodesChange([{ type: 'position', id: 'wm', position: { x: 5, y: 5 }, dragging: false }]);
    expect(hasUnsavedWork(s())).toBe(false);
    s().updateParams('wm', { delayMs: 5000 });
    expect(hasUnsavedWork(s())).toBe(true);
    s().undo();
    expect(hasUnsavedWork(s())).toBe(false);
    s().newJob();
    expect(hasUnsavedWork(s())).toBe(false); // nothing on it yet
    s().addNode('source');
    expect(hasUnsavedWork(s())).toBe(true);
    expect(JSON.parse(memory.get(store.EDITOR_STORAGE_KEY)!).state.baseline).toBe(s().baseline);
  });
});
