// The swept parameter: a dotted path into the job document (nodes by id: `nodes.wm.params.delayMs`)
// and the values it takes (`V1,V2,…` or `FROM:TO:STEP`), checked against the job schema so that a
// path naming nothing is refused before anything runs, and each value checked by the job's own
// validation (parseJob) exactly as `streamlab validate` would.
import type { z } from 'zod';
import { formatProblem } from '../problems.ts';
import { jobSchema, type Job, type Mode } from '../schema.ts';
import { parseJob } from '../validate.ts';

/** The most values one sweep runs (each value is one run per mode). */
export const MAX_SWEEP_VALUES = 200;

export type SweepValue = number | string | boolean | null;

/** A `path: message` problem; `path` is the sweep path (or the job path a validation names). */
export type SweepProblem = { path: string; message: string };

export class SweepInputError {
  constructor(readonly problems: SweepProblem[]) {}
}

const refuse = (path: string, message: string): never => {
  throw new SweepInputError([{ path, message }]);
};

// ---- values ---------------------------------------------------------------------------------------

/** One listed value: a JSON number, boolean or null, a JSON string, or else the bare text as a string. */
function parseOne(text: string): SweepValue {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (t.startsWith('"')) {
    try {
      const v: unknown = JSON.parse(t);
      if (typeof v === 'string') return v;
    } catch {
      /* fall through: the text as it is */
    }
  }
  return t;
}

/** `FROM:TO:STEP` (numbers, STEP > 0, both ends included when the steps land on TO) or `V1,V2,…`. */
export function parseValues(path: string, spec: string): SweepValue[] {
  const range = /^\s*(-?[\d.]+(?:[eE][+-]?\d+)?)\s*:\s*(-?[\d.]+(?:[eE][+-]?\d+)?)\s*:\s*(-?[\d.]+(?:[eE][+-]?\d+)?)\s*$/.exec(spec);
  if (range) {
    const [from, to, step] = range.slice(1).map(Number);
    if (![from, to, step].every(Number.isFinite)) refuse(path, `range ${spec}: FROM, TO and STEP must be numbers`);
    if (!(step > 0)) refuse(path, `range ${spec}: STEP must be greater than 0`);
    if (to < from) refuse(path, `range ${spec} is empty: TO is below FROM`);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_SWEEP_VALUES) refuse(path, `range ${spec} has ${count} values; a sweep runs at most ${MAX_SWEEP_VALUES}`);
    // Each value from FROM by whole steps (not by repeated addition), so 0.1 steps do not drift.
    const decimals = Math.max(...[from, step].map((x) => (String(x).split('.')[1] ?? '').length));
    return Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(Math.min(decimals, 12))));
  }
  if (spec.includes(':') && !spec.includes(',')) refuse(path, `expected FROM:TO:STEP with three numbers or a list V1,V2,…; got ${JSON.stringify(spec)}`);
  const parts = spec.split(',');
  if (parts.some((p) => p.trim() === '')) refuse(path, `empty value in list ${JSON.stringify(spec)}`);
  if (parts.length > MAX_SWEEP_VALUES) refuse(path, `${parts.length} values; a sweep runs at most ${MAX_SWEEP_VALUES}`);
  const values = parts.map(parseOne);
  const keys = values.map((v) => JSON.stringify(v));
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined) refuse(path, `value ${dup} is listed twice`);
  return values;
}

/** `PATH=VALUES` as given to `--set`. */
export function parseSetFlag(text: string): { path: string; values: SweepValue[] } {
  const eq = text.indexOf('=');
  if (eq <= 0) refuse('--set', `expected PATH=V1,V2,… or PATH=FROM:TO:STEP; got ${JSON.stringify(text)}`);
  const path = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1);
  if (spec.trim() === '') refuse(path, 'no values given');
  return { path, values: parseValues(path, spec) };
}

// ---- paths ----------------------------------------------------------------------------------------

type AnySchema = z.ZodType;
type Def = { type: string; [k: string]: unknown };
const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strips optional / default / nullable wrappers. */
function unwrap(s: AnySchema): AnySchema {
  for (;;) {
    const d = defOf(s);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'readonly' || d.type === 'prefault') s = d.innerType as AnySchema;
    else if (d.type === 'pipe') s = d.in as AnySchema;
    else return s;
  }
}

/** The member of a discriminated union that `value` belongs to (by its discriminator), if any. */
function unionMember(s: AnySchema, value: unknown): AnySchema | null {
  const d = defOf(s);
  const disc = d.discriminator as string | undefined;
  const options = d.options as AnySchema[];
  if (disc === undefined || typeof value !== 'object' || value === null) return null;
  const tag = (value as Record<string, unknown>)[disc];
  for (const o of options) {
    const shape = defOf(unwrap(o)).shape as Record<string, AnySchema> | undefined;
    const lit = shape?.[disc] ? defOf(shape[disc]) : null;
    if (lit && (lit.values as unknown[] | undefined)?.includes(tag)) return unwrap(o);
  }
  return null;
}

