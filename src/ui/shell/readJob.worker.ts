// A small worker that reads an imported job file: a 10 MB file takes a second or more to parse
// and check, which would freeze the page. One request per worker; the page terminates it after.
import '../../model/zodConfig.ts';
import { readJobText } from './readJob.ts';
import type { ReadJob } from './readJob.ts';

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<{ file: File; what: string }>) => void) | null; postMessage(message: ReadJob): void };

scope.onmessage = async (e) => {
  let out: ReadJob;
  try {
    out = readJobText(await e.data.file.text(), e.data.what);
  } catch (err) {
    out = { ok: false, message: `${e.data.what} could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  scope.postMessage(out);
};
