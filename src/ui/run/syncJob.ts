// Keeps the engine's job in step with the editor's: every change that matters to a run (not a node
// being dragged) reloads it, a moment after typing stops. A job with problems is not run.
import type { Job } from '../../model/index.ts';
import { useEditor } from '../editor/store.ts';
import { validateJob } from '../editor/validation.ts';
import { runModeOf } from '../editor/viewSlice.ts';
import type { RunController } from './controller.ts';

export const RELOAD_DELAY_MS = 250;

const runnablePart = (j: Job, compare: boolean) => [j.nodes, j.edges, j.settings, j.mode, j.faults, compare] as const;

export function syncRunWithEditor(controller: RunController): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: readonly unknown[] | null = null;
  const push = () => {
    const state = useEditor.getState();
    const { job, problems, compare } = state;
    const errors = problems.filter((p) => p.severity === 'error');
    // Compare mode runs the other engine too: its own rules apply (Spark's append mode, say).
    const other = compare && errors.length === 0 ? validateJob(job, job.mode === 'dataflow' ? 'microbatch' : 'dataflow').filter((p) => p.severity === 'error') : [];
    if (job.nodes.length === 0) controller.hold('Add a source from the palette to start.');
    else if (errors.length > 0) controller.hold(`Fix ${errors.length} problem${errors.length === 1 ? '' : 's'} to run the job.`);
    else if (other.length > 0) controller.hold(`To compare, fix what the other engine refuses: ${other.map((p) => p.message).join('; ')}.`);
    else void controller.load(job, runModeOf(state));
  };
  const check = () => {
    const part = runnablePart(useEditor.getState().job, useEditor.getState().compare);
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
