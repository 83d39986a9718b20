// What the editor opens with: a shared `#job=…` link; else `?scenario=<id>` (/scenarios/<id>.json);
// else the graph saved in this browser; else the default scenario. A link or scenario that would
// replace unsaved work is opened only once the person confirms (see openJob.ts).
import { hasUnsavedWork } from '../editor/baseline.ts';
import { takeRestoreNotice } from '../editor/restore.ts';
import { hasSavedJob, useEditor } from '../editor/store.ts';
import { jobErrors, withProblems } from './jobProblems.ts';
import { requestOpen } from './openJob.ts';
import { fetchScenario, scenarioInfo } from './scenarios.ts';
import { fromShareHash } from './share.ts';

export const DEFAULT_SCENARIO = 'late-data';

export async function openInitialJob(search: string, hash = ''): Promise<string | null> {
  // A saved job that could not be restored (restore.ts) is reported whatever opens instead.
  const restored = takeRestoreNotice();
  const opened = await openRequested(search, hash);
  return [restored, opened].filter(Boolean).join(' ') || null;
}

async function openRequested(search: string, hash: string): Promise<string | null> {
  if (/^#?job=/.test(hash)) {
    // The hash goes first: a link that brings the tab down must not do it again on reload.
    history.replaceState(null, '', location.pathname + location.search);
    const shared = fromShareHash(hash);
    // A refused link opens what the address would open without it (the saved job, the default).
    if (!shared || !shared.ok) return [shared?.message, await openRequested(search, '')].filter(Boolean).join(' ') || null;
    const name = `the shared job "${shared.job.name ?? 'Untitled'}"`;
    const problems = withProblems(jobErrors(shared.job));
    const outcome = requestOpen({ job: shared.job, what: name });
    if (!problems) return null;
    return outcome === 'opened' ? `Opened ${name}${problems}.` : `If you open ${name}, it opens${problems}.`;
  }
  const requested = new URLSearchParams(search).get('scenario');
  const editor = useEditor.getState();
  if (!requested) {
    if (hasSavedJob() && editor.job.nodes.length > 0) return null;
    return openScenario(DEFAULT_SCENARIO, false);
  }
  // A reload of ?scenario=<id> keeps the edits made to that scenario.
  if (hasUnsavedWork(editor) && scenarioInfo(editor.job).id === requested) return null;
  return openScenario(requested);
}

/**
 * Fetches a built-in scenario and opens it (asking first if that would lose edits), naming it in
 * the address unless `address` is false. Returns an error message, or null.
 */
export async function openScenario(id: string, address = true): Promise<string | null> {
  const r = await fetchScenario(id);
  if (!r.ok) return r.message;
  const title = scenarioInfo(r.job).title ?? r.job.name ?? id;
  requestOpen({ job: r.job, what: `scenario "${title}"`, ...(address ? { scenarioId: id } : {}) });
  return null;
}
