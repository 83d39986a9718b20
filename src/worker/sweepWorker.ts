// The sweep Web Worker entry: exposes the sweep API over comlink (see sweepApi.ts). The app starts
// a small pool of these (src/ui/sweep/pool.ts), one run at a time each.
import '../model/zodConfig.ts'; // first: before any schema is used (no CSP eval probe)
import { expose } from 'comlink';
import { createSweepWorkerApi } from './sweepApi.ts';

expose(createSweepWorkerApi());
