// Starts the engine worker and wraps it with comlink. Telemetry comes back, as patches, through one
// long-lived proxied callback. A crash of the worker is reported once through `onCrash`.
import { proxy, releaseProxy, wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { PatchListener, WorkerApi } from '../../worker/api.ts';

export type EngineClient = {
  api: Remote<WorkerApi>;
  terminate(): void;
};

export async function startEngineWorker(onPatches: PatchListener, onCrash: (message: string) => void): Promise<EngineClient> {
  const worker = new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module', name: 'streamlab-engine' });
  let alive = true;
  const crash = (message: string) => {
    if (!alive) return;
    alive = false;
    worker.terminate();
    onCrash(message);
  };
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    crash(e.message || 'the engine worker stopped with an error');
  });
  worker.addEventListener('messageerror', () => crash('a message from the engine worker could not be read'));
  const api = wrap<WorkerApi>(worker);
  await api.setListener(proxy(onPatches));
  return {
    api,
    terminate() {
      if (!alive) return;
      alive = false;
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
