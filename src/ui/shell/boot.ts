// What the editor opens with: a shared `#job=…` link; else `?scenario=<id>` (/scenarios/<id>.json);
// else the graph saved in this browser; else the default scenario.
import { jobSchema } from '../../engine/index.ts';
import type { Job } from '../../engine/index.ts';
import { hasSavedJob, useEditor } from '../editor/store.ts';
import { fromShareHash } from './share.ts';

export const DEFAULT_SCENARIO = 'late-data';

export async function openInitialJob(search: string, hash = ''): Promise<string | null> {
  const shared = fromShareHash(hash);
  if (shared) {
    history.replaceState(null, '', location.pathname + location.search);
    if (!shared.ok) return shared.message;
    useEditor.getState().loadJob(shared.job);
    return null;
  }
  const requested = new URLSearchParams(search).get('scenario');
  if (!requested && hasSavedJob() && useEditor.getState().job.nodes.length > 0) return null;
  return loadScenario(requested ?? DEFAULT_SCENARIO);
}

/** Loads a built-in scenario into the editor; returns an error message, or null. */
export async function loadScenario(id: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) return `There is no scenario named "${id}".`;
  let json: unknown;
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}scenarios/${id}.json`);
    if (!res.ok) return `Scenario "${id}" could not be loaded (${res.status}).`;
    json = await res.json();
  } catch (e) {
    return `Scenario "${id}" could not be loaded: ${(e as Error).message}`;
  }
  const parsed = jobSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return `Scenario "${id}" is not a valid job (${first?.path.join('.')}: ${first?.message}).`;
  }
  useEditor.getState().loadJob(parsed.data as Job);
  return null;
}
