// The Web Worker entry: exposes the API object over comlink. Everything else lives in api.ts.
import '../model/zodConfig.ts'; // first: before any schema is used (no CSP eval probe)
import { expose } from 'comlink';
import { createWorkerApi } from './api.ts';

expose(createWorkerApi());
