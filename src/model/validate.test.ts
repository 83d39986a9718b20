import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseJob, MAX_PROBLEMS } from './validate.ts';
import { hasPunctuatedWatermarks, isEventTimeWindow } from './queries.ts';
import type { Mode } from './schema.ts';

type Doc = Record<string, any>;

/** source → watermark → keyBy → window → sink, valid in both modes. */
function baseJob(): Doc {
  return {
    format: 'streamlab.job/v1',
    name: 'test',
    mode: 'dataflow',
    settings: { untilMs: 20_000 },
    nodes: [
      { id: 'src', kind: 'source', params: { partitions: 2, records: [{ ts: 1000, at: 0, key: 'a', value: 1 }] } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 1000 } },
      { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
      { id: 'win', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 10_000 }, aggregate: { fn: 'count', as: 'count' } } },
      { id: 'out', kind: 'sink', params: {} },
    ],
    edges: [
      { from: 'src', to: 'wm' },
      { from: 'wm', to: 'kb' },
      { from: 'kb', to: 'win' },
      { from: 'win', to: 'out' },
    ],
  };
}

const node = (job: Doc, id: string) => job.nodes.find((n: Doc) => n.id === id);

/** The `path: message` lines of a job's errors (empty when valid). */
function errorsOf(job: unknown, mode?: Mode): string[] {
  const r = parseJob(job, { mode });
  return r.ok ? [] : r.problems.map(formatProblem);
}

function warningsOf(job: unknown, mode?: Mode): string[] {
  const r = parseJob(job, { mode });
  if (!r.ok) throw new Error(`expected a valid job, got:\n${r.problems.map(formatProblem).join('\n')}`);
  return r.warnings.map(formatProblem);
}

/** Exactly one error, matching `pattern`. */
function expectOneError(job: unknown, pattern: RegExp, mode?: Mode) {
  const errors = errorsOf(job, mode);
  expect(errors, errors.join('\n')).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
}

describe('the base job', () => {
  it.each(['microbatch', 'dataflow'] as const)('is valid in %s mode, with no warnings', (mode) => {
    expect(warningsOf(baseJob(), mode)).toEqual([]);
  });
});

