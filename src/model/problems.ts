// Problems: `path: message` pairs that say where a job is wrong and why. This file turns zod's issues
// into such problems with our own wording (zod's defaults say "Invalid input" where a person wants
// "expected a number, got "10s""), and holds the path and value formatting the graph checks share.
import type { z } from 'zod';

export type Problem = { path: string; message: string };
export type PathKey = string | number;

export const formatProblem = (p: Problem) => `${p.path}: ${p.message}`;

/** The label of the document itself, for problems that concern the whole job. */
export const ROOT_PATH = 'job';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `nodes[2].params.delayMs`; keys that are not identifiers are quoted: `fields["a b"]`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? ROOT_PATH : out;
}

/** A short, plain rendering of a value for "got …" (strings quoted and cut, containers named). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const cut = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The value at `path` inside `root`, or undefined when the path leaves the document. */
export function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<PathKey, unknown>)[key];
  }
  return cur;
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate to `word`, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 100) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor((best?.length ?? 0) / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

const didYouMean = (word: unknown, candidates: readonly string[]) => {
  if (typeof word !== 'string') return '';
  const hint = closest(word, candidates);
  return hint !== undefined && hint !== word ? ` (did you mean "${hint}"?)` : '';
};

// ---------------------------------------------------------------------------------------------
// Walking a zod schema along a path, to name what an object accepts or a union offers.

type AnySchema = z.core.$ZodType;
type Def = { type: string; [k: string]: unknown };
const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional/default/nullable/… wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let cur = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(cur);
    if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) {
      cur = def.innerType as AnySchema;
    } else if (def.type === 'pipe') {
      cur = def.in as AnySchema;
    } else return cur;
  }
  return cur;
}

/**
 * For a discriminated union, the option matching the discriminator value in `value`; a plain
 * union stays itself (the caller cannot descend into it).
 */
function pickOption(schema: AnySchema, value: unknown): AnySchema | undefined {
  const def = defOf(schema);
  if (def.type !== 'union') return schema;
  const discriminator = def.discriminator as string | undefined;
  if (discriminator === undefined) return schema;
  const tag = valueAt(value, [discriminator]);
  for (const option of def.options as AnySchema[]) {
    const shape = objectShape(option);
    const lit = shape?.[discriminator];
    if (lit && (defOf(unwrap(lit)).values as unknown[] | undefined)?.includes(tag)) return option;
  }
  return undefined;
}

function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  const def = defOf(unwrap(schema));
  return def.type === 'object' ? (def.shape as Record<string, AnySchema>) : undefined;
}

/** The schema one step inside `schema` at `key`, or undefined. */
function childOf(schema: AnySchema, key: PathKey): AnySchema | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'object') return (def.shape as Record<string, AnySchema>)[String(key)];
  if (def.type === 'array') return typeof key === 'number' ? (def.element as AnySchema) : undefined;
  if (def.type === 'record') return def.valueType as AnySchema;
  if (def.type === 'union') {
    // A plain union: the first option that has a place for this key.
    for (const option of def.options as AnySchema[]) {
      const child = childOf(option, key);
      if (child) return child;
    }
  }
  return undefined;
}

/** The schema that validates `valueAt(root, path)`, or undefined where it cannot be told. */
export function schemaAt(schema: AnySchema, root: unknown, path: readonly PathKey[]): AnySchema | undefined {
  let cur: AnySchema | undefined = unwrap(schema);
  for (let i = 0; cur; i++) {
    cur = pickOption(cur, valueAt(root, path.slice(0, i)));
    if (!cur || i === path.length) break;
    const child = childOf(cur, path[i]);
    cur = child ? unwrap(child) : undefined;
  }
  return cur;
}

/** The fields an object schema names; for a union, those of its strict object options. */
function knownKeys(schema: AnySchema): string[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'object') return Object.keys(def.shape as object);
  if (def.type !== 'union') return [];
  const keys: string[] = [];
  for (const option of def.options as AnySchema[]) {
    const o = defOf(unwrap(option));
    const strict = o.type === 'object' && o.catchall !== undefined && defOf(o.catchall as AnySchema).type === 'never';
    if (strict) for (const k of Object.keys(o.shape as object)) if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Issues to problems.

type Issue = z.core.$ZodIssue;
/** `schema` validates `root`; issue paths are relative to `root`; `display` prefixes them in messages. */
type Context = { schema: AnySchema; root: unknown; display: readonly PathKey[] };

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  null: 'null',
  bigint: 'an integer',
};
const typeName = (t: unknown) => TYPE_NAMES[String(t)] ?? String(t);

