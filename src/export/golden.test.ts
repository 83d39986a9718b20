// Golden files: each scenario and each representative job, exported to each target, must equal the
// committed file in __golden__/. `UPDATE_GOLDEN=1 npx vitest run src/export/golden.test.ts` writes
// them; review the diff and commit. A missing golden fails (goldens are committed, never made on
// the fly), and so does a golden whose input is gone.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJob } from '../model/index.ts';
import { EXPORT_EXTENSIONS, exportJob, type ExportTarget } from './index.ts';
import { fixtureInputs, goldenDir, scenarioInputs } from './test-support/inputs.ts';

const TARGETS: ExportTarget[] = ['flink-sql', 'flink-java', 'pyspark'];
const update = process.env.UPDATE_GOLDEN === '1';
const inputs = [...scenarioInputs(), ...fixtureInputs()];
const goldenName = (input: string, target: ExportTarget) => `${input}.${EXPORT_EXTENSIONS[target]}`;

function expectGolden(file: string, actual: string): void {
  const full = path.join(goldenDir, file);
  if (update) {
    mkdirSync(goldenDir, { recursive: true });
    if (!existsSync(full) || readFileSync(full, 'utf8') !== actual) writeFileSync(full, actual);
    return;
  }
  if (!existsSync(full)) {
    expect.fail(`missing golden file src/export/__golden__/${file}: run UPDATE_GOLDEN=1 npx vitest run src/export/golden.test.ts, review it and commit it`);
  }
  expect(actual, `src/export/__golden__/${file} differs (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(full, 'utf8'));
}

describe('golden exports', () => {
  it('finds the scenarios and the representative jobs', () => {
    expect(scenarioInputs().length).toBeGreaterThan(0);
    expect(fixtureInputs().length).toBeGreaterThanOrEqual(6);
  });

  for (const input of inputs) {
    describe(input.name, () => {
      const parsed = parseJob(input.doc);
      it('is a valid job', () => expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems)).toBe(true));
      if (!parsed.ok) return;
      for (const target of TARGETS) {
        it(`matches its ${target} golden, with every warning also a comment`, () => {
          const result = exportJob(parsed.job, target);
          expectGolden(goldenName(input.name, target), result.code);
          const flat = result.code.replace(/\n\s*(--|\/\/|#)\s+/g, ' ');
          for (const w of result.warnings) expect(flat, `warning not in the code: ${w.message}`).toContain(`WARNING: ${w.message}`);
          const comments = result.code.match(/WARNING:/g)?.length ?? 0;
          expect(comments).toBe(result.warnings.length);
        });
      }
    });
  }

  it('has no golden file without an input', () => {
    if (update || !existsSync(goldenDir)) return;
    const expected = new Set(inputs.flatMap((i) => TARGETS.map((t) => goldenName(i.name, t))));
    const stale = readdirSync(goldenDir).filter((f) => !expected.has(f));
    expect(stale, 'golden files whose input is gone: delete them').toEqual([]);
  });
});
