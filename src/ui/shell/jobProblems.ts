// What to say about a job that breaks a graph rule (a cycle, a bad expression) when it is opened
// from a file or a link: it is opened and stored all the same (an editor holds unfinished graphs),
// and the message says so plainly, with the first problems by path.
import type { Job } from '../../model/index.ts';
import { validateJob } from '../editor/validation.ts';

/** `path: message` of each error in the job, in the mode it names. */
export function jobErrors(job: Job): string[] {
  return validateJob(job, job.mode)
    .filter((p) => p.severity === 'error')
    .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}

/** " with 2 problems: a; b; it is kept so you can fix it (see Problems)", or "" without any. */
export function withProblems(errors: readonly string[]): string {
  if (errors.length === 0) return '';
  const shown = errors.slice(0, 2).join('; ');
  const more = errors.length > 2 ? ` and ${errors.length - 2} more` : '';
  return ` with ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${shown}${more}; it is kept so you can fix it (see Problems)`;
}
