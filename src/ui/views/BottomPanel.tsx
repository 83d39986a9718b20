// The tabbed panel under the run controls: sinks, batches, late records, engine notes.
import { lazy, Suspense, useState } from 'react';
import type { ComponentType } from 'react';
import { PanelBoundary } from '../shell/PanelBoundary.tsx';
import { useRun } from '../run/runStore.ts';
import { BatchesView } from './BatchesView.tsx';
import { CheckpointsView } from './CheckpointsView.tsx';
import { EventTimeView } from './EventTimePlot.tsx';
import { LateView } from './LateView.tsx';
import { SinksView } from './SinksView.tsx';

function NotesView() {
  const notes = useRun((s) => s.notes);
  if (notes.length === 0) return <p className="muted">The engine has nothing to remark on.</p>;
  return <ul className="notes">{notes.map((n, i) => <li key={i}>{n.node ? <strong>{n.node}: </strong> : null}{n.message}</li>)}</ul>;
}

const ChartsView = lazy(() => import('./ChartsView.tsx'));
function LazyCharts() {
  return <Suspense fallback={<p className="muted">Loading charts…</p>}><ChartsView /></Suspense>;
}

const tabs: [string, ComponentType][] = [
  ['Event time', EventTimeView],
  ['Sinks', SinksView],
  ['Batches', BatchesView],
  ['Checkpoints', CheckpointsView],
  ['Late records', LateView],
  ['Charts', LazyCharts],
  ['Notes', NotesView],
];

export function BottomPanel() {
  const [tab, setTab] = useState(0);
  const View = tabs[tab]![1];
  return (
    <section className="bottom-panel" aria-label="Run views">
      <div role="tablist" aria-label="Run views" className="tabs">
        {tabs.map(([name], i) => (
          <button key={name} type="button" role="tab" id={`tab-${i}`} aria-controls="run-view" aria-selected={i === tab} tabIndex={i === tab ? 0 : -1}
            onClick={() => setTab(i)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = (tab + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }
            }}>
            {name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="run-view" aria-labelledby={`tab-${tab}`} className="tab-body" tabIndex={0}>
        <PanelBoundary name={tabs[tab]![0]}>
          <View />
        </PanelBoundary>
      </div>
    </section>
  );
}
