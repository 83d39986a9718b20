// A scenario's narrative (what to watch, what to try), above the inspector; folds away.
import { useEffect, useRef } from 'react';
import { useEditor } from '../editor/store.ts';
import { scenarioInfo } from './scenarios.ts';

export function NarrativePanel() {
  const narrative = useEditor((s) => scenarioInfo(s.job).narrative);
  const suggestsCompare = useEditor((s) => scenarioInfo(s.job).compare && !s.compare);
  const ref = useRef<HTMLDetailsElement>(null);
  // A newly opened scenario shows its narrative from the top.
  useEffect(() => {
    const side = ref.current?.closest('.side');
    if (side) side.scrollTop = 0;
  }, [narrative]);
  if (!narrative) return null;
  return (
    <details className="narrative" open key={narrative} ref={ref}>
      <summary>About this scenario</summary>
      <p>{narrative}</p>
      {suggestsCompare && (
        <button type="button" onClick={() => useEditor.getState().setView('compare')}>Compare both engines</button>
      )}
    </details>
  );
}
