// zod compiles object parsers with `new Function` unless told not to, and probes for that ability
// with `Function('')` on first use: under the app's Content-Security-Policy (no 'unsafe-eval') the
// probe is a CSP violation on every load. Imported first by each entry (page and workers), before
// any schema is used. Hosts that allow eval (the command line) do not import it: zod's compiled
// parsers are faster on large jobs.
import { z } from 'zod';

z.config({ jitless: true });
