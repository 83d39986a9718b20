#!/usr/bin/env node
// `npm test`: every check, one summary. Runs the type check (`tsc -b`), ESLint, the dependency rules
// (dependency-cruiser: the architecture's arrows), the unit tests (vitest with
// vite.config.ts) and, when present, the Chromium end-to-end tests (vitest with
// e2e/vitest.config.ts), each with its own output, and closes with one line that CI reads:
//   tests: N passed, N failed, N skipped
// counted from vitest's JSON reports; the type check counts as one test (passed or failed), and a
// vitest run that fails without a failed test (a file that does not load, a crash) counts as one
// failed; the type check, the lint and the dependency rules count as one test each. Exits non-zero
// when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const reports = path.join(root, 'node_modules', '.tmp');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

const totals = { passed: 0, failed: 0, skipped: 0 };

/** Runs node with `args` in the repository root, output shown as it comes; returns the exit status. */
function node(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.error) console.error(`run-tests: ${r.error.message}`);
  return r.status ?? 1;
}

function typeCheck() {
  console.log('\n== tsc -b');
  const ok = node([tsc, '-b']) === 0;
  totals[ok ? 'passed' : 'failed'] += 1;
  console.log(`tsc: ${ok ? 'ok' : 'failed'}`);
}

/** A check that passes or fails as a whole (the linters): counted as one test. */
function check(name, args) {
  console.log(`\n== ${name}`);
  const ok = node(args) === 0;
  totals[ok ? 'passed' : 'failed'] += 1;
  console.log(`${name}: ${ok ? 'ok' : 'failed'}`);
}

function hasFiles(dir, suffix) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith(suffix));
}

function vitestSuite(name, extraArgs) {
  console.log(`\n== vitest (${name})`);
  mkdirSync(reports, { recursive: true });
  const report = path.join(reports, `vitest-${name}.json`);
  rmSync(report, { force: true });
  const status = node([vitest, 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  let counts = null;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts = {
      passed: json.numPassedTests ?? 0,
      failed: json.numFailedTests ?? 0,
      skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
      failedFiles: json.numFailedTestSuites ?? 0,
    };
  } catch {
    // No report: vitest itself failed.
  }
  if (!counts) {
    totals.failed += 1;
    console.log(`${name}: vitest exited ${status} without a report`);
    return;
  }
  totals.passed += counts.passed;
  totals.skipped += counts.skipped;
  totals.failed += counts.failed;
  if (status !== 0 && counts.failed === 0) totals.failed += Math.max(1, counts.failedFiles);
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (exit ${status})`);
}

typeCheck();
check('eslint', [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--config', 'src/dev/eslint.config.js', 'src', 'e2e', 'vite.config.ts']);
check('dependency rules', [path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'src', '--config', 'src/dev/dependency-cruiser.cjs', '--ignore-known', 'src/dev/known-violations.json', '--output-type', 'err']);
vitestSuite('unit', []);
if (existsSync(path.join(root, 'e2e', 'vitest.config.ts')) && hasFiles(path.join(root, 'e2e'), '.e2e.ts')) {
  vitestSuite('e2e', ['--config', 'e2e/vitest.config.ts']);
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
