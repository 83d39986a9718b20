// The app's one run controller, over a real Web Worker and the browser's clock. It ticks on a timer,
// not on animation frames: a tick asks the worker to run on and nothing on the page changes with it
// (the clock and the telemetry follow a few times a second), so no frame needs to be drawn for it.
import { createRunController } from './controller.ts';
import { startEngineWorker } from './workerClient.ts';

/** How often playing asks the worker to catch up with the player (fast-forward asks as soon as it answers). */
export const TICK_MS = 50;

export const runController = createRunController({
  startClient: startEngineWorker,
  now: () => performance.now(),
  frame: (fn) => void setTimeout(fn, TICK_MS),
});
