// The built-in scenarios (public/scenarios/*.json) for tests: the picker's index, each document as
// written, its job parsed for a mode, and a headless run — of the scenario itself or of a variant
// (a copy of the document changed by `patch`, e.g. without its faults or with another setting).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseJob, type Job, type Mode, type Problem } from '../../model/index.ts';
import { harness, type Run } from '../test-support/harness.ts';

export const SCENARIO_DIR = fileURLToPath(new URL('../../../public/scenarios/', import.meta.url));
export const INDEX_FILE = 'index.json';

/** One entry of public/scenarios/index.json, the list the scenario picker shows. */
export type IndexEntry = { id: string; title: string; description: string; order: number };

/** A scenario document as stored: a streamlab.job/v1 job plus the picker's fields. */
export type ScenarioDoc = {
  format: string;
  id: string;
  order: number;
  title: string;
  description: string;
  narrative: string;
  compare?: boolean;
  mode: Mode;
  settings: Record<string, any>;
  nodes: { id: string; kind: string; params: Record<string, any>; [k: string]: unknown }[];
  edges: Record<string, unknown>[];
  faults: Record<string, unknown>[];
  [k: string]: unknown;
};

export const readJson = (file: string): unknown => JSON.parse(readFileSync(SCENARIO_DIR + file, 'utf8'));

export const readIndex = (): IndexEntry[] => readJson(INDEX_FILE) as IndexEntry[];

/** Ids of the scenario files in public/scenarios (every *.json but the index). */
export const scenarioIds = (): string[] =>
  readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json') && f !== INDEX_FILE)
    .map((f) => f.slice(0, -'.json'.length))
    .sort();

/** A fresh copy of the document, safe to change. */
export const readScenario = (id: string): ScenarioDoc => readJson(`${id}.json`) as ScenarioDoc;

export type Patch = (doc: ScenarioDoc) => void;

/** The scenario's job as the engine sees it in `mode`; throws with the problems when it is invalid. */
export function parseScenario(id: string, mode: Mode, patch?: Patch): { job: Job; warnings: Problem[] } {
  const doc = readScenario(id);
  patch?.(doc);
  const parsed = parseJob(doc, { mode });
  if (!parsed.ok) throw new Error(`${id} (${mode}) is not valid:\n${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return { job: parsed.job, warnings: parsed.warnings };
}

/** Runs the scenario (or a variant of it) headless to the end, in `mode`. */
export function runScenario(id: string, mode: Mode, patch?: Patch): Run {
  return harness(parseScenario(id, mode, patch).job).mode(mode).run();
}

/** A node of the document by id (for variants that change one parameter). */
export function nodeOf(doc: ScenarioDoc, id: string): ScenarioDoc['nodes'][number] {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id} in ${doc.id}`);
  return node;
}

export const withoutFaults: Patch = (doc) => {
  doc.faults = [];
};
