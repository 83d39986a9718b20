import { describe, expect, it } from 'vitest';
import { runCli, USAGE, VERSION } from './commands.ts';
import { createMemoryIo } from './memory-io.ts';

const job = {
  format: 'streamlab.job/v1',
  name: 'cli test',
  mode: 'dataflow',
  settings: { untilMs: 5000 },
  nodes: [
    {
      id: 'src',
      kind: 'source',
      params: {
        records: [
          { ts: 1000, at: 100, key: 'a', value: 1 },
          { ts: 2000, at: 200, key: 'a', value: 2 },
          { watermark: 20_000, at: 300 },
        ],
      },
    },
    { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
    { id: 'win', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 10_000 }, aggregate: { fn: 'sum', field: 'value', as: 'total' } } },
    { id: 'out', kind: 'sink', params: {} },
  ],
  edges: [
    { from: 'src', to: 'kb' },
    { from: 'kb', to: 'win' },
    { from: 'win', to: 'out' },
  ],
};
const jobText = JSON.stringify(job);

/** Runs the command line against an in-memory file system holding `job.json`. */
function cli(argv: string[], files: Record<string, string> = { 'job.json': jobText }, env: Record<string, string> = {}) {
  const mem = createMemoryIo(files, env);
  const code = runCli(argv, mem.io);
  return { code, stdout: mem.stdout(), stderr: mem.stderr(), files: mem.files };
}

/** Exit 2, every stderr line `path: message`, nothing on stdout, no file written. */
function expectInvalid(r: ReturnType<typeof cli>, ...lines: (string | RegExp)[]) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const got = r.stderr.trimEnd().split('\n');
  expect(got).toHaveLength(lines.length);
  lines.forEach((line, i) => (typeof line === 'string' ? expect(got[i]).toBe(line) : expect(got[i]).toMatch(line)));
  for (const l of got) expect(l).toMatch(/^[^\s].*: .+/);
  expect([...r.files.keys()].filter((f) => f !== 'job.json' && f !== 'bad.json')).toEqual([]);
}

describe('help and version', () => {
  it('prints the usage with --help, -h or help, anywhere', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['run', '--help']]) {
      expect(cli(argv)).toMatchObject({ code: 0, stdout: USAGE, stderr: '' });
    }
    expect(USAGE).toContain('streamlab run JOB.json [--mode microbatch|dataflow] [--until MS] [--out FILE]');
  });

  it('prints the version', () => {
    expect(cli(['--version'])).toMatchObject({ code: 0, stdout: `streamlab ${VERSION}\n` });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('asks for a command', () => {
    expectInvalid(cli([]), /^usage: streamlab run\|validate\|export/);
    expectInvalid(cli(['frobnicate', 'job.json']), 'streamlab: unknown command "frobnicate"; expected run, validate, export or sweep (see streamlab --help)');
  });
});

