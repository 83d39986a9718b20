// Compare mode's first tab: how the two engines' runs differ, in plain words, recomputed from both
// engine runs four times a second (never per fact) and re-rendered only when a sentence changed.
import { useEffect, useState } from 'react';
import { useEditor } from '../editor/store.ts';
import { engineRuns, useRun } from '../run/runStore.ts';
import { compareRuns } from './differences.ts';
import type { Difference, Topic } from './differences.ts';

const REFRESH_MS = 250;

const topicNames: Record<Topic, string> = {
  windows: 'Windows', late: 'Late data', duplicates: 'Duplicates', latency: 'Latency', output: 'Output', progress: 'Progress', backpressure: 'Backpressure', recovery: 'Recovery',
};

export function DifferencesView() {
  const [items, setItems] = useState<Difference[]>([]);
  useEffect(() => {
    let last = '';
    const update = () => {
      const done = useRun.getState().phase === 'done';
      const found = compareRuns(useEditor.getState().job, engineRuns.microbatch.getState(), engineRuns.dataflow.getState(), done);
      const key = found.map((d) => d.text).join('\n');
      if (key !== last) {
        last = key;
        setItems(found);
      }
    };
    update();
    const timer = setInterval(update, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  if (items.length === 0) return <p className="muted">Play the job: the differences between the two engines appear here as they show.</p>;
  return (
    <ul className="differences" aria-label="Differences between the engines">
      {items.map((d) => (
        <li key={d.text} className={`difference topic-${d.topic}`}>
          <span className="difference-topic">{topicNames[d.topic]}</span> {d.text}
        </li>
      ))}
    </ul>
  );
}
