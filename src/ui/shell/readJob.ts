// Reading a job file: JSON, the job schema, then the graph rules (whose problems do not refuse the
// job, see jobProblems.ts). Pure: readJob.worker.ts runs it off the page's thread; tests and
// browsers without module workers call it directly.
import type { Job } from '../../model/index.ts';
import { jobErrors } from './jobProblems.ts';
import { fromJsonText } from './share.ts';

export type ReadJob = { ok: true; job: Job; errors: string[] } | { ok: false; message: string };

export function readJobText(text: string, what: string): ReadJob {
  const decoded = fromJsonText(text, what);
  if (!decoded.ok) return decoded;
  return { ok: true, job: decoded.job, errors: jobErrors(decoded.job) };
}
