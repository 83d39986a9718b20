// The tabbed panel under the run controls: the run's views (event time, sinks, batches,
// checkpoints, late records, subtasks, charts, notes). Each view shows one engine run; in compare mode every view
// is shown for both engines side by side, and a Differences tab comes first.
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ComponentType } from 'react';
import { engineTitles } from '../canvas/CanvasArea.tsx';
import { DifferencesView } from '../compare/DifferencesView.tsx';
import { useEditor } from '../editor/store.ts';
import { EngineRunContext, useEngineRun } from '../run/runStore.ts';
import { PanelBoundary } from '../shell/PanelBoundary.tsx';
import { BatchesView } from './BatchesView.tsx';
import { CheckpointsView } from './CheckpointsView.tsx';
import { EventTimeView } from './EventTimePlot.tsx';
import { LateView } from './LateView.tsx';
import { SinksView } from './SinksView.tsx';
import { SubtasksView } from './SubtasksView.tsx';

function NotesView() {
  const notes = useEngineRun((s) => s.notes);
  if (notes.length === 0) return <p className="muted">The engine has nothing to remark on.</p>;
  return <ul className="notes">{notes.map((n, i) => <li key={i}>{n.node ? <strong>{n.node}: </strong> : null}{n.message}</li>)}</ul>;
}

const ChartsView = lazy(() => import('./ChartsView.tsx'));
function LazyCharts() {
  return <Suspense fallback={<p className="muted">Loading charts…</p>}><ChartsView /></Suspense>;
}

type Tab = { name: string; View: ComponentType; perEngine: boolean };

const engineTabs: Tab[] = [
  { name: 'Event time', View: EventTimeView, perEngine: true },
  { name: 'Sinks', View: SinksView, perEngine: true },
  { name: 'Batches', View: BatchesView, perEngine: true },
  { name: 'Checkpoints', View: CheckpointsView, perEngine: true },
  { name: 'Late records', View: LateView, perEngine: true },
  { name: 'Subtasks', View: SubtasksView, perEngine: true },
  { name: 'Charts', View: LazyCharts, perEngine: true },
  { name: 'Notes', View: NotesView, perEngine: true },
];
const compareTabs: Tab[] = [{ name: 'Differences', View: DifferencesView, perEngine: false }, ...engineTabs];

export function BottomPanel() {
  const compare = useEditor((s) => s.compare);
  const mode = useEditor((s) => s.job.mode);
  const tabs = compare ? compareTabs : engineTabs;
  const [chosen, setChosen] = useState<string | null>(null);
  // Entering compare mode shows the differences first.
  useEffect(() => setChosen(compare ? 'Differences' : null), [compare]);
  const index = Math.max(0, tabs.findIndex((t) => t.name === chosen));
  const { name, View, perEngine } = tabs[index]!;
  const select = (i: number) => {
    setChosen(tabs[i]!.name);
    document.getElementById(`tab-${i}`)?.focus();
  };
  return (
    <section className="bottom-panel" aria-label="Run views">
      <div role="tablist" aria-label="Run views" className="tabs">
        {tabs.map((t, i) => (
          <button key={t.name} type="button" role="tab" id={`tab-${i}`} aria-controls="run-view" aria-selected={i === index} tabIndex={i === index ? 0 : -1}
            onClick={() => setChosen(t.name)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') select((index + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length);
            }}>
            {t.name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="run-view" aria-labelledby={`tab-${index}`} className="tab-body" tabIndex={0}>
        {!perEngine ? (
          <PanelBoundary name={name}><View /></PanelBoundary>
        ) : compare ? (
          <div className="engineRuns-split">
            {(['microbatch', 'dataflow'] as const).map((m) => (
              <section key={m} className={`lane-column lane-${m}`} aria-label={`${name}, ${engineTitles[m]}`}>
                <h3 className={`lane-heading engine-tag engine-${m}`}>{engineTitles[m]}</h3>
                <EngineRunContext.Provider value={m}>
                  <PanelBoundary name={`${name} (${engineTitles[m]})`}><View /></PanelBoundary>
                </EngineRunContext.Provider>
              </section>
            ))}
          </div>
        ) : (
          <EngineRunContext.Provider value={mode}>
            <PanelBoundary name={name}><View /></PanelBoundary>
          </EngineRunContext.Provider>
        )}
      </div>
    </section>
  );
}
