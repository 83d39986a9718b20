import { settingsSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';

/** A job with no nodes yet: what the editor holds before a scenario or saved graph is loaded. */
export function emptyJob(): Job {
  return {
    format: 'streamlab.job/v1',
    name: 'Untitled',
    mode: 'dataflow',
    settings: settingsSchema.parse({}),
    nodes: [],
    edges: [],
    faults: [],
    layout: {},
  };
}
