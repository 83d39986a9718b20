// Built-in scenarios, served from public/scenarios/: index.json lists them ({ id, title,
// description, order }), <id>.json is each one's streamlab.job/v1 document. Both are read as data
// and validated; a missing or damaged list is reported, never fatal.
import { z } from 'zod';
import { jobSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';

export type ScenarioEntry = { id: string; title: string; description: string; order: number };

const ID = /^[A-Za-z0-9_-]{1,80}$/;

const entrySchema = z.looseObject({
  id: z.string().regex(ID),
  title: z.string().min(1).max(300),
  description: z.string().max(2000).optional(),
  order: z.number().finite().optional(),
});

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

const base = () => (typeof import.meta.env === 'object' ? import.meta.env.BASE_URL : '/');

export async function fetchScenarioIndex(fetchFn: Fetch = fetch): Promise<{ ok: true; entries: ScenarioEntry[] } | { ok: false; message: string }> {
  let json: unknown;
  try {
    const res = await fetchFn(`${base()}scenarios/index.json`);
    if (!res.ok) return { ok: false, message: `No list of scenarios is available (${res.status}).` };
    json = await res.json();
  } catch (e) {
    return { ok: false, message: `The list of scenarios could not be loaded: ${(e as Error).message}` };
  }
  if (!Array.isArray(json)) return { ok: false, message: 'The list of scenarios is not a list.' };
  // One bad entry does not hide the others.
  const entries = json.flatMap((item) => {
    const r = entrySchema.safeParse(item);
    return r.success ? [{ id: r.data.id, title: r.data.title, description: r.data.description ?? '', order: r.data.order ?? Number.MAX_SAFE_INTEGER }] : [];
  });
  entries.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  return { ok: true, entries };
}

export async function fetchScenario(id: string, fetchFn: Fetch = fetch): Promise<{ ok: true; job: Job } | { ok: false; message: string }> {
  if (!ID.test(id)) return { ok: false, message: `There is no scenario named "${id}".` };
  let json: unknown;
  try {
    const res = await fetchFn(`${base()}scenarios/${id}.json`);
    if (!res.ok) return { ok: false, message: `Scenario "${id}" could not be loaded (${res.status}).` };
    json = await res.json();
  } catch (e) {
    return { ok: false, message: `Scenario "${id}" could not be loaded: ${(e as Error).message}` };
  }
  const parsed = jobSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, message: `Scenario "${id}" is not a valid job (${first?.path.join('.')}: ${first?.message}).` };
  }
  return { ok: true, job: parsed.data as Job };
}

/** A job's scenario fields (loose fields of the document), when it is one. */
export function scenarioInfo(job: Job): { id: string | null; title: string | null; narrative: string | null; compare: boolean } {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  return { id: str(job.id), title: str(job.title), narrative: str(job.narrative), compare: job.compare === true };
}
