// Opening a job over the one in the editor (a scenario, a shared link): at once when nothing would
// be lost, otherwise only after the person confirms (ReplaceConfirm shows the question).
import { create } from 'zustand';
import type { Job } from '../../model/index.ts';
import { hasUnsavedWork } from '../editor/baseline.ts';
import { useEditor } from '../editor/store.ts';

export type OpenRequest = {
  job: Job;
  /** What is being opened, for the question: 'scenario "Late data"', 'the shared job "x"'. */
  what: string;
  /** A built-in scenario's id: the address becomes ?scenario=<id>. */
  scenarioId?: string;
};

export const useOpenRequest = create<{ request: OpenRequest | null }>()(() => ({ request: null }));

export function requestOpen(request: OpenRequest): 'opened' | 'asking' {
  if (hasUnsavedWork(useEditor.getState())) {
    useOpenRequest.setState({ request });
    return 'asking';
  }
  open(request);
  return 'opened';
}

export function confirmOpen(): void {
  const { request } = useOpenRequest.getState();
  useOpenRequest.setState({ request: null });
  if (request) open(request);
}

export function cancelOpen(): void {
  useOpenRequest.setState({ request: null });
}

function open(request: OpenRequest): void {
  useEditor.getState().loadJob(request.job);
  if (request.scenarioId && typeof history !== 'undefined') {
    history.replaceState(null, '', `${location.pathname}?scenario=${encodeURIComponent(request.scenarioId)}`);
  }
}

/** The job is no longer the scenario the address names (a new job, an import): drop ?scenario. */
export function forgetScenarioAddress(): void {
  if (typeof history === 'undefined' || !new URLSearchParams(location.search).has('scenario')) return;
  history.replaceState(null, '', location.pathname);
}