describe('schema problems say where and why', () => {
  it('rejects a document that is not an object', () => {
    expect(errorsOf(42)).toEqual(['job: expected an object, got 42']);
    expect(errorsOf(null)).toEqual(['job: expected an object, got null']);
    expect(errorsOf([])).toEqual(['job: expected an object, got an empty array']);
  });

  it('names missing required fields', () => {
    expect(errorsOf({})).toEqual(['format: required: expected "streamlab.job/v1"', 'nodes: required']);
  });

  it('names a wrong format', () => {
    expectOneError({ ...baseJob(), format: 'streamlab.job/v2' }, /^format: expected "streamlab.job\/v1", got "streamlab.job\/v2"$/);
  });

  it('reports a wrong type with the value it got', () => {
    const job = baseJob();
    node(job, 'wm').params.delayMs = '10s';
    expect(errorsOf(job)).toEqual(['nodes[1].params.delayMs: expected a number, got "10s"']);
  });

  it('reports a non-integer millisecond amount', () => {
    const job = baseJob();
    node(job, 'wm').params.delayMs = 1.5;
    expectOneError(job, /^nodes\[1\]\.params\.delayMs: expected an integer.*got 1\.5$/);
  });

  it('lists the node kinds for an unknown kind, with a hint', () => {
    const job = baseJob();
    node(job, 'win').kind = 'windw';
    expect(errorsOf(job)).toEqual([
      'nodes[3].kind: unknown node kind "windw" (did you mean "window"?); expected one of source, watermark, filter, map, keyBy, window, dropLate, dedup, join, union, sink',
    ]);
  });

  it('names a missing kind as required', () => {
    const job = baseJob();
    delete node(job, 'win').kind;
    expectOneError(job, /^nodes\[3\]\.kind: required: the node kind; expected one of source, watermark/);
  });

  it('reports an unknown field with the fields that exist', () => {
    const job = baseJob();
    node(job, 'wm').params = { delay: 1000 };
    expect(errorsOf(job)).toEqual([
      'nodes[1].params.delayMs: required',
      'nodes[1].params.delay: unknown field (did you mean "delayMs"?); expected one of delayMs, idleTimeoutMs',
    ]);
  });

  it('reports numbers out of range', () => {
    const job = baseJob();
    node(job, 'win').params.assigner.sizeMs = 0;
    node(job, 'wm').params.delayMs = 2 ** 60;
    expect(errorsOf(job)).toEqual([
      'nodes[1].params.delayMs: must be at most 1000000000000000, got 1152921504606847000',
      'nodes[3].params.assigner.sizeMs: must be at least 1, got 0',
    ]);
  });

  it('reports too few items and empty strings', () => {
    expectOneError({ ...baseJob(), nodes: [] }, /^nodes: must hold at least 1 item$/);
    const job = baseJob();
    node(job, 'kb').params.key = '';
    expectOneError(job, /^nodes\[2\]\.params\.key: must not be empty$/);
  });

  it('reports an enum value with the allowed ones', () => {
    const job = baseJob();
    job.settings.microbatch = { outputMode: 'appnd' };
    expectOneError(job, /^settings\.microbatch\.outputMode: expected one of append, update, complete; got "appnd" \(did you mean "append"\?\)$/);
  });

  it('reports an unknown assigner kind with its own list', () => {
    const job = baseJob();
    node(job, 'win').params.assigner = { kind: 'tumble', sizeMs: 10 };
    expectOneError(job, /^nodes\[3\]\.params\.assigner\.kind: unknown assigner kind "tumble".*expected one of tumbling, sliding, session, global$/);
  });

  it('explains a union by the branch the value nearly fits', () => {
    const job = baseJob();
    node(job, 'win').params.aggregate = [{ fn: 'sum', fild: 'value' }];
    expectOneError(job, /^nodes\[3\]\.params\.aggregate\[0\]\.fild: unknown field \(did you mean "field"\?\); expected one of fn, field, as$/);
    node(job, 'win').params.aggregate = 5;
    expectOneError(job, /^nodes\[3\]\.params\.aggregate: expected an object or an array, got 5$/);
  });

  it('tells a scripted record from a punctuated watermark item', () => {
    const job = baseJob();
    node(job, 'src').params.records = [{ ts: 'x', at: 0 }, { watermark: '5', at: 0 }];
    expect(errorsOf(job)).toEqual([
      'nodes[0].params.records[0].ts: expected a number, got "x"',
      'nodes[0].params.records[1].watermark: expected a number, got "5"',
    ]);
  });

  it('uses the id rule as its message', () => {
    const job = baseJob();
    node(job, 'out').id = '1out';
    job.edges[3].to = '1out';
    expectOneError(job, /^nodes\[4\]\.id: must start with a letter.*got "1out"$/);
  });

  it('caps a flood of problems', () => {
    const job = baseJob();
    node(job, 'src').params.records = Array.from({ length: 500 }, () => ({ at: 0 }));
    const errors = errorsOf(job);
    expect(errors).toHaveLength(MAX_PROBLEMS + 1);
    expect(errors.at(-1)).toBe('job: 300 more problems not shown');
  });

  it('never throws, even for exotic in-process values', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    expect(() => parseJob(hostile)).not.toThrow();
    expect(parseJob(hostile).ok).toBe(false);
    expect(parseJob(undefined).ok).toBe(false);
  });
});

