import { describe, expect, it } from 'vitest';
import { runCli, USAGE } from './commands.ts';
import { createMemoryIo } from './memory-io.ts';

// Five clicks into 10 s windows; the one with ts 2000 arrives after one with ts 12000.
const job = {
  format: 'streamlab.job/v1',
  name: 'sweep test',
  mode: 'dataflow',
  settings: { microbatch: { trigger: { kind: 'processingTime', intervalMs: 1000 } } },
  nodes: [
    {
      id: 'src',
      kind: 'source',
      params: {
        records: [
          { ts: 1000, at: 1000, key: 'a', value: 1 },
          { ts: 5000, at: 5000, key: 'a', value: 1 },
          { ts: 12_000, at: 12_000, key: 'a', value: 1 },
          { ts: 2000, at: 13_000, key: 'a', value: 1 },
          { ts: 40_000, at: 40_000, key: 'a', value: 1 },
        ],
      },
    },
    { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
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
const jobText = JSON.stringify(job);

function cli(argv: string[], files: Record<string, string> = { 'job.json': jobText }) {
  const mem = createMemoryIo(files);
  const code = runCli(argv, mem.io);
  return { code, stdout: mem.stdout(), stderr: mem.stderr(), files: mem.files };
}

/** Exit 2, the stderr lines as given (`path: message`), nothing on stdout, no file written. */
function expectInvalid(r: ReturnType<typeof cli>, ...lines: (string | RegExp)[]) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const got = r.stderr.trimEnd().split('\n');
  expect(got).toHaveLength(lines.length);
  lines.forEach((line, i) => (typeof line === 'string' ? expect(got[i]).toBe(line) : expect(got[i]).toMatch(line)));
  for (const l of got) expect(l).toMatch(/^[^\s]+: .+/);
  expect([...r.files.keys()].filter((f) => f !== 'job.json')).toEqual([]);
}

describe('streamlab sweep: output', () => {
  it('writes streamlab.sweep/v1 JSON with one point per value and mode', () => {
    const r = cli(['sweep', 'job.json', '--set', 'nodes.wm.params.delayMs=0:4000:2000', '--mode', 'both']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ format: 'streamlab.sweep/v1', job: 'sweep test', parameter: 'nodes.wm.params.delayMs' });
    expect(doc.points.map((p: { value: number; mode: string }) => [p.value, p.mode])).toEqual([
      [0, 'microbatch'],
      [0, 'dataflow'],
      [2000, 'microbatch'],
      [2000, 'dataflow'],
      [4000, 'microbatch'],
      [4000, 'dataflow'],
    ]);
    const keys = ['value', 'mode', 'completeness', 'latencyP50Ms', 'latencyP95Ms', 'resultsEmitted', 'revisions', 'lateRecords', 'droppedLate', 'stateRowsPeak', 'visibilityLatencyP50Ms'];
    for (const p of doc.points) expect(Object.keys(p)).toEqual(keys);
    const dataflow = doc.points.filter((p: { mode: string }) => p.mode === 'dataflow');
    // Delay 0: the click with ts 2000 comes after the watermark passed 10000 → late, 4 of 5 counted.
    expect(dataflow[0]).toMatchObject({ completeness: 0.8, lateRecords: 1, droppedLate: 1, visibilityLatencyP50Ms: null });
    // Delay 4000: the watermark is below 8000 when it comes → counted on time.
    expect(dataflow[2]).toMatchObject({ completeness: 1, lateRecords: 0 });
    expect(dataflow[2].latencyP50Ms).toBeGreaterThan(dataflow[0].latencyP50Ms);
  });

  it('defaults to the job mode, and writes CSV with an empty cell for null', () => {
    const r = cli(['sweep', 'job.json', '--set', 'nodes.wm.params.delayMs=0,4000', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('parameter,value,mode,completeness,latencyP50Ms,latencyP95Ms,resultsEmitted,revisions,lateRecords,droppedLate,stateRowsPeak,visibilityLatencyP50Ms');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^nodes\.wm\.params\.delayMs,0,dataflow,0\.8,\d+,\d+,\d+,0,1,1,\d+,$/);
    expect(lines[2]).toMatch(/^nodes\.wm\.params\.delayMs,4000,dataflow,1,/);
  });

  it('writes to --out, and the same sweep twice is byte for byte the same', () => {
    const argv = ['sweep', 'job.json', '--set=nodes.win.params.allowedLatenessMs=0,5000', '--mode=both', '--out', 'sweep.json'];
    const a = cli(argv);
    const b = cli(argv);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe('');
    expect(a.files.get('sweep.json')).toBe(b.files.get('sweep.json'));
    const doc = JSON.parse(a.files.get('sweep.json')!);
    // Lateness 5000 keeps the late click: a late firing, a revision.
    expect(doc.points[3]).toMatchObject({ value: 5000, mode: 'dataflow', revisions: 1, lateRecords: 0 });
  });

  it('sets a field the job leaves to its default, and settings by their path', () => {
    const r = cli(['sweep', 'job.json', '--set', 'settings.microbatch.trigger.intervalMs=500,2000', '--mode', 'microbatch', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('is in --help', () => {
    expect(USAGE).toContain('streamlab sweep JOB.json --set PATH=V1,V2,… | --set PATH=FROM:TO:STEP [--mode microbatch|dataflow|both]');
  });
});

describe('streamlab sweep: bad input exits 2 with path: message and writes nothing', () => {
  const sweep = (...args: string[]) => cli(['sweep', 'job.json', ...args, '--out', 'out.json']);

  it('without --set, or with a --set that is not PATH=VALUES', () => {
    expectInvalid(sweep(), '--set: required: --set PATH=V1,V2,… or --set PATH=FROM:TO:STEP');
    expectInvalid(sweep('--set', 'delayMs'), '--set: expected PATH=V1,V2,… or PATH=FROM:TO:STEP; got "delayMs"');
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs='), 'nodes.wm.params.delayMs: no values given');
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=1,,2'), 'nodes.wm.params.delayMs: empty value in list "1,,2"');
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=1,1'), 'nodes.wm.params.delayMs: value 1 is listed twice');
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=1:2'), /^nodes\.wm\.params\.delayMs: expected FROM:TO:STEP with three numbers/);
  });

  it('a path that names nothing', () => {
    expectInvalid(sweep('--set', 'nodes.nope.params.delayMs=1'), 'nodes.nope.params.delayMs: names nothing: no node has id "nope"');
    expectInvalid(sweep('--set', 'nodes.wm.params.delay=1'), 'nodes.wm.params.delay: names nothing: nodes[1].params has no field "delay" (fields: delayMs, idleTimeoutMs)');
    expectInvalid(sweep('--set', 'settings.nope=1'), /^settings\.nope: names nothing: settings has no field "nope"/);
    expectInvalid(sweep('--set', 'nodes.wm.params=1'), 'nodes.wm.params: names nodes[1].params, which is not a single value: name one of its fields');
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs.x=1'), /^nodes\.wm\.params\.delayMs\.x: names nothing: nodes\[1\]\.params\.delayMs is a value/);
    expectInvalid(sweep('--set', 'faults.0.atMs=1'), 'faults.0.atMs: names nothing: faults has no item 0');
    expectInvalid(sweep('--set', 'nodes..x=1'), 'nodes..x: expected a dotted path such as nodes.wm.params.delayMs');
  });

  it('a value the field refuses (checked by the job validation)', () => {
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=0,-5'), /^nodes\.wm\.params\.delayMs: value -5: nodes\[1\]\.params\.delayMs: /);
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=soon'), /^nodes\.wm\.params\.delayMs: value "soon": nodes\[1\]\.params\.delayMs: /);
    expectInvalid(sweep('--set', 'nodes.win.params.assigner.sizeMs=0,10'), /^nodes\.win\.params\.assigner\.sizeMs: value 0: /);
  });

  it('an empty or a huge range, or too many values', () => {
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=5000:0:1000'), 'nodes.wm.params.delayMs: range 5000:0:1000 is empty: TO is below FROM');
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=0:1000:0'), 'nodes.wm.params.delayMs: range 0:1000:0: STEP must be greater than 0');
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=0:1000000:1'), 'nodes.wm.params.delayMs: range 0:1000000:1 has 1000001 values; a sweep runs at most 200');
    const many = Array.from({ length: 201 }, (_, i) => i).join(',');
    expectInvalid(sweep('--set', `nodes.wm.params.delayMs=${many}`), 'nodes.wm.params.delayMs: 201 values; a sweep runs at most 200');
  });

  it('bad --mode or --format, a bad job, an unreadable file', () => {
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=1', '--mode', 'spark'), '--mode: expected microbatch, dataflow or both, got "spark"');
    expectInvalid(sweep('--set', 'nodes.wm.params.delayMs=1', '--format', 'xml'), '--format: expected json or csv, got "xml"');
    const broken = JSON.stringify({ ...job, nodes: job.nodes.map((n) => (n.id === 'kb' ? { ...n, params: { key: '' } } : n)) });
    expectInvalid(cli(['sweep', 'job.json', '--set', 'nodes.wm.params.delayMs=1'], { 'job.json': broken }), /^nodes\[2\]\.params\.key: /);
    expectInvalid(cli(['sweep', 'missing.json', '--set', 'nodes.wm.params.delayMs=1']), 'missing.json: cannot read: no such file');
  });
});
