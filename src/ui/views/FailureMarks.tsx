// Failures on the event-time figure (issue 13): a red line across the figure at the processing time
// a task failed, and a green one where the job resumed, saying what it restored from (Flink: a
// completed checkpoint, or nothing; Spark: the last committed batch, re-running the next one with
// the same offsets and watermark). Processing time runs up the figure, so each mark is a horizontal
// line at its time; the records read again after it are the dots above it. The crash is labelled
// below its line at the left, the restore above its line at the right, so close ones do not collide.
import type { Mode } from '../../model/index.ts';
import { formatMs } from '../lib/format.ts';
import { useEngineRun } from '../run/runStore.ts';
import type { Scale } from './EventTimePlot.tsx';

export function FailureMarks({ sc, W, mode, fontPx }: { sc: Scale; W: number; mode: Mode; fontPx: number }) {
  const crashes = useEngineRun((s) => s.crashes);
  const failures = useEngineRun((s) => s.failures);
  if (crashes.length === 0) return null;
  const { x, y } = sc;
  const x0 = x(0);
  const x1 = W - 8;
  const restoredText = (from: number | null) =>
    mode === 'dataflow' ? (from === null ? 'restarted from scratch (no checkpoint)' : `restored from checkpoint ${from}`) : 'resumed: re-runs the uncommitted batch';
  return (
    <g className="plot-failures">
      {crashes.map((c, i) => (
        <g key={`c${i}`} role="img" aria-label={`Failure at ${formatMs(c.atMs)}${c.node ? ` in ${c.node}` : ''}`}>
          <line className="plot-crash" x1={x0} x2={x1} y1={y(c.atMs)} y2={y(c.atMs)} />
          <text className="plot-failure-label" x={x0 + 6} y={y(c.atMs) + fontPx + 2} textAnchor="start" fontSize={fontPx}>✕ crash{c.node ? ` (${c.node})` : ''}</text>
        </g>
      ))}
      {failures.filter((f) => f.resumedAtMs !== null).map((f, i) => (
        <g key={`r${i}`} role="img" aria-label={`Restore at ${formatMs(f.resumedAtMs!)}: ${restoredText(f.restoredFrom)}`}>
          <line className="plot-restore" x1={x0} x2={x1} y1={y(f.resumedAtMs!)} y2={y(f.resumedAtMs!)} />
          <text className="plot-failure-label is-restore" x={x1 - 4} y={y(f.resumedAtMs!) - 4} textAnchor="end" fontSize={fontPx}>↺ {restoredText(f.restoredFrom)}</text>
        </g>
      ))}
    </g>
  );
}
