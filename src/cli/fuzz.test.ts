// Fuzzing the code behind `streamlab validate` and `streamlab run` in-process: random, malformed
// and mutated job documents must never make the command throw, hang or exit with anything but 0
// or 2, and a 2 must come with `path: message` lines only. Runs are kept short: --until 20000 and
// generator rates, partitions, parallelism and key counts capped before running.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from './commands.ts';
import { createMemoryIo } from './memory-io.ts';
import { parseJob, nodeKinds } from '../model/index.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const casesDir = path.resolve(repoRoot, '..', 'shared', 'cases');
const caseJobs: Json[] = readdirSync(casesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(casesDir, f), 'utf8')).job);

const LINE = /^[^\s].*: .+/;
const UNTIL_MS = '20000';

/** One command on an in-memory file system. */
function cli(argv: string[], text: string) {
  const mem = createMemoryIo({ 'job.json': text });
  const code = runCli(argv, mem.io);
  return { code, stdout: mem.stdout(), stderr: mem.stderr(), files: mem.files };
}

/** Plain checks (vitest's expect is too slow for this many calls); throws with the reason. */
function assertWellBehaved(r: ReturnType<typeof cli>, what: string) {
  const fail = (why: string) => {
    throw new Error(`${what}: ${why}\nexit ${r.code}\nstderr: ${r.stderr}`);
  };
  if (r.code !== 0 && r.code !== 2) fail('exit code is neither 0 nor 2');
  if (r.code === 2) {
    if (r.stdout !== '') fail('wrote to stdout');
    if (r.files.size !== 1) fail('wrote a file');
    if (r.stderr === '') fail('said nothing');
    for (const line of r.stderr.replace(/\n$/, '').split('\n')) if (!LINE.test(line)) fail(`stderr line is not path: message: ${JSON.stringify(line)}`);
  } else {
    for (const line of r.stderr.split('\n').filter(Boolean)) if (!/^warning: [^\s].*: .+/.test(line)) fail(`not a warning line: ${JSON.stringify(line)}`);
  }
}

/** Caps what makes a simulation long (rates, partitions, parallelism, key counts, records). */
function tame(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const copy = structuredClone(doc) as { nodes?: unknown; settings?: unknown };
  // validate (without --until) must see the run length that run sees.
  const settings = copy.settings as Record<string, unknown> | null | undefined;
  if (settings && typeof settings === 'object' && typeof settings.untilMs === 'number' && settings.untilMs > Number(UNTIL_MS)) settings.untilMs = Number(UNTIL_MS);
  if (!Array.isArray(copy.nodes)) return copy;
  for (const node of copy.nodes) {
    if (node === null || typeof node !== 'object') continue;
    const n = node as Record<string, any>;
    if (typeof n.parallelism === 'number' && n.parallelism > 4) n.parallelism = 4;
    const p = n.params;
    if (p === null || typeof p !== 'object') continue;
    if (typeof p.partitions === 'number' && p.partitions > 4) p.partitions = 4;
    // A sliding window in many windows per record is refused above the limit, and slow below it.
    const a = p.assigner;
    if (a !== null && typeof a === 'object' && typeof a.sizeMs === 'number' && typeof a.slideMs === 'number' && a.slideMs > 0 && a.sizeMs / a.slideMs > 50) {
      a.slideMs = Math.ceil(a.sizeMs / 50);
    }
    if (Array.isArray(p.records) && p.records.length > 200) p.records = p.records.slice(0, 200);
    const g = p.generator;
    if (g !== null && typeof g === 'object') {
      if (typeof g.ratePerSec === 'number' && g.ratePerSec > 2) g.ratePerSec = 2;
      if (typeof g.keys === 'number' && g.keys > 10) g.keys = 10;
      if (Array.isArray(g.keys) && g.keys.length > 10) g.keys = g.keys.slice(0, 10);
    }
  }
  return copy;
}

