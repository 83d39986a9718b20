// The canvas area: one canvas showing the job's own engine, or in compare mode two, one above the
// other (graphs run left to right, so they keep their width): micro-batch (Spark) above and
// dataflow (Flink) below, over the same graph. Each
// canvas sits in its engine run, so its nodes and edges show that engine's telemetry.
import { ReactFlowProvider } from '@xyflow/react';
import type { Mode } from '../../model/index.ts';
import { Canvas, CanvasTools } from './Canvas.tsx';
import { useEditor } from '../editor/store.ts';
import { EngineRunContext, useEngineRun } from '../run/runStore.ts';
import { PanelBoundary } from '../shell/PanelBoundary.tsx';

export const engineTitles: Record<Mode, string> = { microbatch: 'Micro-batch (Spark)', dataflow: 'Dataflow (Flink)' };

export function CanvasArea() {
  const compare = useEditor((s) => s.compare);
  const mode = useEditor((s) => s.job.mode);
  if (!compare) {
    return (
      <EngineRunContext.Provider value={mode}>
        <PanelBoundary name="canvas"><Canvas /></PanelBoundary>
      </EngineRunContext.Provider>
    );
  }
  return (
    <div className="canvas-split">
      <EnginePane mode="microbatch" primary />
      <EnginePane mode="dataflow" primary={false} />
    </div>
  );
}

function EnginePane({ mode, primary }: { mode: Mode; primary: boolean }) {
  // The first canvas uses the app's React Flow provider (the problems list focuses nodes there,
  // the tools lay it out); the second has its own. Their viewports move together (viewportSync.ts).
  const canvas = <Canvas variant={primary ? 'primary' : 'secondary'} label={`Job graph, ${engineTitles[mode]}`} />;
  return (
    <section className={`lane-pane lane-${mode}`} aria-label={engineTitles[mode]}>
      <EngineRunContext.Provider value={mode}>
        <div className="lane-title">
          <strong className={`engine-tag engine-${mode}`}>{engineTitles[mode]}</strong>
          <EngineSummary mode={mode} />
          {primary && <span className="canvas-tools lane-tools"><CanvasTools /></span>}
        </div>
        <PanelBoundary name={`${engineTitles[mode]} canvas`}>
          {primary ? canvas : <ReactFlowProvider>{canvas}</ReactFlowProvider>}
        </PanelBoundary>
      </EngineRunContext.Provider>
    </section>
  );
}

/** A few numbers that tell the two engines apart at a glance. */
function EngineSummary({ mode }: { mode: Mode }) {
  const batches = useEngineRun((s) => s.batches.length);
  const checkpoints = useEngineRun((s) => s.checkpoints.filter((c) => c.status === 'completed').length);
  const dropped = useEngineRun((s) => s.lateTotals.dropped ?? 0);
  const sideOutput = useEngineRun((s) => Object.entries(s.lateTotals).reduce((t, [to, n]) => (to === 'dropped' ? t : t + n), 0));
  const parts = [mode === 'microbatch' ? `${batches} batches` : `${checkpoints} checkpoints`];
  if (dropped > 0) parts.push(`${dropped} late dropped`);
  if (sideOutput > 0) parts.push(`${sideOutput} late to side output`);
  return <span className="lane-summary">{parts.join(' · ')}</span>;
}
