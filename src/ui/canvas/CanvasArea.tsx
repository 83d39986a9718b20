// The canvas area: one canvas showing the job's own engine, or in compare mode two, one above the
// other (graphs run left to right, so they keep their width): micro-batch (Spark) above and
// dataflow (Flink) below, over the same graph. Each
// canvas sits in its lane, so its nodes and edges show that engine's telemetry.
import { ReactFlowProvider } from '@xyflow/react';
import type { Mode } from '../../model/index.ts';
import { Canvas, CanvasTools } from './Canvas.tsx';
import { useEditor } from '../editor/store.ts';
import { LaneContext, useLane } from '../run/runStore.ts';
import { PanelBoundary } from '../shell/PanelBoundary.tsx';

export const laneTitles: Record<Mode, string> = { microbatch: 'Micro-batch (Spark)', dataflow: 'Dataflow (Flink)' };

export function CanvasArea() {
  const compare = useEditor((s) => s.compare);
  const mode = useEditor((s) => s.job.mode);
  if (!compare) {
    return (
      <LaneContext.Provider value={mode}>
        <PanelBoundary name="canvas"><Canvas /></PanelBoundary>
      </LaneContext.Provider>
    );
  }
  return (
    <div className="canvas-split">
      <LanePane mode="microbatch" primary />
      <LanePane mode="dataflow" primary={false} />
    </div>
  );
}

function LanePane({ mode, primary }: { mode: Mode; primary: boolean }) {
  // The first canvas uses the app's React Flow provider (the problems list focuses nodes there,
  // the tools lay it out); the second has its own. Their viewports move together (viewportSync.ts).
  const canvas = <Canvas variant={primary ? 'primary' : 'secondary'} label={`Job graph, ${laneTitles[mode]}`} />;
  return (
    <section className={`lane-pane lane-${mode}`} aria-label={laneTitles[mode]}>
      <LaneContext.Provider value={mode}>
        <div className="lane-title">
          <strong className={`engine-tag engine-${mode}`}>{laneTitles[mode]}</strong>
          <LaneSummary mode={mode} />
          {primary && <span className="canvas-tools lane-tools"><CanvasTools /></span>}
        </div>
        <PanelBoundary name={`${laneTitles[mode]} canvas`}>
          {primary ? canvas : <ReactFlowProvider>{canvas}</ReactFlowProvider>}
        </PanelBoundary>
      </LaneContext.Provider>
    </section>
  );
}

/** A few numbers that tell the two engines apart at a glance. */
function LaneSummary({ mode }: { mode: Mode }) {
  const batches = useLane((s) => s.batches.length);
  const checkpoints = useLane((s) => s.checkpoints.filter((c) => c.status === 'completed').length);
  const dropped = useLane((s) => s.lateTotals.dropped ?? 0);
  const sideOutput = useLane((s) => Object.entries(s.lateTotals).reduce((t, [to, n]) => (to === 'dropped' ? t : t + n), 0));
  const parts = [mode === 'microbatch' ? `${batches} batches` : `${checkpoints} checkpoints`];
  if (dropped > 0) parts.push(`${dropped} late dropped`);
  if (sideOutput > 0) parts.push(`${sideOutput} late to side output`);
  return <span className="lane-summary">{parts.join(' · ')}</span>;
}