/** validate on the document as generated; validate and run (which must agree) on its tamed form. */
function check(text: string) {
  const v = cli(['validate', 'job.json'], text);
  assertWellBehaved(v, 'validate');
  let tamed = text;
  try {
    tamed = JSON.stringify(tame(JSON.parse(text)));
  } catch {
    // Not JSON: both commands must say so.
  }
  const v2 = tamed === text ? v : cli(['validate', 'job.json'], tamed);
  const r = cli(['run', 'job.json', '--until', UNTIL_MS, '--out', 'result.json'], tamed);
  assertWellBehaved(r, 'run');
  if (r.code !== v2.code) throw new Error(`validate said ${v2.code}, run said ${r.code}: ${r.stderr}`);
  if (r.code === 0 && !r.files.get('result.json')?.includes('"streamlab.result/v1"')) throw new Error('run wrote no result');
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const hugeNumber = fc.constantFrom(2 ** 53, 2 ** 53 + 2, 1e15 + 1, 1e300, -1e300, -0, 0.5, -1, 1e-300, 4294967296);
const expression = fc.oneof(
  fc.constantFrom('1 / 0', 'value / (value - value)', 'value * 1e308 * 10', 'ts / 0', "'soon'", 'value % 0'),
  fc.constantFrom('value > 1', "UPPER(key) = 'A'", 'value > )', '((((', "'unterminated", 'CASE WHEN', 'a AND OR b', '', ' ', 'a = b = c', '1 || 2 + 3', `${'('.repeat(300)}1${')'.repeat(300)}`),
  fc.string({ maxLength: 20 }),
);
const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];
const fieldName = fc.constantFrom('key', 'value', 'ts', 'v', 'missing', '', 'a b', ...PROTO_NAMES);
const smallMs = fc.oneof(fc.integer({ min: 0, max: 30_000 }), hugeNumber, fc.constant('10s' as Json));

const record: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ ts: smallMs, at: fc.integer({ min: 0, max: 25_000 }), key: fc.constantFrom('a', 'b', 'c'), value: fc.integer({ min: -5, max: 5 }), partition: fc.integer({ min: 0, max: 4 }) }, { requiredKeys: ['ts', 'at'] }),
  fc.record({ watermark: smallMs, at: fc.integer({ min: 0, max: 25_000 }), partition: fc.integer({ min: 0, max: 4 }) }, { requiredKeys: ['watermark', 'at'] }),
);
const generator: fc.Arbitrary<Json> = fc.record(
  {
    ratePerSec: fc.oneof(fc.integer({ min: 0, max: 3 }), hugeNumber),
    keys: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.array(fc.constantFrom('a', 'b', 1), { maxLength: 3 })),
    value: fc.oneof(fc.constant({ kind: 'uniform', min: 1, max: 10 }), fc.constant({ kind: 'constant', value: 1 }), fc.constant({ kind: 'normal' })),
    maxOutOfOrdernessMs: smallMs,
    late: fc.record({ fraction: fc.double({ min: 0, max: 1, noNaN: true }), byMs: smallMs }),
    startMs: smallMs,
    endMs: smallMs,
  },
  { requiredKeys: ['ratePerSec', 'keys'] },
);
const assigner = fc.oneof(
  fc.record({ kind: fc.constant('tumbling'), sizeMs: smallMs, time: fc.constantFrom('event', 'processing') }, { requiredKeys: ['kind', 'sizeMs'] }),
  fc.record({ kind: fc.constant('sliding'), sizeMs: smallMs, slideMs: smallMs }),
  fc.record({ kind: fc.constant('session'), gapMs: smallMs }),
  fc.constant({ kind: 'global' }),
  fc.constant({ kind: 'tumbl', sizeMs: 10 }),
);
const aggregate = fc.record({ fn: fc.constantFrom('count', 'sum', 'min', 'max', 'avg', 'median'), field: fieldName, as: fieldName }, { requiredKeys: ['fn'] });
const trigger = fc.oneof(
  fc.constant({ kind: 'eventTime' }),
  fc.constant({ kind: 'eventTime', early: { kind: 'processingTimeInterval', intervalMs: 1000 }, late: { kind: 'count', count: 2 } }),
  fc.constant({ kind: 'eventTime', early: { kind: 'eventTimeInterval', intervalMs: 500 }, accumulation: 'discarding' }),
  fc.constant({ kind: 'processingTime' }),
  fc.record({ kind: fc.constant('count'), count: fc.integer({ min: 0, max: 4 }) }),
);

