// The jobs the export tests run on: every scenario in public/scenarios (read from the folder, so a
// new scenario is picked up), the representative jobs in ./fixtures (every node kind and trigger),
// and, for the syntax checks, the semantics cases in ../shared/cases when that folder is there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ExportInput = { name: string; file: string; doc: unknown };

const exportDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.resolve(exportDir, '..', '..');
export const goldenDir = path.join(exportDir, '__golden__');

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const isJob = (doc: unknown): boolean => (doc as { format?: unknown } | null)?.format === 'streamlab.job/v1';

function jobsIn(dir: string, prefix: string, pick: (doc: unknown) => unknown = (d) => d): ExportInput[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: `${prefix}-${f.replace(/\.json$/, '')}`, file: path.join(dir, f), doc: pick(readJson(path.join(dir, f))) }))
    .filter((input) => isJob(input.doc));
}

/** Scenarios (public/scenarios/*.json that are job documents; index.json lists them and is not one). */
export const scenarioInputs = (): ExportInput[] => jobsIn(path.join(repoRoot, 'public', 'scenarios'), 'scenario');

/** Representative jobs written for the exporters. */
export const fixtureInputs = (): ExportInput[] => jobsIn(path.join(exportDir, 'fixtures'), 'job');

/** The semantics cases' jobs (../shared/cases), if present. */
export const caseInputs = (): ExportInput[] =>
  jobsIn(path.join(repoRoot, '..', 'shared', 'cases'), 'case', (doc) => (doc as { job?: unknown } | null)?.job);
