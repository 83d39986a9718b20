// The header's `Sweep` button, and the host that loads the sweep panel (with recharts) only once
// it is first opened.
import { lazy, Suspense } from 'react';
import { PanelBoundary } from '../shell/PanelBoundary.tsx';
import './sweep.css';
import { openSweep, useSweep } from './sweepStore.ts';

const SweepPanel = lazy(() => import('./SweepPanel.tsx'));

export function SweepButton() {
  const open = useSweep((s) => s.open);
  return (
    <button type="button" className="sweep-button" aria-expanded={open} onClick={openSweep}>
      Sweep
    </button>
  );
}

export function SweepHost() {
  const open = useSweep((s) => s.open);
  if (!open) return null;
  return (
    <PanelBoundary name="sweep">
      <Suspense fallback={<section className="sweep-panel" aria-busy="true"><p className="muted">Loading the sweep panel…</p></section>}>
        <SweepPanel />
      </Suspense>
    </PanelBoundary>
  );
}
