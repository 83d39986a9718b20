// Importing a job file, by the Import button or by dropping a .json file onto the canvas: the file
// is refused above MAX_IMPORT_BYTES before it is read, then read and checked off the page's thread
// (readJob.worker.ts), and a rejected one changes nothing. A job that breaks a graph rule is
// imported all the same, and the message says so. Returns what to tell the user.
import { useEditor } from '../editor/store.ts';
import { formatMegabytes, MAX_IMPORT_BYTES } from './jobLimits.ts';
import { withProblems } from './jobProblems.ts';
import { forgetScenarioAddress } from './openJob.ts';
import { readJobText } from './readJob.ts';
import type { ReadJob } from './readJob.ts';

export const NOTICE_EVENT = 'streamlab-notice';

export async function importJobFile(file: File): Promise<string> {
  const what = `"${file.name}"`;
  if (file.size > MAX_IMPORT_BYTES) {
    return `${what} was not imported: it is ${formatMegabytes(file.size)}, and a job file may be at most ${formatMegabytes(MAX_IMPORT_BYTES)}.`;
  }
  const read = await readOffThread(file, what);
  if (!read.ok) return read.message;
  useEditor.getState().replaceJob(read.job);
  forgetScenarioAddress();
  return `Imported "${read.job.name ?? file.name}"${withProblems(read.errors)}. Ctrl+Z brings back the previous job.`;
}

/** In a worker of its own where there are workers (the browser); inline otherwise (unit tests). */
function readOffThread(file: File, what: string): Promise<ReadJob> {
  if (typeof Worker === 'undefined') return file.text().then((text) => readJobText(text, what));
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./readJob.worker.ts', import.meta.url), { type: 'module', name: 'streamlab-import' });
    const done = (out: ReadJob) => (worker.terminate(), resolve(out));
    worker.onmessage = (e: MessageEvent<ReadJob>) => done(e.data);
    worker.onerror = (e) => (e.preventDefault(), done({ ok: false, message: `${what} could not be read: ${e.message || 'the reader stopped'}.` }));
    worker.postMessage({ file, what });
  });
}

/** Shows a message in the header's notice area from anywhere (the canvas has none of its own). */
export function announce(message: string): void {
  window.dispatchEvent(new CustomEvent(NOTICE_EVENT, { detail: message }));
}
