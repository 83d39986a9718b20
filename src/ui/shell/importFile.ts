// Importing a job file, by the Import button or by dropping a .json file onto the canvas: the file
// is validated, and a rejected one changes nothing. Returns what to tell the user.
import { useEditor } from '../editor/store.ts';
import { forgetScenarioAddress } from './openJob.ts';
import { fromJsonText } from './share.ts';

export const NOTICE_EVENT = 'streamlab-notice';

export async function importJobFile(file: File): Promise<string> {
  const decoded = fromJsonText(await file.text(), `"${file.name}"`);
  if (!decoded.ok) return decoded.message;
  useEditor.getState().replaceJob(decoded.job);
  forgetScenarioAddress();
  return `Imported "${decoded.job.name ?? file.name}". Ctrl+Z brings back the previous job.`;
}

/** Shows a message in the header's notice area from anywhere (the canvas has none of its own). */
export function announce(message: string): void {
  window.dispatchEvent(new CustomEvent(NOTICE_EVENT, { detail: message }));
}
