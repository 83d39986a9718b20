// The document slice: the job (the one source of truth), what is derived from it (React Flow nodes
// and edges, problems), and the domain actions. Every change goes through `commit`.
import type { Fault, Job, JobNode, Mode, NodeKind, Settings } from '../../model/index.ts';
import { fingerprintOf } from './baseline.ts';
import { emptyJob } from './emptyJob.ts';
import { toFlowEdges, toFlowNodes, fromConnection } from './flow.ts';
import type { OpEdge, OpNode } from './flow.ts';
import * as ops from './jobOps.ts';
import { validateJob } from './validation.ts';
import type { Problem } from './validation.ts';
import type { EditorState } from './store.ts';

export type DocumentSlice = {
  job: Job;
  problems: Problem[];
  nodes: OpNode[];
  edges: OpEdge[];
  /** Fingerprint of the document as last opened (see baseline.ts); null when none was. */
  baseline: string | null;
  /** Replaces the whole document (a scenario, an import, a restore); starts a new history. */
  loadJob(job: Job): void;
  /** Replaces the whole document as one undoable edit (an import). */
  replaceJob(job: Job): void;
  /** An empty job, keeping the settings (undoable). */
  newJob(): void;
  addNode(kind: NodeKind, at?: ops.XY): string;
  deleteElements(nodeIds: string[], edgeIds: string[]): void;
  connect(c: { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }): void;
  updateParams(id: string, params: Record<string, unknown>): void;
  updateNodeMeta(id: string, patch: Partial<Pick<JobNode, 'label' | 'parallelism' | 'costMs'>>): void;
  updateSettings(update: (s: Settings) => Settings): void;
  updateJobMeta(patch: Partial<Pick<Job, 'name' | 'description'>>): void;
  setMode(mode: Mode): void;
  setPositions(positions: Record<string, ops.XY>): void;
  addFault(fault: Fault): void;
  removeFault(index: number): void;
};

type Set = (partial: Partial<EditorState>) => void;
type Get = () => EditorState;

/** Derived state for a job, reusing what did not change. */
export function derive(job: Job, prev: Pick<EditorState, 'nodes' | 'edges' | 'job' | 'problems'>) {
  const structural = prev.job.nodes !== job.nodes || prev.job.edges !== job.edges || prev.job.mode !== job.mode || prev.job.faults !== job.faults;
  return {
    job,
    nodes: toFlowNodes(job, prev.nodes),
    edges: prev.job.edges === job.edges ? prev.edges : toFlowEdges(job, prev.edges),
    problems: structural || prev.job.settings !== job.settings ? validateJob(job, job.mode) : prev.problems,
  };
}

/** Applies a new job snapshot, recording the old one for undo unless `history` is false. */
export function commit(set: Set, get: Get, job: Job, history = true): void {
  const s = get();
  if (job === s.job) return;
  const past = history ? [...s.past.slice(-(HISTORY_LIMIT - 1)), s.job] : s.past;
  set({ ...derive(job, s), past, future: history ? [] : s.future });
}

export const HISTORY_LIMIT = 100;

export const createDocumentSlice = (set: Set, get: Get): DocumentSlice => {
  const initial = emptyJob();
  const edit = (f: (job: Job) => Job) => commit(set, get, f(get().job));
  return {
    job: initial,
    problems: validateJob(initial, initial.mode),
    nodes: [],
    edges: [],
    baseline: null,
    loadJob: (job) => {
      set({ ...derive(job, { job: emptyJob(), nodes: [], edges: [], problems: [] }), past: [], future: [], baseline: fingerprintOf(job) });
    },
    replaceJob: (job) => {
      commit(set, get, job);
      set({ baseline: fingerprintOf(job) });
    },
    newJob: () => edit((job) => ({ ...emptyJob(), settings: job.settings, mode: job.mode })),
    addNode: (kind, at) => {
      const position = at ?? nextFreePosition(get().job);
      const { job, id } = ops.addNode(get().job, kind, position);
      commit(set, get, job);
      return id;
    },
    deleteElements: (nodeIds, edgeIds) =>
      edit((job) => ops.removeEdges(ops.removeNodes(job, new Set(nodeIds)), new Set(edgeIds))),
    connect: (c) => edit((job) => ops.connect(job, fromConnection(c))),
    updateParams: (id, params) => edit((job) => ops.updateParams(job, id, params)),
    updateNodeMeta: (id, patch) => edit((job) => ops.updateNode(job, id, patch)),
    updateSettings: (update) => edit((job) => ({ ...job, settings: update(job.settings) })),
    updateJobMeta: (patch) => edit((job) => ({ ...job, ...patch })),
    setMode: (mode) => edit((job) => (job.mode === mode ? job : { ...job, mode })),
    setPositions: (positions) => edit((job) => ops.setPositions(job, positions)),
    addFault: (fault) => edit((job) => ({ ...job, faults: [...job.faults, fault].sort((a, b) => a.atMs - b.atMs) })),
    removeFault: (index) => edit((job) => ({ ...job, faults: job.faults.filter((_, i) => i !== index) })),
  };
};

function nextFreePosition(job: Job): ops.XY {
  const points = Object.values(job.layout ?? {});
  if (points.length === 0) return { x: 0, y: 0 };
  const maxX = Math.max(...points.map((p) => p.x));
  const atMax = points.filter((p) => p.x === maxX);
  return { x: maxX + 220, y: Math.min(...atMax.map((p) => p.y)) };
}
