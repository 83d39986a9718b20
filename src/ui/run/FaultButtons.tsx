// Inject a failure (the selected node's task, or the whole job) or take a savepoint, just after the
// current processing time. The fault is written into the job's `faults`, so it is part of the
// document, replayable and shareable; the run is recomputed to where it was and goes on from there.
import type { Fault } from '../../model/index.ts';
import { useEditor } from '../editor/store.ts';
import { runController } from './runController.ts';
import { useRun } from './runStore.ts';

export function FaultButtons() {
  const phase = useRun((s) => s.phase);
  const mode = useEditor((s) => (s.compare ? 'compare' : s.job.mode));
  const target = useEditor((s) => (s.selection.length === 1 ? s.selection[0]! : null));
  const live = ['ready', 'playing', 'paused'].includes(phase);
  const inject = (fault: Fault) => {
    runController.resumeAfterReload();
    useEditor.getState().addFault(fault);
  };
  const atMs = () => useRun.getState().clockMs + 1;
  return (
    <>
      <button type="button" disabled={!live} title={target ? `Crash the task running ${target}` : 'Crash the whole job (select a node to crash only its task)'}
        onClick={() => inject(target ? { kind: 'crash', atMs: atMs(), node: target } : { kind: 'crash', atMs: atMs() })}>
        Inject failure
      </button>
      <button type="button" disabled={!live || mode === 'microbatch'} title={mode === 'microbatch' ? 'Savepoints are a dataflow (Flink) feature' : 'Take a savepoint now'}
        onClick={() => inject({ kind: 'savepoint', atMs: atMs() })}>
        Savepoint
      </button>
    </>
  );
}
