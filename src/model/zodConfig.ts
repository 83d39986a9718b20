// zod compiles object parsers with `new Function` unless told not to, and probes for that ability
// with `Function('')` when a schema is created: under the app's Content-Security-Policy (no
// 'unsafe-eval') the probe is a CSP violation on every load. So in a browser (a page or a worker:
// where a CSP applies) zod runs jitless. schema.ts imports this first, so the setting precedes every
// schema in whatever order a bundler's chunks run; the command line (Node) keeps zod's compiled
// parsers, which are faster on large jobs.
import { z } from 'zod';

const inBrowser = 'document' in globalThis || 'importScripts' in globalThis;
if (inBrowser) z.config({ jitless: true });