describe('graph checks', () => {
  it('rejects duplicate node ids', () => {
    const job = baseJob();
    job.nodes.push({ id: 'kb', kind: 'filter', params: { predicate: 'value > 1' } });
    expectOneError(job, /^nodes\[5\]\.id: duplicate node id "kb" \(also nodes\[2\]\)$/);
  });

  it('rejects dangling edges', () => {
    const job = baseJob();
    job.edges.push({ from: 'wm', to: 'wm2' }, { from: 'ghost', to: 'out' });
    expect(errorsOf(job)).toEqual([
      'edges[4].to: edge points to missing node "wm2"',
      'edges[5].from: edge comes from missing node "ghost"',
    ]);
  });

  it('rejects a self-loop', () => {
    const job = baseJob();
    job.edges.push({ from: 'kb', to: 'kb' });
    expectOneError(job, /^edges\[4\]: edge from "kb" to itself \(a self-loop\)$/);
  });

  it('rejects a cycle and names its nodes', () => {
    const job = baseJob();
    job.nodes.push({ id: 'f', kind: 'filter', params: { predicate: 'value > 0' } });
    job.edges.push({ from: 'kb', to: 'f' }, { from: 'f', to: 'kb' });
    expectOneError(job, /^edges\[5\]: the graph has a cycle through kb → f → kb$/);
  });

  it('allows left/right ports only into a join', () => {
    const job = baseJob();
    job.edges[2].toPort = 'left';
    expectOneError(job, /^edges\[2\]\.toPort: port "left" exists only on a join; "win" \(window\) has a single input$/);
  });

  it('needs exactly one left and one right input into a join', () => {
    const job = joinJob();
    expect(errorsOf(job)).toEqual([]);
    job.edges[1].toPort = 'left';
    expectOneError(job, /^nodes\[2\]: a join needs exactly one left input and one right input; "j" has 2 left and 0 right$/);
    delete job.edges[1].toPort;
    expect(errorsOf(job)).toContain('edges[1].toPort: an edge into join "j" must set toPort to left or right');
  });

  it('allows fromPort late only from window or dropLate, and only with a lateOutput', () => {
    const job = baseJob();
    job.edges.push({ from: 'kb', to: 'out', fromPort: 'late' });
    expectOneError(job, /^edges\[4\]\.fromPort: only a window or dropLate node has a late output; "kb" \(keyBy\) has none$/);
    job.edges[4] = { from: 'win', to: 'out', fromPort: 'late' };
    expectOneError(job, /^edges\[4\]\.fromPort: "win" has no lateOutput/);
    node(job, 'win').params.lateOutput = 'late';
    expect(errorsOf(job)).toEqual([]);
  });

  it('rejects inputs into a source and outputs from a sink', () => {
    const job = baseJob();
    job.edges.push({ from: 'out', to: 'src' });
    expect(errorsOf(job)).toEqual([
      'edges[4].to: a source takes no inputs; "src" is a source',
      'edges[4].from: a sink has no outputs; "out" is a sink',
      'edges[4]: the graph has a cycle through src → wm → kb → win → out → src',
    ]);
  });

  it('needs an input into every node but sources', () => {
    const job = baseJob();
    job.nodes.push({ id: 'u', kind: 'union', params: {} });
    expectOneError(job, /^nodes\[5\]: "u" \(union\) has no input; add an edge into it$/);
  });

  it('needs exactly one of records and generator in a source', () => {
    const job = baseJob();
    node(job, 'src').params = { partitions: 1 };
    expectOneError(job, /^nodes\[0\]\.params: a source needs either records \(scripted input\) or a generator$/);
    node(job, 'src').params = { records: [], generator: { ratePerSec: 1, keys: 2, endMs: 1000 } };
    expectOneError(job, /^nodes\[0\]\.params\.generator: a source takes records or a generator, not both$/);
  });

  it('needs scripted partitions below the partition count', () => {
    const job = baseJob();
    node(job, 'src').params.records.push({ ts: 1, at: 1, partition: 2 }, { watermark: 1, at: 1, partition: 1 });
    expectOneError(job, /^nodes\[0\]\.params\.records\[1\]\.partition: partition 2 does not exist; the source has partitions 0–1$/);
  });

  it('parses filter predicates and reports the error position', () => {
    const job = baseJob();
    job.nodes.push({ id: 'f', kind: 'filter', params: { predicate: 'value > )' } });
    job.edges.push({ from: 'src', to: 'f' });
    expectOneError(job, /^nodes\[5\]\.params\.predicate: unexpected '\)' at 8/);
  });

  it('parses every map field', () => {
    const job = baseJob();
    job.nodes.push({ id: 'm', kind: 'map', params: { fields: { ok: 'value * 2', 'bad name': 'UPPER(key', worse: '1 +' } } });
    job.edges.push({ from: 'src', to: 'm' });
    const errors = errorsOf(job);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^nodes\[5\]\.params\.fields\["bad name"\]: .* at 9/);
    expect(errors[1]).toMatch(/^nodes\[5\]\.params\.fields\.worse: .* at 3/);
  });

  it('needs an aggregate field for sum, min, max and avg', () => {
    for (const fn of ['sum', 'min', 'max', 'avg']) {
      const job = baseJob();
      node(job, 'win').params.aggregate = [{ fn: 'count' }, { fn }];
      expectOneError(job, new RegExp(`^nodes\\[3\\]\\.params\\.aggregate\\[1\\]\\.field: required for ${fn}`));
    }
    const job = baseJob();
    node(job, 'win').params.aggregate = { fn: 'sum', as: 'total' };
    expectOneError(job, /^nodes\[3\]\.params\.aggregate\.field: required for sum/);
  });

  it('needs plain side output names', () => {
    const job = baseJob();
    node(job, 'win').params.lateOutput = 'late:records';
    expectOneError(job, /^nodes\[3\]\.params\.lateOutput: a side output name must start with a letter/);
  });

  it('needs sensible ranges: uniform min ≤ max, generator start ≤ end, join lower ≤ upper bound', () => {
    const job = baseJob();
    node(job, 'src').params = { generator: { ratePerSec: 1, keys: 2, value: { kind: 'uniform', min: 5, max: 1 }, startMs: 10, endMs: 5 } };
    expect(errorsOf(job)).toEqual([
      'nodes[0].params.generator.value.min: min 5 is above max 1',
      'nodes[0].params.generator.startMs: startMs 10 is after endMs 5',
    ]);
    const join = joinJob();
    join.nodes[2].params.lowerBoundMs = 10;
    join.nodes[2].params.upperBoundMs = 5;
    expectOneError(join, /^nodes\[2\]\.params\.lowerBoundMs: lowerBoundMs 10 is above upperBoundMs 5: no pair could ever join$/);
  });

  it('needs faults to name existing nodes', () => {
    const job = baseJob();
    job.faults = [{ kind: 'crash', atMs: 1000, node: 'cnt' }, { kind: 'crash', atMs: 2000 }, { kind: 'savepoint', atMs: 3000 }];
    expectOneError(job, /^faults\[0\]\.node: no node "cnt" to crash$/);
  });
});

