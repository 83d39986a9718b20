// The job's injected faults, each removable.
import { useEditor } from '../editor/store.ts';
import { formatMs } from '../lib/format.ts';

export function FaultList() {
  const faults = useEditor((s) => s.job.faults);
  const removeFault = useEditor((s) => s.removeFault);
  return (
    <fieldset>
      <legend>Injected faults</legend>
      {faults.length === 0 ? (
        <p className="muted">None. Use Inject failure or Savepoint while running.</p>
      ) : (
        <ul className="fault-list">
          {faults.map((f, i) => (
            <li key={i}>
              <span>{f.kind === 'crash' ? `crash ${typeof f.node === 'string' ? f.node : 'job'}` : 'savepoint'} at {formatMs(f.atMs)}</span>
              <button type="button" className="link" onClick={() => removeFault(i)} aria-label={`Remove ${f.kind} at ${formatMs(f.atMs)}`}>Remove</button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
