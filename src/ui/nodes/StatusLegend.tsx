// The legend of Flink's operator colours (its Web UI's job graph): busy red (deeper the busier),
// back-pressured black, idle blue; and the back pressure levels. Shown on the dataflow canvas.
import { Panel } from '@xyflow/react';
import { useEngineMode } from '../run/runStore.ts';
import './machinery.css';

export function StatusLegend() {
  return (
    <section className="status-legend" aria-label="Operator status legend">
      <span className="legend-title">Flink status</span>
      <span className="legend-item"><span className="legend-swatch is-busy" aria-hidden="true" />busy</span>
      <span className="legend-item"><span className="legend-swatch is-backpressured" aria-hidden="true" />back-pressured</span>
      <span className="legend-item"><span className="legend-swatch is-idle" aria-hidden="true" />idle</span>
      <span className="legend-item">back pressure OK ≤ 10 % · LOW ≤ 50 % · HIGH</span>
      <span className="legend-item"><span className="legend-barrier" aria-hidden="true" />barrier</span>
    </section>
  );
}

/** The legend on a dataflow canvas (micro-batch has no such status). */
export function CanvasStatusLegend() {
  const mode = useEngineMode();
  if (mode !== 'dataflow') return null;
  return (
    <Panel position="top-left">
      <StatusLegend />
    </Panel>
  );
}
