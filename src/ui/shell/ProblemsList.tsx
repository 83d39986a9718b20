// Every problem of the job, with where it is. Clicking one selects and centres its node.
import { useReactFlow } from '@xyflow/react';
import { useEditor } from '../editor/store.ts';
import { messageOf, whereOf } from './problemWords.ts';

export function ProblemsList() {
  const problems = useEditor((s) => s.problems);
  const nodes = useEditor((s) => s.job.nodes);
  const flow = useReactFlow();
  const focus = (nodeId: string | null) => {
    if (!nodeId) return;
    useEditor.getState().selectOnly(nodeId);
    void flow.fitView({ nodes: [{ id: nodeId }], maxZoom: 1.2, duration: 300 });
  };
  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 className="panel-title" id="problems-title">
        Problems <span className="count">{problems.length}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="muted">None: the job is valid.</p>
      ) : (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" className={`problem ${p.severity}`} onClick={() => focus(p.nodeId)} disabled={!p.nodeId}>
                <span className="problem-where">{whereOf({ nodes }, p)}</span> {messageOf({ nodes }, p)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
