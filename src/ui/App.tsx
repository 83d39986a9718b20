// The layout: palette and problems on the left, the canvas in the middle, the inspector on the
// right, run controls and views along the bottom. Each panel has its own error boundary.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { CanvasArea } from './canvas/CanvasArea.tsx';
import { useEditor } from './editor/store.ts';
import { Inspector } from './inspector/Inspector.tsx';
import { Palette } from './palette/Palette.tsx';
import { ExplanationLine, RunBar } from './run/RunBar.tsx';
import { PanelBoundary } from './shell/PanelBoundary.tsx';
import { usePresent } from './shell/present.ts';
import { PresentButton, PresentViewport, usePresentKeys } from './shell/Present.tsx';
import { JobMenu } from './shell/JobMenu.tsx';
import { NarrativePanel } from './shell/NarrativePanel.tsx';
import { ReplaceConfirm } from './shell/ReplaceConfirm.tsx';
import { ProblemsList } from './shell/ProblemsList.tsx';
import { Splitter } from './shell/Splitter.tsx';
import { BottomPanel } from './views/BottomPanel.tsx';
import { SweepButton, SweepHost } from './sweep/SweepButton.tsx';

export function App({ bootMessage }: { bootMessage: string | null }) {
  const presenting = usePresent((s) => s.presenting);
  const selection = useEditor((s) => s.selection.join('\n'));
  const nodeSelected = selection !== '';
  usePresentKeys();
  // A newly clicked node's inspector is shown from its top (it comes first in the side panel).
  useEffect(() => {
    if (selection) document.querySelector('.side-right')?.scrollTo({ top: 0 });
  }, [selection]);
  return (
    <ReactFlowProvider>
      <PresentViewport />
      <div className={presenting ? 'app is-presenting' : 'app'}>
        <Header />
        {bootMessage && <p className="boot-message" role="alert">{bootMessage}</p>}
        <div className="side side-left" hidden={presenting}>
          <PanelBoundary name="palette"><Palette /></PanelBoundary>
          <PanelBoundary name="problems"><ProblemsList /></PanelBoundary>
        </div>
        <main className="canvas" aria-label="Canvas">
          <CanvasArea />
        </main>
        {/* A clicked node's inspector comes first, in view; the scenario's narrative follows it. */}
        <div className={nodeSelected ? 'side side-right is-inspecting' : 'side side-right'} hidden={presenting}>
          <PanelBoundary name="scenario"><NarrativePanel /></PanelBoundary>
          <PanelBoundary name="inspector"><Inspector /></PanelBoundary>
        </div>
        <div className="bottom">
          {!presenting && <Splitter />}
          <PanelBoundary name="run controls">
            <RunBar />
            <ExplanationLine />
          </PanelBoundary>
          <BottomPanel />
        </div>
      </div>
      <ReplaceConfirm />
      <SweepHost />
    </ReactFlowProvider>
  );
}

function Header() {
  const name = useEditor((s) => s.job.name);
  const description = useEditor((s) => s.job.description);
  return (
    <header className="header">
      <h1>Streamlab</h1>
      <span className="job-name">{name || 'Untitled job'}</span>
      {description && <span className="job-description" title={description}>{description}</span>}
      <PresentButton />
      <SweepButton />
      <JobMenu />
    </header>
  );
}