const paramsByKind: Record<string, fc.Arbitrary<Json>> = {
  source: fc.record(
    {
      connector: fc.constantFrom('kafka', 'socket', 'rate', 'kafak'),
      partitions: fc.integer({ min: 0, max: 3 }),
      records: fc.array(record, { maxLength: 12 }),
      generator,
    },
    { requiredKeys: [] },
  ),
  watermark: fc.record({ delayMs: smallMs, idleTimeoutMs: smallMs }, { requiredKeys: ['delayMs'] }),
  filter: fc.record({ predicate: expression }),
  map: fc.record({ fields: fc.dictionary(fieldName, expression, { maxKeys: 3 }) }),
  keyBy: fc.record({ key: fieldName }),
  window: fc.record(
    { assigner, aggregate: fc.oneof(aggregate, fc.array(aggregate, { maxLength: 3 })), trigger, allowedLatenessMs: smallMs, lateOutput: fc.constantFrom('late', 'a:b', '') },
    { requiredKeys: ['assigner', 'aggregate'] },
  ),
  dropLate: fc.record({ lateOutput: fc.constantFrom('late', 'x y') }, { requiredKeys: [] }),
  dedup: fc.record({ key: fc.oneof(fieldName, fc.array(fieldName, { maxLength: 3 })), withinMs: smallMs }, { requiredKeys: ['key'] }),
  join: fc.record({ leftKey: fieldName, rightKey: fieldName, lowerBoundMs: smallMs, upperBoundMs: smallMs, type: fc.constantFrom('inner', 'leftOuter', 'rightOuter', 'fullOuter', 'cross') }, { requiredKeys: ['leftKey', 'rightKey', 'lowerBoundMs', 'upperBoundMs'] }),
  union: fc.constant({}),
  sink: fc.record({ connector: fc.constantFrom('kafka', 'file', 'console'), delivery: fc.constantFrom('at-least-once', 'exactly-once') }, { requiredKeys: [] }),
};

const nodeOf = (id: string): fc.Arbitrary<Json> =>
  fc.constantFrom(...nodeKinds, 'windw').chain((kind) =>
    fc.record(
      { id: fc.constant(id), kind: fc.constant(kind), params: paramsByKind[kind] ?? fc.constant({}), parallelism: fc.integer({ min: 0, max: 3 }), costMs: fc.integer({ min: 0, max: 50 }) },
      { requiredKeys: ['id', 'kind', 'params'] },
    ),
  );

