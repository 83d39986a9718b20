// Every semantics case in ../shared/cases and ../shared/cases/next, through the command line and checked by the reference
// checker: `python3 ../shared/cases/run_cases.py DIR` runs `npx --no-install streamlab run JOB --out
// RESULT` from the repository root, as the acceptance run does. One test per case file.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const casesDir = path.resolve(repoRoot, '..', 'shared', 'cases');
const checker = path.join(casesDir, 'run_cases.py');
/** The cases, and those of `next/` (rules the engine now keeps), as paths relative to the cases folder. */
const caseFiles = [
  ...readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort(),
  ...readdirSync(path.join(casesDir, 'next')).filter((f) => f.endsWith('.json')).sort().map((f) => `next/${f}`),
];

/** Runs the checker on a folder holding only `file`; its exit code and output. */
async function checkCase(file: string): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamlab-case-'));
  try {
    copyFileSync(path.join(casesDir, file), path.join(dir, path.basename(file)));
    const { stdout, stderr } = await run('python3', [checker, dir], { cwd: repoRoot, timeout: 150_000 });
    return { code: 0, output: stdout + stderr };
  } catch (e: any) {
    if (typeof e.code !== 'number') throw e;
    return { code: e.code, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('semantics cases through the command line', () => {
  it('finds the cases', () => expect(caseFiles.length).toBeGreaterThan(0));

  it.concurrent.each(caseFiles)(
    '%s',
    async (file) => {
      const { code, output } = await checkCase(file);
      expect(code, output).toBe(0);
      expect(output).toMatch(/cases: 1 passed, 0 failed/);
    },
    160_000,
  );
});
