// A job as a link (`#job=` + lz-string, URL-safe) and as a file. What comes back is parsed as JSON
// and validated by the job schema: nothing a link or a file holds is ever run as code.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { jobSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';

export const MAX_SHARED_CHARS = 2_000_000;

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
  if (m[1]!.length > MAX_SHARED_CHARS) return { ok: false, message: 'The shared job is too large to open.' };
  const text = decompressFromEncodedURIComponent(m[1]!);
  if (!text) return { ok: false, message: 'The shared link is damaged: its job could not be decoded.' };
  return fromJsonText(text, 'The shared job');
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