/** A generated graph: random nodes and random edges among them (cycles and all). */
const generatedJob: fc.Arbitrary<Json> = fc.integer({ min: 1, max: 7 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const id = fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.constant('ghost') });
  const edge = fc.record(
    { from: id, to: id, fromPort: fc.constantFrom('out', 'late'), toPort: fc.constantFrom('in', 'left', 'right') },
    { requiredKeys: ['from', 'to'] },
  );
  // Mostly a chain n0 → n1 → … so that some jobs are runnable; then random extra edges.
  const chain = ids.slice(1).map((to, i) => ({ from: ids[i], to }));
  return fc.record(
    {
      format: fc.constant('streamlab.job/v1'),
      mode: fc.constantFrom('microbatch', 'dataflow'),
      settings: fc.record(
        {
          seed: fc.integer({ min: 0, max: 5 }),
          untilMs: fc.integer({ min: 0, max: 30_000 }),
          microbatch: fc.record(
            {
              trigger: fc.oneof(
                fc.record({ kind: fc.constant('processingTime'), intervalMs: fc.integer({ min: 0, max: 2000 }) }),
                fc.constant({ kind: 'once' }),
                fc.constant({ kind: 'availableNow' }),
                fc.constant({ kind: 'continuous', checkpointIntervalMs: 1000 }),
              ),
              outputMode: fc.constantFrom('append', 'update', 'complete'),
              maxRecordsPerTrigger: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 5 })),
              batchOverheadMs: fc.integer({ min: 0, max: 100 }),
            },
            { requiredKeys: [] },
          ),
          dataflow: fc.record(
            {
              autoWatermarkIntervalMs: fc.integer({ min: 0, max: 500 }),
              bufferCapacity: fc.integer({ min: 1, max: 4 }),
              checkpointing: fc.record({ intervalMs: fc.integer({ min: 100, max: 5000 }), mode: fc.constantFrom('aligned', 'unaligned') }),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      nodes: fc.tuple(...ids.map(nodeOf)),
      edges: fc.array(edge, { maxLength: 3 }).map((extra) => [...chain, ...extra] as Json),
      faults: fc.array(fc.record({ kind: fc.constantFrom('crash', 'savepoint', 'explode'), atMs: fc.integer({ min: 0, max: 20_000 }), node: id }, { requiredKeys: ['kind', 'atMs'] }), { maxLength: 2 }),
    },
    { requiredKeys: ['format', 'nodes', 'edges'] },
  );
});

/** Nested arrays/objects, up to past the command's nesting limit. */
const deepValue = fc.integer({ min: 1, max: 700 }).map((depth) => {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { x: v };
  return v;
});

/** A value that replaces a part of a document. */
const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  hugeNumber,
  expression,
  fc.constantFrom(...nodeKinds, 'windw', 'SOURCE'),
  deepValue,
);

/** Every path inside a document, for picking a place to mutate. */
function pathsOf(doc: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: [Json, (string | number)[]][] = [[doc, []]];
  while (stack.length > 0 && out.length < 5000) {
    const [v, p] = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) v.forEach((c, i) => stack.push([c, [...p, i]]));
    else if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) stack.push([c, [...p, k]]);
  }
  return out;
}

type Mutation = { at: number; op: 'delete' | 'replace' | 'wrap' | 'duplicate' | 'cycle'; value: Json };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'replace', 'wrap', 'duplicate', 'cycle'),
  value: junk,
});

function mutate(doc: Json, mutations: Mutation[]): Json {
  let root = structuredClone(doc);
  for (const m of mutations) {
    const paths = pathsOf(root);
    const p = paths[m.at % paths.length];
    if (m.op === 'cycle' && root && typeof root === 'object' && !Array.isArray(root) && Array.isArray(root.edges)) {
      const e = root.edges[m.at % Math.max(1, root.edges.length)] as Record<string, Json> | undefined;
      if (e && typeof e === 'object') root.edges.push({ from: e.to, to: e.from });
      continue;
    }
    if (p.length === 0) {
      root = m.op === 'delete' ? null : m.value;
      continue;
    }
    const parent = p.slice(0, -1).reduce<any>((v, k) => v[k], root);
    const key = p[p.length - 1];
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.op === 'wrap') parent[key] = [parent[key]];
    else if (m.op === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
    else parent[key] = m.value;
  }
  return root;
}

/**
 * The shapes of the hostile corpus (src/cli/hostile), smaller and at random sizes: sliding windows in
 * many windows per record, generators far past the record limit, huge key counts, stacked diamonds,
 * fan-outs, 0 ms triggers and 1 ms watermark intervals until 10^12, filter chains, names that
 * Object.prototype has. `validate` sees them as generated; `run` their tamed form.
 */
