// The scenario picker: a dialog listing the built-in scenarios (public/scenarios/index.json) in
// their order; choosing one opens it (asking first when that would replace unsaved work).
import { useRef, useState } from 'react';
import { useEditor } from '../editor/store.ts';
import { openScenario } from './boot.ts';
import { fetchScenarioIndex, scenarioInfo } from './scenarios.ts';
import type { ScenarioEntry } from './scenarios.ts';

type ListState = { status: 'idle' | 'loading' } | { status: 'ready'; entries: ScenarioEntry[] } | { status: 'failed'; message: string };

export function ScenarioPicker() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [list, setList] = useState<ListState>({ status: 'idle' });
  const [opening, setOpening] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const current = useEditor((s) => scenarioInfo(s.job).id);

  const show = () => {
    setProblem(null);
    dialog.current?.showModal();
    if (list.status === 'idle' || list.status === 'failed') {
      setList({ status: 'loading' });
      void fetchScenarioIndex().then((r) => setList(r.ok ? { status: 'ready', entries: r.entries } : { status: 'failed', message: r.message }));
    }
  };
  const choose = async (id: string) => {
    setOpening(id);
    const message = await openScenario(id);
    setOpening(null);
    if (message) setProblem(message);
    else dialog.current?.close();
  };

  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={show}>Scenarios</button>
      <dialog ref={dialog} className="scenario-dialog" aria-labelledby="scenario-dialog-title">
        <div className="dialog-head">
          <h2 id="scenario-dialog-title">Scenarios</h2>
          <button type="button" onClick={() => dialog.current?.close()}>Close</button>
        </div>
        <p className="muted">Each one makes one point about how Spark (micro-batch) and Flink (dataflow) run the same job.</p>
        {problem && <p className="dialog-problem" role="alert">{problem}</p>}
        {list.status === 'loading' && <p className="muted">Loading the list…</p>}
        {list.status === 'failed' && <p className="dialog-problem" role="alert">{list.message}</p>}
        {list.status === 'ready' && (
          list.entries.length === 0 ? <p className="muted">No scenarios are listed.</p> : (
            <ol className="scenario-list" aria-label="Scenarios">
              {list.entries.map((e) => (
                <li key={e.id}>
                  <button type="button" className="scenario-item" aria-current={e.id === current ? 'true' : undefined}
                    disabled={opening !== null} onClick={() => void choose(e.id)}>
                    <span className="scenario-title">{e.title}{e.id === current && <span className="scenario-current"> (open now)</span>}</span>
                    {e.description && <span className="scenario-description">{e.description}</span>}
                  </button>
                </li>
              ))}
            </ol>
          )
        )}
      </dialog>
    </>
  );
}
