// The app's one run controller, over a real Web Worker and the browser's clock and frames.
import { createRunController } from './controller.ts';
import { startEngineWorker } from './workerClient.ts';

export const runController = createRunController({
  startClient: startEngineWorker,
  now: () => performance.now(),
  frame: (fn) => void requestAnimationFrame(fn),
});
