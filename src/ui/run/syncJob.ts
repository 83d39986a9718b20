// Keeps the engine's job in step with the editor's: every change that matters to a run (not a node
// being dragged) reloads it, a moment after typing stops. A job with problems is not run.
import type { Job } from '../../engine/index.ts';
import { useEditor } from '../editor/store.ts';
import type { RunController } from './controller.ts';

export const RELOAD_DELAY_MS = 250;

const runnablePart = (j: Job) => [j.nodes, j.edges, j.settings, j.mode, j.faults] as const;

export function syncRunWithEditor(controller: RunController): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: readonly unknown[] | null = null;
  const push = () => {
    const { job, problems } = useEditor.getState();
    const errors = problems.filter((p) => p.severity === 'error');
    if (job.nodes.length === 0) controller.hold('Add a source from the palette to start.');
    else if (errors.length > 0) controller.hold(`Fix ${errors.length} problem${errors.length === 1 ? '' : 's'} to run the job.`);
    else void controller.load(job, job.mode);
  };
  const check = () => {
    const part = runnablePart(useEditor.getState().job);
    if (last && part.every((x, i) => x === last![i])) return;
    if (last) controller.pending();
    last = part;
    clearTimeout(timer);
    timer = setTimeout(push, RELOAD_DELAY_MS);
  };
  check();
  const unsubscribe = useEditor.subscribe(check);
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