export type ResolvedPath = {
  /** The path as given. */
  path: string;
  /** Keys and indexes into the raw job document. */
  steps: (string | number)[];
  /** The path as validation messages write it: `nodes[2].params.delayMs`. */
  jobPath: string;
};

/**
 * Resolves a dotted path against the raw job and the schema: `nodes.<id>` picks a node by id,
 * `faults.<n>` an index; every other segment must be a field the schema defines at that place (a
 * field the job leaves out, taking its default, may be set). Throws SweepInputError otherwise.
 */
export function resolvePath(raw: unknown, path: string): ResolvedPath {
  const segments = path.split('.');
  if (path === '' || segments.some((s) => s === '')) refuse(path || '--set', 'expected a dotted path such as nodes.wm.params.delayMs');
  let schema: AnySchema = jobSchema;
  let value: unknown = raw;
  const steps: (string | number)[] = [];
  let jobPath = '';
  const where = () => jobPath || 'the job';
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    schema = unwrap(schema);
    let d = defOf(schema);
    if (d.type === 'union') {
      const member = unionMember(schema, value);
      if (!member) return refuse(path, `names nothing: ${where()} is not set, so ${seg} cannot be chosen`);
      schema = member;
      d = defOf(schema);
    }
    if (d.type === 'array') {
      const list = Array.isArray(value) ? value : [];
      let index: number;
      if (steps.length === 1 && steps[0] === 'nodes') {
        index = list.findIndex((n) => (n as { id?: unknown } | null)?.id === seg);
        if (index < 0) return refuse(path, `names nothing: no node has id ${JSON.stringify(seg)}`);
      } else {
        index = /^\d+$/.test(seg) ? Number(seg) : -1;
        if (index < 0 || index >= list.length) return refuse(path, `names nothing: ${where()} has no item ${seg}`);
      }
      steps.push(index);
      jobPath += `[${index}]`;
      schema = d.element as AnySchema;
      value = list[index];
      continue;
    }
    if (d.type !== 'object') return refuse(path, `names nothing: ${where()} is a value, not an object with fields`);
    const shape = d.shape as Record<string, AnySchema>;
    if (!Object.hasOwn(shape, seg)) {
      const known = Object.keys(shape).join(', ');
      return refuse(path, `names nothing: ${where()} has no field ${JSON.stringify(seg)} (fields: ${known})`);
    }
    if (i === 0 && (seg === 'format' || seg === 'layout')) return refuse(path, `${seg} is not a setting to sweep`);
    steps.push(seg);
    jobPath += jobPath ? `.${seg}` : seg;
    schema = shape[seg];
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[seg] : undefined;
  }
  const last = defOf(unwrap(schema)).type;
  if (last === 'object' || last === 'array' || last === 'union' || last === 'record') refuse(path, `names ${jobPath}, which is not a single value: name one of its fields`);
  return { path, steps, jobPath };
}

/** The value at a resolved path in a document (undefined when the job leaves it out). */
export function valueAt(doc: unknown, steps: readonly (string | number)[]): unknown {
  let v = doc;
  for (const s of steps) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

/** A copy of `doc` with `value` at the path; objects the job leaves out on the way are created. */
export function withValue<T>(doc: T, steps: readonly (string | number)[], value: unknown): T {
  const set = (node: unknown, i: number): unknown => {
    if (i === steps.length) return value;
    const s = steps[i];
    if (Array.isArray(node)) {
      const copy = node.slice();
      copy[s as number] = set(node[s as number], i + 1);
      return copy;
    }
    const obj = typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : {};
    return { ...obj, [s]: set(obj[s as string], i + 1) };
  };
  return set(doc, 0) as T;
}

/**
 * The job with each value, validated as `streamlab validate` validates a job (for each mode): a value
 * the field refuses is a SweepInputError naming the path and the value.
 */
export function jobsForValues(raw: unknown, resolved: ResolvedPath, values: readonly SweepValue[], modes: readonly Mode[]): Job[] {
  // Problems of the job itself (not of the swept field) are told once, as `validate` tells them.
  const own = parseJob(raw);
  if (!own.ok) {
    const elsewhere = own.problems.filter((p) => p.path !== resolved.jobPath && !p.path.startsWith(`${resolved.jobPath}.`));
    if (elsewhere.length > 0) throw new SweepInputError(elsewhere.map((p) => ({ path: p.path, message: p.message })));
  }
  const problems: SweepProblem[] = [];
  const jobs: Job[] = [];
  for (const v of values) {
    const doc = withValue(raw, resolved.steps, v);
    let job: Job | null = null;
    for (const mode of modes) {
      const result = parseJob(doc, { mode });
      if (result.ok) job ??= result.job;
      else {
        for (const p of result.problems) problems.push({ path: resolved.path, message: `value ${JSON.stringify(v)}${modes.length > 1 ? ` (${mode})` : ''}: ${formatProblem(p)}` });
        break;
      }
    }
    if (job) jobs.push(job);
  }
  if (problems.length > 0) throw new SweepInputError(problems);
  return jobs;
}