/** What a discriminated union's `kind` names, for "unknown node kind". */
function kindNoun(path: readonly PathKey[]): string {
  const named = [...path.slice(0, -1)].reverse().find((k): k is string => typeof k === 'string');
  switch (named) {
    case 'nodes':
      return 'node kind';
    case 'faults':
      return 'fault kind';
    case 'early':
      return 'early firing kind';
    case 'late':
      return 'late firing kind';
    case 'value':
      return 'value distribution kind';
    case undefined:
      return 'kind';
    default:
      return `${named} kind`;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function boundMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, value: unknown): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'number':
    case 'int':
    case 'bigint': {
      const rule = small
        ? inclusive ? `must be at least ${bound}` : `must be greater than ${bound}`
        : inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
      return `${rule}, got ${describeValue(value)}`;
    }
    case 'string': {
      const length = typeof value === 'string' ? value.length : 0;
      if (small) return bound <= 1 ? 'must not be empty' : `must be at least ${plural(bound, 'character')} long`;
      return `must be at most ${plural(bound, 'character')} long, got ${length}`;
    }
    case 'array':
    case 'set': {
      const length = Array.isArray(value) ? value.length : 0;
      if (small) return `must hold at least ${plural(bound, 'item')}`;
      return `must hold at most ${plural(bound, 'item')}, got ${length}`;
    }
    default:
      return small ? `is too small (minimum ${bound})` : `is too big (maximum ${bound})`;
  }
}

const quoteList = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v))).join(', ');

/** Problems for one issue (an unknown-keys issue gives one per key). */
function convertIssue(issue: Issue, ctx: Context, out: Problem[]): void {
  const path = issue.path as PathKey[];
  const value = valueAt(ctx.root, path);
  const shown = [...ctx.display, ...path];
  const at = formatPath(shown);
  const push = (message: string, where = at): void => void out.push({ path: where, message });

  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return push('required');
      if (issue.expected === 'int' && typeof value === 'number' && Number.isFinite(value)) {
        return push(`expected an integer (whole milliseconds or a count), got ${describeValue(value)}`);
      }
      if (issue.expected === 'number' && typeof value === 'number') {
        return push(`expected a finite number, got ${describeValue(value)}`);
      }
      return push(`expected ${typeName(issue.expected)}, got ${describeValue(value)}`);
    }
    case 'too_small':
    case 'too_big':
      return push(boundMessage(issue, value));
    case 'invalid_value': {
      const values = issue.values as unknown[];
      if (values.length === 1) {
        const want = JSON.stringify(values[0]) ?? String(values[0]);
        return push(value === undefined ? `required: expected ${want}` : `expected ${want}, got ${describeValue(value)}`);
      }
      const list = quoteList(values);
      const names = values.filter((v): v is string => typeof v === 'string');
      if (value === undefined) return push(`required: expected one of ${list}`);
      return push(`expected one of ${list}; got ${describeValue(value)}${didYouMean(value, names)}`);
    }
    case 'unrecognized_keys': {
      const target = schemaAt(ctx.schema, ctx.root, path);
      const known = target ? knownKeys(target) : [];
      for (const key of issue.keys) {
        const expected =
          known.length > 0
            ? `; expected ${known.length === 1 ? '' : 'one of '}${known.join(', ')}`
            : target && defOf(target).type === 'object' ? '; no fields are allowed here' : '';
        push(`unknown field${didYouMean(key, known)}${expected}`, formatPath([...shown, key]));
      }
      return;
    }
    case 'invalid_union': {
      const u = issue as Issue & { discriminator?: string; options?: unknown[]; note?: string; errors: Issue[][] };
      if (u.discriminator !== undefined || (u.errors.length === 0 && u.options)) {
        // A discriminated union whose tag matched nothing: zod already points the path at the tag.
        const options = (u.options ?? []).map((o) => String(o));
        const noun = kindNoun(shown);
        const list = `expected one of ${options.join(', ')}`;
        if (value === undefined) return push(`required: the ${noun}; ${list}`);
        if (typeof value !== 'string') return push(`expected the ${noun} as a string (one of ${options.join(', ')}), got ${describeValue(value)}`);
        return push(`unknown ${noun} ${describeValue(value)}${didYouMean(value, options)}; ${list}`);
      }
      return convertUnion(u.errors, path, value, ctx, out);
    }
    case 'invalid_format': {
      const custom = issue.message && !/^invalid/i.test(issue.message) ? issue.message : `is not a valid ${issue.format}`;
      return push(`${custom}, got ${describeValue(value)}`);
    }
    case 'invalid_key': {
      const inner: Problem[] = [];
      const key = path[path.length - 1];
      for (const sub of issue.issues) convertIssue(sub as Issue, { schema: ctx.schema, root: key, display: [] }, inner);
      const why = inner.map((p) => p.message).join('; ') || 'is not allowed';
      return push(`invalid name: ${why}`);
    }
    case 'invalid_element': {
      return push(`invalid element: ${issue.message}`);
    }
    case 'not_multiple_of':
      return push(`must be a multiple of ${String(issue.divisor)}, got ${describeValue(value)}`);
    default:
      return push(issue.message || 'is not valid');
  }
}

