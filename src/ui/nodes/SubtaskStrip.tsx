// A node's subtasks on the canvas (dataflow, more than one subtask): one small bar per subtask,
// split by its share of time busy (red), back-pressured (black) and idle (blue), Flink's colours.
// It subscribes to one string built from the node's latest subtask sample, so the node re-renders
// only when a rounded share changes, not on every fact.
import { useEngineRun } from '../run/runStore.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';
import './subtasks.css';

/** "busy,backpressured;busy,backpressured;…" in whole percent, or '' with at most one subtask. */
export function sharesKey(s: RunData, id: string): string {
  const list = s.subtasks[id];
  if (!list || list.length < 2) return '';
  return list.map((t) => {
    const total = t.busyMs + t.backpressuredMs + t.idleMs;
    if (total <= 0) return '0,0';
    return `${Math.round((100 * t.busyMs) / total)},${Math.round((100 * t.backpressuredMs) / total)}`;
  }).join(';');
}

export function SubtaskStrip({ id }: { id: string }) {
  const key = useEngineRun((s) => sharesKey(s, id));
  if (key === '') return null;
  const shares = key.split(';').map((p) => p.split(',').map(Number) as [number, number]);
  const busiest = shares.reduce((best, [b], i) => (b > shares[best]![0] ? i : best), 0);
  const text = `${shares.length} subtasks, share of time busy / back-pressured: ${shares.map(([b, bp], i) => `#${i} ${b} % / ${bp} %`).join(', ')}`;
  return (
    <div className="op-subtasks" role="img" aria-label={text} title={`${text}. Select the node and open the Subtasks tab for details.`}>
      {shares.map(([b, bp], i) => (
        <span key={i} className={`op-subtask${i === busiest && b >= 50 ? ' is-hot' : ''}`}>
          <span className="st-idle" style={{ height: `${Math.max(0, 100 - b - bp)}%` }} />
          <span className="st-bp" style={{ height: `${bp}%` }} />
          <span className="st-busy" style={{ height: `${b}%` }} />
        </span>
      ))}
    </div>
  );
}