describe('validate', () => {
  it('exits 0 quietly for a valid job', () => {
    expect(cli(['validate', 'job.json'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('prints one path: message line per error and exits 2', () => {
    const bad = structuredClone(job) as any;
    bad.nodes[2].kind = 'windw';
    bad.edges.push({ from: 'out', to: 'wm2' });
    expectInvalid(cli(['validate', 'bad.json'], { 'bad.json': JSON.stringify(bad) }), /^nodes\[2\]\.kind: unknown node kind "windw"/);
    delete bad.nodes[2].kind;
    bad.nodes[2].kind = 'window';
    expectInvalid(
      cli(['validate', 'bad.json'], { 'bad.json': JSON.stringify(bad) }),
      'edges[3].to: edge points to missing node "wm2"',
    );
  });

  it('prints warnings as warning: path: message and exits 0', () => {
    const warned = structuredClone(job) as any;
    warned.mode = 'microbatch';
    warned.settings.microbatch = { outputMode: 'update' };
    const r = cli(['validate', 'w.json'], { 'w.json': JSON.stringify(warned) });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe(
      'warning: nodes[0].params.records[2]: a punctuated watermark item is ignored in micro-batch mode (Spark computes watermarks from watermark nodes only)\n',
    );
  });

  it('reports an unreadable file', () => {
    expectInvalid(cli(['validate', 'missing.json']), 'missing.json: cannot read: no such file');
  });

  it('reports invalid JSON with line and column', () => {
    expectInvalid(cli(['validate', 'bad.json'], { 'bad.json': '{\n  "format": "streamlab.job/v1",\n  "nodes": [,]\n}' }), "bad.json:3:13: invalid JSON: unexpected ',': expected a value");
  });

  it('takes exactly one file and no options', () => {
    expectInvalid(cli(['validate']), 'validate: needs a job file: streamlab validate JOB.json');
    expectInvalid(cli(['validate', 'a.json', 'b.json']), 'validate: takes one job file, got 2: a.json b.json');
    expectInvalid(cli(['validate', 'job.json', '--mode', 'dataflow']), '--mode: unknown option for validate');
    expectInvalid(cli(['validate', 'job.json', '-x']), '-x: unknown option for validate (see streamlab --help)');
  });
});

describe('run', () => {
  it('writes the result to --out and nothing to stdout', () => {
    const r = cli(['run', 'job.json', '--out', 'r.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const result = JSON.parse(r.files.get('r.json')!);
    expect(result).toMatchObject({ format: 'streamlab.result/v1', mode: 'dataflow' });
    expect(result.sinks.out.map((w: any) => w.record)).toMatchObject([{ key: 'a', total: 3 }]);
  });

  it('writes the result to stdout without --out, and honours --mode and --until', () => {
    const update = JSON.stringify({ ...job, settings: { untilMs: 5000, microbatch: { outputMode: 'update' } } });
    const r = cli(['run', 'job.json', '--mode=microbatch', '--until', '2000'], { 'job.json': update });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.mode).toBe('microbatch');
    expect(Math.max(...result.batches.map((b: any) => b.startMs))).toBeLessThan(2000);
    expect(r.stderr).toMatch(/^warning: nodes\[0\]\.params\.records\[2\]: a punctuated watermark item is ignored/);
  });

  it('checks the job in the mode it will run in', () => {
    // An append-mode window without a watermark node: fine for Flink (punctuated), not for Spark.
    expectInvalid(cli(['run', 'job.json', '--mode', 'microbatch', '--out', 'r.json']), /^nodes\[2\]: window "win" needs a watermark node upstream/);
  });

  it('rejects bad flags before doing anything', () => {
    expectInvalid(cli(['run', 'job.json', '--mode', 'spark']), '--mode: expected microbatch or dataflow, got "spark"');
    expectInvalid(cli(['run', 'job.json', '--until', '-5']), '--until: expected a whole number of milliseconds from 0 to 1000000000000, got "-5"');
    expectInvalid(cli(['run', 'job.json', '--until', '1e3']), /^--until: expected a whole number/);
    expectInvalid(cli(['run', 'job.json', '--out']), '--out: needs a value');
    expectInvalid(cli(['run', 'job.json', '--out', 'a', '--out', 'b']), '--out: given more than once');
    expectInvalid(cli(['run', 'job.json', '--to', 'json']), '--to: unknown option for run; expected --mode, --until, --out');
  });

  it('reports an unwritable --out as invalid input', () => {
    expectInvalid(cli(['run', 'job.json', '--out', '/readonly/r.json']), '--out: cannot write /readonly/r.json: permission denied');
  });
});

describe('export', () => {
  it('--to json writes the document as given, so export then import is the identity', () => {
    const text = JSON.stringify({ ...job, extra: { kept: true } });
    const r = cli(['export', 'job.json', '--to', 'json', '--out', 'copy.json'], { 'job.json': text });
    expect(r.code, r.stderr).toBe(0);
    const copy = r.files.get('copy.json')!;
    expect(copy).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(JSON.parse(copy)).toEqual(JSON.parse(text));
    expect(copy).not.toContain('"seed"'); // no defaults filled in
    const again = cli(['export', 'copy.json', '--to', 'json'], { 'copy.json': copy });
    expect(again.stdout).toBe(copy);
  });

  it('refuses to export an invalid job', () => {
    expectInvalid(cli(['export', 'bad.json', '--to', 'json', '--out', 'x.json'], { 'bad.json': '{"format":"streamlab.job/v1","nodes":[]}' }), 'nodes: must hold at least 1 item');
  });

  it('writes Flink SQL, a Flink Java program and a PySpark script, with what each cannot express on stderr', () => {
    const starts = { 'flink-sql': '-- Flink SQL', 'flink-java': '// Flink DataStream', pyspark: '# PySpark' };
    for (const [target, start] of Object.entries(starts)) {
      const r = cli(['export', 'job.json', '--to', target, '--out', 'job.out']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      const code = r.files.get('job.out')!;
      expect(code.startsWith(start), code.slice(0, 80)).toBe(true);
      expect(code.endsWith('\n')).toBe(true);
      // The job's window has no watermark node before it: every target says what it does about that.
      const lines = r.stderr.trimEnd().split('\n').filter(Boolean);
      for (const line of lines) expect(line).toMatch(/^warning: (job|node "[^"]+"|nodes\[\d+\]): \S/);
      for (const line of lines.filter((l) => l.startsWith('warning: node'))) {
        const message = line.replace(/^warning: node "[^"]+": /, '');
        expect(code.replace(/\s+(--|\/\/|#)\s+/g, ' ')).toContain(message.slice(0, 40));
      }
    }
  });

  it('writes the exported code to stdout without --out', () => {
    const r = cli(['export', 'job.json', '--to', 'pyspark']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('spark.readStream.format("kafka")');
    expect(r.stdout).toContain('.groupBy(F.window("event_time", "10 seconds"), F.col("key"))');
  });

  it('puts a target\'s warnings on stderr and in the code', () => {
    const late = {
      ...job,
      nodes: job.nodes.map((n) => (n.id === 'win' ? { ...n, params: { ...n.params, allowedLatenessMs: 5000 } } : n)),
    };
    const r = cli(['export', 'late.json', '--to', 'flink-sql'], { 'late.json': JSON.stringify(late) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: node "win": allowed lateness of 5000 ms: a Flink SQL window aggregation drops rows');
    expect(r.stdout).toContain('-- WARNING: allowed lateness of 5000 ms');
  });

  it('needs a known target', () => {
    expectInvalid(cli(['export', 'job.json']), '--to: required; one of json, flink-sql, flink-java, pyspark');
    expectInvalid(cli(['export', 'job.json', '--to', 'sql']), '--to: expected one of json, flink-sql, flink-java, pyspark; got "sql"');
  });
});

describe('internal errors', () => {
  const throwingIo = (env: Record<string, string>) => {
    const mem = createMemoryIo({ 'job.json': jobText }, env);
    mem.io.stdout = () => {
      throw new Error('stdout closed\nsecond line');
    };
    return mem;
  };

  it('exit 1 with one line and no stack trace', () => {
    const mem = throwingIo({});
    expect(runCli(['--version'], mem.io)).toBe(1);
    expect(mem.stderr()).toBe('internal error: stdout closed second line\n');
  });

  it('show the stack with STREAMLAB_DEBUG=1', () => {
    const mem = throwingIo({ STREAMLAB_DEBUG: '1' });
    expect(runCli(['--version'], mem.io)).toBe(1);
    expect(mem.stderr()).toMatch(/^internal error: stdout closed second line\nError: stdout closed\nsecond line\n\s+at /);
  });
});
