// Entry point: open the initial job, keep the engine in step with the editor, render the app.
import '../model/zodConfig.ts'; // first: before any schema is used
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App.tsx';
import { runController } from './run/runController.ts';
import { syncRunWithEditor } from './run/syncJob.ts';
import { guardUnsavedOnUnload } from './editor/safeStorage.ts';
import { openInitialJob } from './shell/boot.ts';

async function main() {
  const bootMessage = await openInitialJob(location.search, location.hash);
  syncRunWithEditor(runController);
  guardUnsavedOnUnload();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App bootMessage={bootMessage} />
    </StrictMode>,
  );
}

void main();
