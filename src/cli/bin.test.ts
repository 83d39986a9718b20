// The installed command: `npx --no-install streamlab` from the repository root, as the case runner
// starts it, and the tsx fallback of bin.js.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(tmpdir(), 'streamlab-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const job = {
  format: 'streamlab.job/v1',
  mode: 'dataflow',
  nodes: [
    { id: 'src', kind: 'source', params: { records: [{ ts: 1, at: 0, v: 1 }, { ts: 2, at: 5, v: 2 }] } },
    { id: 'f', kind: 'filter', params: { predicate: 'v > 1' } },
    { id: 'out', kind: 'sink', params: {} },
  ],
  edges: [
    { from: 'src', to: 'f' },
    { from: 'f', to: 'out' },
  ],
};

/** Runs a command in the repository root; resolves with its exit code and output. */
async function sh(file: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    if (typeof e.code !== 'number') throw e;
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string };
  }
}

describe('the streamlab command', () => {
  const jobFile = path.join(tmp, 'job.json');
  writeFileSync(jobFile, JSON.stringify(job));

  it('runs through npx --no-install from the repository root', async () => {
    const out = path.join(tmp, 'r.json');
    const r = await sh('npx', ['--no-install', 'streamlab', 'run', jobFile, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.sinks.out.map((w: any) => w.record.v)).toEqual([2]);
  }, 90_000);

  it('exits 2 with path: message lines and writes nothing', async () => {
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, '{"format": "streamlab.job/v1", "nodes": [{"id": "a", "kind": "windw", "params": {}}]}');
    const out = path.join(tmp, 'none.json');
    const r = await sh('node', ['src/cli/bin.js', 'run', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^nodes\[0\]\.kind: unknown node kind "windw"/);
    expect(() => readFileSync(out)).toThrow();
  }, 60_000);

  it('works through tsx as well (STREAMLAB_NO_CACHE=1)', async () => {
    const r = await sh('node', ['src/cli/bin.js', 'validate', jobFile], { STREAMLAB_NO_CACHE: '1' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
  }, 60_000);
});
