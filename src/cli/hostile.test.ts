// The hostile corpus (issue 10): every job in src/cli/hostile/*.json and every shape of
// hostile/shapes.ts, through the real command line (`npx --no-install streamlab run` and `validate`,
// as the case runner starts it). Each one runs (exit 0, a result written) or is refused (exit 2,
// only `path: message` lines on stderr, nothing written) within 60 s: never exit 1, a crash, a
// signal or a time-out. A few at a time, so the suite stays fast on a small machine.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileShapes } from './hostile/shapes.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpusDir = fileURLToPath(new URL('./hostile', import.meta.url));
const tmp = mkdtempSync(path.join(tmpdir(), 'streamlab-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const jobs: { name: string; file: string }[] = [
  ...readdirSync(corpusDir).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: f.replace(/\.json$/, ''), file: path.join(corpusDir, f) })),
  ...hostileShapes().map((s) => {
    const file = path.join(tmp, `${s.name}.json`);
    writeFileSync(file, s.text);
    return { name: s.name, file };
  }),
];

const LIMIT_MS = 60_000;
/** The attacks that cannot fit: refused by `run` and by `validate`, never run. */
const REFUSED = ['sliding-1day-every-1ms', 'generator-10M-per-sec-until-1e12', 'generator-10M-keys', 'diamonds-40', 'fan-out-4999-sinks', 'microbatch-0ms-trigger-until-1e12', 'watermark-every-1ms-until-1e12', 'until-1e308', 'wrong-types', 'huge-strings', 'nested-100000-deep'];
const CONCURRENCY = 3;

type Outcome = { code: number | null; signal: string | null; stdout: string; stderr: string; ms: number };

function streamlab(args: string[]): Promise<Outcome> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile('npx', ['--no-install', 'streamlab', ...args], { cwd: repoRoot, timeout: LIMIT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const e = error as (Error & { code?: number | string; signal?: string | null }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** Runs `tasks` at most CONCURRENCY at a time; results in order. */
async function pooled<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

/** `path: message` (a job path, a flag or a file name, then a message); `warning: …` lines too. */
const PROBLEM_LINE = /^(warning: )?[^\s:][^\n]*?: \S.*$/;

describe('hostile jobs through the command line', () => {
  it('the corpus covers every attack of issue 10, each described', () => {
    const names = jobs.map((j) => j.name).join(' ');
    for (const part of ['sliding-1day', 'generator-10M-per-sec', 'generator-10M-keys', 'diamonds-40', 'fan-out', 'microbatch-0ms', 'watermark-every-1ms', 'filter-chain-2000-dataflow', 'names-proto', 'numeric-faults', 'nested', 'huge-strings', 'wrong-types', 'until-1e308']) {
      expect(names).toContain(part);
    }
    for (const j of jobs.filter((x) => x.file.startsWith(corpusDir))) {
      expect(JSON.parse(readFileSync(j.file, 'utf8')).attack, j.name).toMatch(/\w/);
    }
  });

  it(
    'each runs (exit 0) or is refused (exit 2, path: message lines, nothing written) within 60 s',
    async () => {
      // `run` validates first, so every job goes through `run`; `validate` is started for the jobs it
      // must refuse (and one it accepts), where it has to say the same thing without running.
      const validated = new Set([...REFUSED, 'filter-chain-2000-dataflow']);
      const outcomes = await pooled(
        jobs.flatMap((j) => [
          async () => {
            const out = path.join(tmp, `${j.name}.result.json`);
            const r = await streamlab(['run', j.file, '--out', out]);
            return { j, command: 'run', r, wrote: existsSync(out), out };
          },
          ...(validated.has(j.name) ? [async () => ({ j, command: 'validate', r: await streamlab(['validate', j.file]), wrote: false, out: '' })] : []),
        ]),
      );
      const report: string[] = [];
      for (const { j, command, r, wrote, out } of outcomes) {
        const what = `${command} ${j.name}: exit ${r.code} signal ${r.signal} in ${r.ms} ms\n${r.stderr.slice(0, 600)}`;
        report.push(`${command} ${j.name}: exit ${r.code} in ${r.ms} ms`);
        expect(r.signal, what).toBeNull();
        expect([0, 2], what).toContain(r.code);
        expect(r.ms, what).toBeLessThan(LIMIT_MS);
        if (r.code === 2) {
          const lines = r.stderr.split('\n').filter((l) => l !== '');
          expect(lines.length, what).toBeGreaterThan(0);
          for (const line of lines) expect(line, what).toMatch(PROBLEM_LINE);
          expect(r.stderr, what).not.toMatch(/internal error|at .*\.ts:\d+/);
          expect(wrote, what).toBe(false);
        } else if (command === 'run') {
          expect(wrote, what).toBe(true);
          expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('streamlab.result/v1');
        }
      }
      // The attacks that cannot fit are refused, not run: these must exit 2.
      for (const name of REFUSED) {
        for (const command of ['run', 'validate']) {
          const o = outcomes.find((x) => x.j.name === name && x.command === command)!;
          expect(o.r.code, `${command} ${name}\n${o.r.stderr}`).toBe(2);
        }
      }
      expect(outcomes.find((x) => x.j.name === 'until-1e308')!.r.stderr).toBe('settings.untilMs: must be at most 1000000000000, got 1e+308\n');
      // The deep chains and the prototype names run.
      for (const name of ['filter-chain-2000-dataflow', 'filter-chain-4998-dataflow', 'names-proto-dataflow', 'names-constructor-microbatch', 'numeric-faults']) {
        const o = outcomes.find((x) => x.j.name === name && x.command === 'run')!;
        expect(o.r.code, `${name}\n${o.r.stderr}`).toBe(0);
      }
      console.log(report.join('\n'));
    },
    15 * 60_000,
  );
});
