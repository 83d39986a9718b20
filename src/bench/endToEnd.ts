// The end-to-end rows of `npm run bench` (issue 11): the 10M-record generated job (source →
// watermark → map → filter → keyBy → 1 s tumbling count → sink, 1,000 keys) run as a user runs it,
// `npx streamlab run JOB --out RESULT` (process start, bundle load, the run and the result file
// included), against the tight typed-array loop computing the same counts in this process. The
// result file's counts are checked against the loop's, window by window.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../model/index.ts';
import { checkRun, findWorkload, jobOf, runTightLoop, withRecords, type Checksum, type EngineRun, type Workload } from './workloads.ts';

export const endToEndWorkloads = ['e2e-10M-dataflow', 'e2e-10M-microbatch'] as const;
export type EndToEndWorkload = (typeof endToEndWorkloads)[number];

/** The targets for these rows: the share of the tight loop's speed. */
export const endToEndTargets: Record<EndToEndWorkload, number> = { 'e2e-10M-dataflow': 1 / 20, 'e2e-10M-microbatch': 1 / 4 };

export type EndToEndReport = { name: EndToEndWorkload; records: number; cliSeconds: number; tightSeconds: number; checksum: Checksum };

const workloadOf = (name: EndToEndWorkload): Workload => findWorkload(name === 'e2e-10M-dataflow' ? 'tumbling-10M-dataflow' : 'tumbling-10M-microbatch');

/** What the engine's result file says, in the shape the check takes. */
function engineRunOf(w: Workload, result: Result, seconds: number): EngineRun {
  const nWindows = Math.ceil((w.records * 1000) / w.ratePerSec / w.windowMs);
  const counts = new Float64Array(w.keys * nWindows);
  let windowResults = 0;
  let strayRows = 0;
  for (const write of result.sinks.out ?? []) {
    const r = write.record;
    const key = typeof r.key === 'string' ? Number(r.key.slice(1)) : NaN;
    const wi = (r.windowStart as number) / w.windowMs;
    if (!(key >= 0 && key < w.keys) || !Number.isInteger(wi) || wi < 0 || wi >= nWindows || typeof r.count !== 'number') {
      strayRows++;
      continue;
    }
    windowResults++;
    counts[key * nWindows + wi] += r.count;
  }
  const edges = (result.metrics.recordsPerEdge ?? {}) as Record<string, number>;
  const wm = result.watermarks.wm ?? [];
  return {
    seconds,
    counts: { keys: w.keys, windows: nWindows, counts },
    windowResults,
    filteredOut: (edges['map->filter'] ?? 0) - (edges['filter->keyBy'] ?? 0),
    late: Object.values(result.droppedLate).reduce((a, b) => a + b, 0) + Object.values(result.sideOutputs).reduce((a, l) => a + l.length, 0),
    finalWatermarkMs: wm.length > 0 ? wm[wm.length - 1][1] : -Infinity,
    strayRows,
  };
}

/** Runs one end-to-end row: the CLI in a child process (wall clock), then the tight loop here. */
export function runEndToEnd(name: EndToEndWorkload, root: string, records?: number): EndToEndReport {
  let w = workloadOf(name);
  if (records !== undefined) w = withRecords(w, records);
  const dir = mkdtempSync(join(tmpdir(), 'streamlab-e2e-bench-'));
  try {
    const jobPath = join(dir, 'job.json');
    const resultPath = join(dir, 'result.json');
    writeFileSync(jobPath, JSON.stringify(jobOf(w)));
    const t0 = performance.now();
    const r = spawnSync('npx', ['--no-install', 'streamlab', 'run', jobPath, '--out', resultPath], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const cliSeconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`streamlab run exited ${r.status}: ${(r.stderr || '').trim().split('\n').slice(0, 4).join(' ')}`);
    const result = JSON.parse(readFileSync(resultPath, 'utf8')) as Result;
    const tight = runTightLoop(w);
    return { name, records: w.records, cliSeconds, tightSeconds: tight.seconds, checksum: checkRun(w, engineRunOf(w, result, cliSeconds), tight) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