/**
 * A plain union failed in every branch. Pick the branch the value most nearly fits (a branch
 * that fails on the value's own type fits worst; missing or unknown fields count double) and
 * report its issues; if every branch rejects the value's type, say what would have been accepted.
 */
function convertUnion(branches: Issue[][], path: PathKey[], value: unknown, ctx: Context, out: Problem[]): void {
  const shown = [...ctx.display, ...path];
  const topLevelType = (issues: Issue[]) =>
    issues.length > 0 && issues.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
  const fitting = branches.map((b, i) => ({ b, i })).filter(({ b }) => !topLevelType(b));
  if (fitting.length === 0) {
    const wants: string[] = [];
    for (const b of branches) {
      for (const i of b) {
        const want = i.code === 'invalid_type' ? typeName(i.expected) : quoteList((i as { values?: unknown[] }).values ?? []);
        if (!wants.includes(want)) wants.push(want);
      }
    }
    const at = formatPath(shown);
    if (value === undefined) return void out.push({ path: at, message: 'required' });
    const list = wants.length <= 1 ? wants.join('') : `${wants.slice(0, -1).join(', ')} or ${wants[wants.length - 1]}`;
    return void out.push({ path: at, message: `expected ${list}, got ${describeValue(value)}` });
  }
  const score = (issues: Issue[]) =>
    issues.reduce((sum, i) => {
      const shapeIssue =
        i.code === 'unrecognized_keys' ||
        (i.code === 'invalid_type' && i.path.length === 1 && valueAt(value, i.path as PathKey[]) === undefined);
      return sum + (shapeIssue ? 2 * (i.code === 'unrecognized_keys' ? i.keys.length : 1) : 1);
    }, 0);
  let best = fitting[0];
  for (const f of fitting) if (score(f.b) <= score(best.b)) best = f; // ties: the later branch
  const unionSchema = schemaAt(ctx.schema, ctx.root, path);
  const options = unionSchema ? (defOf(unionSchema).options as AnySchema[] | undefined) : undefined;
  const branchSchema = options?.[best.i];
  // Branch issues are relative to the union's value: validate them against the chosen branch.
  const sub: Context = branchSchema
    ? { schema: branchSchema, root: value, display: [...ctx.display, ...path] }
    : { schema: ctx.schema, root: ctx.root, display: ctx.display };
  for (const issue of best.b) {
    convertIssue(branchSchema ? issue : { ...issue, path: [...path, ...issue.path] } as Issue, sub, out);
  }
}

/**
 * Converts zod issues for `input` (validated against `schema`) into problems: one or more per
 * issue, deduplicated, with only the tightest numeric bound kept when several apply to one path.
 */
export function problemsFromIssues(issues: readonly Issue[], schema: AnySchema, input: unknown): Problem[] {
  const out: Problem[] = [];
  const seenBound = new Set<string>();
  // Several bounds on one path (the shared `ms` range and a field's own, tighter one): say the
  // tightest, which is the real limit (untilMs 1e308 is "at most 1e12", not the 1e15 of `ms`).
  const tightest = new Map<string, Issue>();
  for (const issue of issues) {
    if (issue.code !== 'too_big' && issue.code !== 'too_small') continue;
    const key = `${issue.code}:${formatPath(issue.path as PathKey[])}`;
    const prev = tightest.get(key);
    const bound = (i: Issue) => Number(i.code === 'too_big' ? (i as { maximum: number | bigint }).maximum : (i as { minimum: number | bigint }).minimum);
    const tighter = prev === undefined || (issue.code === 'too_big' ? bound(issue) < bound(prev) : bound(issue) > bound(prev));
    if (tighter) tightest.set(key, issue);
  }
  for (const issue of issues) {
    // zod reports both the safe-integer range and our own bound for a huge integer: keep ours.
    if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'int') {
      const sameOther = issues.some(
        (o) => o !== issue && o.code === issue.code && samePath(o.path as PathKey[], issue.path as PathKey[]),
      );
      if (sameOther) continue;
    }
    const key = `${issue.code}:${formatPath(issue.path as PathKey[])}`;
    if (issue.code === 'too_big' || issue.code === 'too_small') {
      if (tightest.get(key) !== issue) continue;
      if (seenBound.has(key)) continue;
      seenBound.add(key);
    }
    convertIssue(issue, { schema, root: input, display: [] }, out);
  }
  const seen = new Set<string>();
  return out.filter((p) => {
    const k = formatProblem(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const samePath = (a: readonly PathKey[], b: readonly PathKey[]) => a.length === b.length && a.every((k, i) => k === b[i]);