const one = { ts: 1000, at: 0, key: 'a', value: 1 };
const hostileJob: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ size: fc.constantFrom(1000, 60_000, 86_400_000), slide: fc.constantFrom(1, 10, 1000) }).map(({ size, slide }): Json => ({
    format: 'streamlab.job/v1',
    nodes: [
      { id: 's', kind: 'source', params: { records: [one] } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
      { id: 'w', kind: 'window', params: { assigner: { kind: 'sliding', sizeMs: size, slideMs: Math.min(size, slide) }, aggregate: { fn: 'count' } } },
      { id: 'o', kind: 'sink', params: {} },
    ],
    edges: [{ from: 's', to: 'wm' }, { from: 'wm', to: 'w' }, { from: 'w', to: 'o' }],
  })),
  fc.record({
    rate: fc.constantFrom(1, 1000, 10_000_000),
    keys: fc.constantFrom(1, 1000, 10_000_000),
    until: fc.constantFrom(1000, 1e9, 1e12),
    mode: fc.constantFrom('microbatch', 'dataflow'),
    interval: fc.constantFrom(0, 1, 200),
  }).map(({ rate, keys, until, mode, interval }): Json => ({
    format: 'streamlab.job/v1',
    mode,
    settings: { untilMs: until, dataflow: { autoWatermarkIntervalMs: interval }, microbatch: { trigger: { kind: 'processingTime', intervalMs: interval }, batchOverheadMs: 0, outputMode: 'update' } },
    nodes: [
      { id: 's', kind: 'source', params: { connector: 'rate', generator: { ratePerSec: rate, keys } } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
      { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
      { id: 'w', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 1000 }, aggregate: { fn: 'count' } } },
      { id: 'o', kind: 'sink', params: {} },
    ],
    edges: [{ from: 's', to: 'wm' }, { from: 'wm', to: 'kb' }, { from: 'kb', to: 'w' }, { from: 'w', to: 'o' }],
  })),
  fc.record({ diamonds: fc.constantFrom(1, 3, 6, 17, 40), fanOut: fc.integer({ min: 1, max: 10 }), chain: fc.integer({ min: 0, max: 60 }), mode: fc.constantFrom('microbatch', 'dataflow') }).map(({ diamonds, fanOut, chain, mode }): Json => {
    const nodes: Json[] = [{ id: 's', kind: 'source', params: { records: [one, { ...one, ts: 2000, at: 5 }] } }];
    const edges: Json[] = [];
    let last = 's';
    for (let i = 0; i < chain; i++) {
      nodes.push({ id: `f${i}`, kind: 'filter', params: { predicate: 'value > 0' } });
      edges.push({ from: last, to: `f${i}` });
      last = `f${i}`;
    }
    for (let i = 0; i < diamonds; i++) {
      nodes.push({ id: `a${i}`, kind: 'filter', params: { predicate: 'true' } }, { id: `b${i}`, kind: 'map', params: { fields: { value: 'value' } } }, { id: `u${i}`, kind: 'union', params: {} });
      edges.push({ from: last, to: `a${i}` }, { from: last, to: `b${i}` }, { from: `a${i}`, to: `u${i}` }, { from: `b${i}`, to: `u${i}` });
      last = `u${i}`;
    }
    for (let i = 0; i < fanOut; i++) {
      nodes.push({ id: `o${i}`, kind: 'sink', params: {} });
      edges.push({ from: last, to: `o${i}` });
    }
    return { format: 'streamlab.job/v1', mode, nodes, edges };
  }),
  fc.record({ name: fc.constantFrom(...PROTO_NAMES), mode: fc.constantFrom('microbatch', 'dataflow') }).map(({ name, mode }): Json => ({
    format: 'streamlab.job/v1',
    mode,
    settings: { microbatch: { outputMode: 'update' } },
    nodes: [
      { id: name, kind: 'source', params: { records: [1, 2, 3].map((i) => JSON.parse(`{"ts":${i * 1000},"at":${i},"${name}":"k${i % 2}","value":${i}}`)) } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
      { id: 'm', kind: 'map', params: { fields: JSON.parse(`{"${name}":"${name === '__proto__' ? '`__proto__`' : name}","value":"value / (value - 2)"}`) } },
      { id: 'kb', kind: 'keyBy', params: { key: name } },
      { id: 'w', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 10_000 }, aggregate: [{ fn: 'count', as: name }, { fn: 'sum', field: name }], lateOutput: name } },
      { id: `${name}_out`, kind: 'sink', params: {} },
    ],
    edges: [{ from: name, to: 'wm' }, { from: 'wm', to: 'm' }, { from: 'm', to: 'kb' }, { from: 'kb', to: 'w' }, { from: 'w', to: `${name}_out` }],
  })),
);
const mutatedHostile = fc.tuple(hostileJob, fc.array(mutation, { maxLength: 1 })).map(([job, ms]) => mutate(job, ms));

