// The scrubber: processing time from 0 to the end of the run; drag back and forth to recompute
// the run at any point (the engine is deterministic).
import { useEditor } from '../editor/store.ts';
import { formatMs } from '../lib/format.ts';
import { runController } from './runController.ts';
import { useRun } from './runStore.ts';

export function Timeline() {
  const clockMs = useRun((s) => s.clockMs);
  const phase = useRun((s) => s.phase);
  const untilMs = useEditor((s) => s.job.settings.untilMs);
  const maxMs = Math.max(untilMs ?? 0, clockMs, 1000);
  const disabled = !['ready', 'paused', 'playing', 'done'].includes(phase);
  return (
    <input className="timeline" type="range" aria-label="Timeline" min={0} max={maxMs} step={100} value={Math.min(clockMs, maxMs)}
      aria-valuetext={`processing time ${formatMs(clockMs)} of ${formatMs(maxMs)}`} disabled={disabled}
      onChange={(e) => void runController.seek(Number(e.target.value))} />
  );
}
