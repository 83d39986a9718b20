// A job as a link (`#job=` + lz-string, URL-safe) and as a file. What comes back is parsed as JSON
// and validated by the job schema: nothing a link or a file holds is ever run as code.
// Decompression is bounded (boundedDecompress.ts): a link can expand a millionfold.
import { compressToEncodedURIComponent } from 'lz-string';
import { jobSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';
import { decompressUriSafeBounded } from './boundedDecompress.ts';
import { MAX_SHARED_CHARS, MAX_SHARED_JOB_CHARS } from './jobLimits.ts';

export { MAX_SHARED_CHARS };

export function toShareUrl(job: Job, base: string): string {
  const url = new URL(base);
  url.search = '';
  url.hash = `job=${compressToEncodedURIComponent(JSON.stringify(job))}`;
  return url.href;
}

export type Decoded = { ok: true; job: Job } | { ok: false; message: string };

/** Reads `#job=…`; null when the hash holds no job. */
export function fromShareHash(hash: string): Decoded | null {
  const m = /^#?job=(.+)$/.exec(hash);
  if (!m) return null;
  if (m[1]!.length > MAX_SHARED_CHARS) {
    return { ok: false, message: `The shared link was not opened: it is ${m[1]!.length.toLocaleString('en')} characters long, and a link may hold at most ${MAX_SHARED_CHARS.toLocaleString('en')}.` };
  }
  const out = decompressUriSafeBounded(m[1]!, MAX_SHARED_JOB_CHARS);
  if (!out.ok && out.reason === 'tooLarge') {
    return { ok: false, message: `The shared link was not opened: its job expands to more than ${MAX_SHARED_JOB_CHARS.toLocaleString('en')} characters, the most a link may hold (a link that expands that much is usually made to crash the page).` };
  }
  if (!out.ok || !out.text) return { ok: false, message: 'The shared link is damaged: its job could not be decoded.' };
  return fromJsonText(out.text, 'The shared job');
}

export function fromJsonText(text: string, what: string): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${what} is not JSON: ${(e as Error).message}` };
  }
  const parsed = jobSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, message: `${what} is not a streamlab.job/v1 document (${i?.path.join('.') || 'job'}: ${i?.message}).` };
  }
  return { ok: true, job: parsed.data as Job };
}

export function fileNameFor(job: Job): string {
  const slug = (job.name ?? 'job').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'job';
  return `${slug}.streamlab.json`;
}