describe('mode checks', () => {
  const withoutWatermark = () => {
    const job = baseJob();
    job.nodes.splice(1, 1);
    job.edges.splice(0, 2, { from: 'src', to: 'kb' });
    return job;
  };

  it('micro-batch: an append-mode event-time window needs a watermark upstream', () => {
    expectOneError(withoutWatermark(), /^nodes\[2\]: window "win" needs a watermark node upstream in append output mode/, 'microbatch');
    const update = withoutWatermark();
    update.settings.microbatch = { outputMode: 'update' };
    expect(errorsOf(update, 'microbatch')).toEqual([]);
    const processing = withoutWatermark();
    node(processing, 'win').params.assigner.time = 'processing';
    expect(errorsOf(processing, 'microbatch')).toEqual([]);
  });

  const unbounded = (job: ReturnType<typeof baseJob>, id: string) => {
    node(job, id).params = { generator: { ratePerSec: 10, keys: 2 } };
    return job;
  };

  it('dataflow: an event-time window over an unbounded source never fires without a watermark', () => {
    expectOneError(unbounded(withoutWatermark(), 'src'), /^nodes\[2\]: never fires: no watermark reaches it \(no watermark node between it and source "src"/, 'dataflow');
  });

  it('dataflow: over a bounded source it fires only at the end of input (a warning)', () => {
    expect(errorsOf(withoutWatermark(), 'dataflow')).toEqual([]);
    expect(warningsOf(withoutWatermark(), 'dataflow')).toEqual([
      expect.stringMatching(/^nodes\[2\]: fires only when the input ends: no watermark reaches it before/),
    ]);
  });

  it('dataflow: punctuated watermarks count as a watermark source', () => {
    const job = withoutWatermark();
    node(job, 'src').params.records.push({ watermark: 5000, at: 10 });
    expect(hasPunctuatedWatermarks(node(job, 'src'))).toBe(true);
    expect(errorsOf(job, 'dataflow')).toEqual([]);
  });

  it('dataflow: count and processing-time triggers, processing-time and global windows need no watermark', () => {
    for (const patch of [
      { trigger: { kind: 'count', count: 2 } },
      { trigger: { kind: 'processingTime' } },
      { assigner: { kind: 'tumbling', sizeMs: 1000, time: 'processing' } },
      { assigner: { kind: 'global' }, trigger: { kind: 'count', count: 2 } },
    ]) {
      const job = withoutWatermark();
      Object.assign(node(job, 'win').params, patch);
      expect(errorsOf(job, 'dataflow'), JSON.stringify(patch)).toEqual([]);
    }
    expect(isEventTimeWindow({ id: 'w', kind: 'window', params: { assigner: { kind: 'global' }, aggregate: { fn: 'count' } } } as never)).toBe(false);
  });

  it('dataflow: every input of a window must carry a watermark', () => {
    const job = baseJob();
    job.nodes.push(
      { id: 'src2', kind: 'source', params: { generator: { ratePerSec: 1, keys: 1 } } },
      { id: 'u', kind: 'union', params: {} },
    );
    job.edges.splice(1, 1, { from: 'wm', to: 'u' }, { from: 'src2', to: 'u' }, { from: 'u', to: 'kb' });
    expectOneError(job, /^nodes\[3\]: never fires: no watermark reaches it \(source "src2" reaches it without a watermark/, 'dataflow');
    expect(errorsOf(job, 'microbatch')).toEqual([]); // Spark: one watermark node anywhere upstream suffices
  });

  it('micro-batch: a stream-stream join allows only append output', () => {
    const job = joinJob();
    job.settings = { microbatch: { outputMode: 'update' } };
    expectOneError(job, /^settings\.microbatch\.outputMode: "update" is not allowed with stream-stream join "j"/, 'microbatch');
    expect(errorsOf(job, 'dataflow')).toEqual([]);
  });

  it('micro-batch: the continuous trigger allows only map-like nodes', () => {
    const job = baseJob();
    job.settings.microbatch = { trigger: { kind: 'continuous', checkpointIntervalMs: 1000 } };
    expectOneError(job, /^nodes\[3\]\.kind: a window cannot run with the continuous trigger/, 'microbatch');
    job.nodes.splice(3, 1);
    job.edges.splice(2, 2, { from: 'kb', to: 'out' });
    expect(errorsOf(job, 'microbatch')).toEqual([]);
  });

  it('micro-batch: a sliding window slides at most its size', () => {
    const job = baseJob();
    node(job, 'win').params.assigner = { kind: 'sliding', sizeMs: 1000, slideMs: 2000 };
    expectOneError(job, /^nodes\[3\]\.params\.assigner\.slideMs: slideMs 2000 is above sizeMs 1000: Spark requires/, 'microbatch');
    expect(errorsOf(job, 'dataflow')).toEqual([]);
  });

  it('checks against the mode given in options, not the job', () => {
    const job = unbounded(withoutWatermark(), 'src');
    job.mode = 'microbatch';
    job.settings.microbatch = { outputMode: 'update' };
    expect(errorsOf(job)).toEqual([]);
    expect(errorsOf(job, 'dataflow')).toHaveLength(1);
  });
});

describe('warnings', () => {
  it('dropLate has no effect in micro-batch mode', () => {
    const job = baseJob();
    job.nodes.push({ id: 'dl', kind: 'dropLate', params: {} });
    job.edges.push({ from: 'wm', to: 'dl' }, { from: 'dl', to: 'out' });
    expect(warningsOf(job, 'microbatch')).toEqual([
      'nodes[5]: has no effect in micro-batch mode: Spark filters late rows only in stateful operators',
    ]);
    expect(warningsOf(job, 'dataflow')).toEqual([]);
  });

  it('punctuated watermarks are ignored in micro-batch mode', () => {
    const job = baseJob();
    node(job, 'src').params.records.push({ watermark: 1, at: 1 }, { watermark: 2, at: 2 });
    expect(warningsOf(job, 'microbatch')).toEqual([
      'nodes[0].params.records[1]: 2 punctuated watermark items are ignored in micro-batch mode (Spark computes watermarks from watermark nodes only)',
    ]);
    expect(warningsOf(job, 'dataflow')).toEqual([]);
  });

  it('a generator without endMs and no untilMs runs for the default time', () => {
    const job = baseJob();
    delete job.settings.untilMs;
    node(job, 'src').params = { generator: { ratePerSec: 10, keys: 3 } };
    expect(warningsOf(job)).toEqual([
      'nodes[0].params.generator: has no endMs and settings.untilMs is not set: runs until untilMs; defaulting to 60000',
    ]);
    expect(parseJob(job, { untilMs: 5000 })).toMatchObject({ ok: true, warnings: [] });
    node(job, 'src').params.generator.endMs = 5000;
    expect(warningsOf(job)).toEqual([]);
  });
});

/** Two sources with watermarks into a join. */
function joinJob(): Doc {
  return {
    format: 'streamlab.job/v1',
    mode: 'microbatch',
    nodes: [
      { id: 'l', kind: 'source', params: { records: [{ ts: 1, at: 1, k: 'a' }] } },
      { id: 'r', kind: 'source', params: { records: [{ ts: 1, at: 1, k: 'a' }] } },
      { id: 'j', kind: 'join', params: { leftKey: 'k', rightKey: 'k', lowerBoundMs: -1000, upperBoundMs: 1000 } },
      { id: 'out', kind: 'sink', params: {} },
    ],
    edges: [
      { from: 'l', to: 'j', toPort: 'left' },
      { from: 'r', to: 'j', toPort: 'right' },
      { from: 'j', to: 'out' },
    ],
  };
}

describe('every case job in ../shared/cases', () => {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  const dir = path.resolve(repoRoot, '..', 'shared', 'cases');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

  it('finds the cases', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s validates in its own mode', (file) => {
    const { job } = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    expect(errorsOf(job, job.mode)).toEqual([]);
  });
});

describe('params of a node kind without params', () => {
  it('say that no fields are allowed', () => {
    const job = {
      format: 'streamlab.job/v1',
      nodes: [{ id: 'a', kind: 'source', params: { records: [] } }, { id: 'u', kind: 'union', params: { connector: 'kafka' } }],
      edges: [{ from: 'a', to: 'u' }],
    };
    expect(errorsOf(job)).toEqual(['nodes[1].params.connector: unknown field; no fields are allowed here']);
  });
});