const mutatedCase = fc.tuple(fc.constantFrom(...caseJobs), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([job, ms]) => mutate(job, ms));
const mutatedGenerated = fc.tuple(generatedJob, fc.array(mutation, { maxLength: 2 })).map(([job, ms]) => mutate(job, ms));

/** JSON text with a byte cut out or changed here and there. */
const brokenText = fc.tuple(fc.constantFrom(...caseJobs), fc.nat(), fc.constantFrom('', '}', ',', '"', '\u0000', '\\', ']]', 'NaN', 'Infinity')).map(([job, at, insert]) => {
  const text = JSON.stringify(job, null, 1);
  const i = at % text.length;
  return text.slice(0, i) + insert + text.slice(i + 1);
});

const documentText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: mutatedCase.map((d) => JSON.stringify(d)) },
  { weight: 4, arbitrary: mutatedGenerated.map((d) => JSON.stringify(d)) },
  { weight: 2, arbitrary: generatedJob.map((d) => JSON.stringify(d)) },
  { weight: 1, arbitrary: fc.constantFrom(...caseJobs).map((d) => JSON.stringify(d)) },
  { weight: 1, arbitrary: junk.map((d) => JSON.stringify(d)) },
  { weight: 1, arbitrary: brokenText },
  { weight: 1, arbitrary: fc.oneof(hostileJob, mutatedHostile).map((d) => JSON.stringify(d)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

// ---------------------------------------------------------------------------------------------

const CHUNKS = 10;
const RUNS_PER_CHUNK = 1000;

describe('fuzzing validate and run in-process', () => {
  it.each(Array.from({ length: CHUNKS }, (_, i) => i))(
    `chunk %i: ${RUNS_PER_CHUNK} documents exit 0 or 2 with path: message lines`,
    (chunk) => {
      fc.assert(fc.property(documentText, check), { numRuns: RUNS_PER_CHUNK, seed: 20_261_126 + chunk, endOnFailure: false });
    },
    60_000,
  );

  it('the generators reach valid and runnable jobs as well as invalid ones', () => {
    const sample = fc.sample(documentText, { numRuns: 500, seed: 7 });
    const valid = sample.filter((t) => {
      try {
        return parseJob(JSON.parse(t)).ok;
      } catch {
        return false;
      }
    });
    expect(valid.length).toBeGreaterThan(50);
    expect(valid.length).toBeLessThan(450);
  });

  it('checks never report an internal problem', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        let doc: unknown;
        try {
          doc = JSON.parse(text);
        } catch {
          return;
        }
        for (const mode of ['microbatch', 'dataflow'] as const) {
          const r = parseJob(doc, { mode });
          const problems = r.ok ? r.warnings : r.problems;
          // Quoted values are the document's own text (a format "NaN…" is the user's): not looked at.
          for (const p of problems) expect(p.message.replace(/"(?:[^"\\]|\\.)*"/g, '""')).not.toMatch(/cannot be read|undefined|\[object Object\]|NaN/);
        }
      }),
      { numRuns: 1000, seed: 42 },
    );
  }, 60_000);
});
