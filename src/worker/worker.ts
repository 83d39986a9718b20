// The Web Worker entry: exposes the API object over comlink. Everything else lives in api.ts.
import { expose } from 'comlink';
import { createWorkerApi } from './api.ts';

expose(createWorkerApi());
