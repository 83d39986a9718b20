// `npm run bench [-- NAME ... | --records N | --runs N | --json]`: each workload in fresh child
// processes (3 by default; the table shows the run with the median ratio to the tight loop, and the
// highest peak memory of all runs), then one table. Reported, never asserted: the targets stand
// beside the figures.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildReport } from './child.ts';
import { endToEndTargets, endToEndWorkloads, runEndToEnd, type EndToEndWorkload } from './endToEnd.ts';
import { faultPlan, faultReport, faultWorkloads, type FaultJob, type FaultReport, type FaultWorkload, type JobReport } from './faults.ts';
import { SWEEP_BENCH, SWEEP_RECORDS, SWEEP_TARGET, type SweepBenchReport } from './sweep.ts';
import { targets, workloads } from './workloads.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

function parseArgs(argv: string[]) {
  const names: string[] = [];
  let records: string | undefined;
  let json = false;
  let runs = 3;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--records') records = argv[++i];
    else if (argv[i] === '--runs') runs = Math.max(1, Number(argv[++i]) || 1);
    else if (argv[i] === '--json') json = true;
    else names.push(argv[i]);
  }
  return { names, records, json, runs };
}

function runChild(name: string, records: string | undefined): ChildReport | { name: string; error: string } {
  const args = ['--expose-gc', '--import', 'tsx', join(here, 'child.ts'), name];
  if (records) args.push(records);
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ChildReport;
  } catch {
    return { name, error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(0, 8).join('\n') };
  }
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtRatio = (r: number) => (r >= 1 ? `${r.toFixed(2)}` : `1/${(1 / r).toFixed(1)}`);
const pad = (s: string, n: number, right = false) => (right ? s.padEnd(n) : s.padStart(n));

function main() {
  const { names, records, json, runs } = parseArgs(process.argv.slice(2));
  const selected = names.length > 0 ? workloads.filter((w) => names.includes(w.name)) : workloads;
  const faultSelected = faultWorkloads.filter((n) => names.length === 0 || names.includes(n));
  const e2eSelected = endToEndWorkloads.filter((n) => names.length === 0 || names.includes(n));
  const sweepSelected = names.length === 0 || names.includes(SWEEP_BENCH);
  if (selected.length === 0 && faultSelected.length === 0 && e2eSelected.length === 0 && !sweepSelected) {
    console.error(`no such workload; known: ${workloads.map((w) => w.name).join(', ')}`);
    process.exit(2);
  }
  const cols = ['workload', 'records', 'engine s', 'rec/s', 'tight rec/s', 'vs tight', 'target', 'peak RSS MB', 'peak heap MB', 'target', 'checksum'];
  const widths = [26, 11, 9, 11, 13, 9, 7, 12, 13, 7, 0];
  const lines: string[] = [cols.map((c, i) => pad(c, widths[i], i === 0 || i === cols.length - 1)).join(' ')];
  const reports: unknown[] = [];
  let failed = 0;
  for (const w of selected) {
    process.stderr.write(`running ${w.name} ×${runs} …\n`);
    const all: ChildReport[] = [];
    let error: string | null = null;
    for (let k = 0; k < runs && error === null; k++) {
      const one = runChild(w.name, records);
      reports.push(one);
      if ('error' in one) error = one.error;
      else all.push(one);
    }
    if (error !== null) {
      failed++;
      lines.push(`${pad(w.name, widths[0], true)} failed: ${error}`);
      continue;
    }
    // The run with the median ratio stands for the workload; memory is the worst of all runs.
    const byRatio = [...all].sort((a, b) => a.engineSeconds / a.tightSeconds - b.engineSeconds / b.tightSeconds);
    const r: ChildReport = {
      ...byRatio[(byRatio.length - 1) >> 1],
      peakRssMb: Math.max(...all.map((x) => x.peakRssMb)),
      peakHeapMb: Math.max(...all.map((x) => x.peakHeapMb)),
    };
    const bad = all.find((x) => !x.checksum.ok);
    if (bad) r.checksum = bad.checksum;
    const rate = r.records / r.engineSeconds;
    const tightRate = r.records / r.tightSeconds;
    const ratio = rate / tightRate;
    const target = targets.ratio[w.mode];
    const memTarget = r.records >= 10_000_000 ? `<${targets.peakMbAt10M}` : '-';
    const c = r.checksum;
    const sum = c.ok ? `ok ${fmtInt(c.emitted)}+${fmtInt(c.notEmitted)}+${fmtInt(c.late)}+${fmtInt(c.filteredOut)}=${fmtInt(c.total)}` : `FAILED: ${c.problems.join('; ')}`;
    if (!c.ok) failed++;
    const cells = [
      r.name,
      fmtInt(r.records),
      r.engineSeconds.toFixed(2),
      fmtInt(rate),
      fmtInt(tightRate),
      fmtRatio(ratio) + (ratio >= target ? ' ' : '!'),
      `1/${Math.round(1 / target)}`,
      r.peakRssMb.toFixed(1),
      r.peakHeapMb.toFixed(1),
      memTarget,
      sum,
    ];
    lines.push(cells.map((s, i) => pad(s, widths[i], i === 0 || i === cells.length - 1)).join(' '));
  }
  if (json) console.log(JSON.stringify(reports, null, 2));
  const [load1] = loadavg();
  console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), 1-minute load average ${load1.toFixed(1)} at the end (other work on the machine slows every figure)`);
  // (With only other workloads chosen, e.g. `npm run bench -- sweep-20-values`, this table is left out.)
  if (selected.length > 0) {
    console.log(lines.join('\n'));
    console.log(
    `\nvs tight: engine rec/s ÷ a typed-array loop computing the same counts in the same process ('!' = below target).` +
      `\nrow: the median of ${runs} fresh runs by that ratio; peak: the highest of them, over the child's idle baseline after gc` +
      `\n(RSS from the kernel's high-water mark where available).` +
      `\nchecksum: emitted counts + records in windows the watermark never passed + late + filtered = input.`,
    );
  }
  if (faultSelected.length > 0) failed += faultTable(faultSelected, runs);
  if (e2eSelected.length > 0) failed += endToEndTable(e2eSelected, runs, records);
  if (sweepSelected) failed += sweepTable(runs);
  if (failed > 0) process.exitCode = 1;
}

/** The end-to-end rows (issue 11): `npx streamlab run` on the 10M job against the tight loop; the median run by ratio. */
function endToEndTable(names: readonly EndToEndWorkload[], runs: number, records: string | undefined): number {
  let failed = 0;
  const rows = ['workload                      records   CLI s (wall)  tight s   vs tight  target  checksum'];
  for (const name of names) {
    process.stderr.write(`running ${name} ×${runs} …\n`);
    const reports = [];
    try {
      for (let k = 0; k < runs; k++) reports.push(runEndToEnd(name, root, records ? Number(records) : undefined));
    } catch (e) {
      failed++;
      rows.push(`${name.padEnd(26)} failed: ${(e as Error).message}`);
      continue;
    }
    const r = [...reports].sort((a, b) => a.cliSeconds / a.tightSeconds - b.cliSeconds / b.tightSeconds)[(reports.length - 1) >> 1];
    const ratio = r.tightSeconds / r.cliSeconds;
    const target = endToEndTargets[name];
    const c = r.checksum;
    if (!c.ok) failed++;
    const sum = c.ok ? `ok ${fmtInt(c.emitted)}+${fmtInt(c.notEmitted)}+${fmtInt(c.late)}+${fmtInt(c.filteredOut)}=${fmtInt(c.total)}` : `FAILED: ${c.problems.join('; ')}`;
    rows.push(
      [name.padEnd(26), pad(fmtInt(r.records), 11), pad(r.cliSeconds.toFixed(2), 14), pad(r.tightSeconds.toFixed(2), 8), pad(fmtRatio(ratio) + (ratio >= target ? ' ' : '!'), 10), pad(`1/${Math.round(1 / target)}`, 7), sum].join(' '),
    );
  }
  console.log(`\n${rows.join('\n')}`);
  console.log(`\nvs tight: records/s of \`npx streamlab run JOB --out RESULT\` (wall clock: process start, load, run, result file) ÷ the tight loop's.`);
  return failed;
}

/**
 * Backpressure and checkpoint workloads (issue 3): every job of a workload in a fresh process,
 * `runs` times; the row is the run with the median ratio.
 */
function faultTable(names: readonly FaultWorkload[], runs: number): number {
  let failed = 0;
  const rows = ['workload                           records  engine s  baseline s   ratio  target  check'];
  for (const name of names) {
    process.stderr.write(`running ${name} ×${runs} …\n`);
    const plan = faultPlan[name];
    const reports: FaultReport[] = [];
    let error: string | null = null;
    for (let run = 0; run < runs && error === null; run++) {
      const jobs = new Map<FaultJob, JobReport>();
      for (const job of [plan.measured, plan.baseline, ...plan.also]) {
        const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'faults.ts'), job], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
        try {
          jobs.set(job, JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as JobReport);
        } catch {
          error = `${job}: ${(r.stderr || `exit ${r.status}`).trim().split('\n').slice(0, 4).join(' ')}`;
          break;
        }
      }
      if (error === null) reports.push(faultReport(name, jobs));
    }
    if (error !== null) {
      failed++;
      rows.push(`${name.padEnd(33)} failed: ${error}`);
      continue;
    }
    reports.sort((a, b) => a.ratio - b.ratio);
    const rep = reports[Math.floor(reports.length / 2)];
    if (reports.some((r) => !r.checks.ok)) failed++;
    const spread = reports.length > 1 ? ` (runs: ${reports.map((r) => r.ratio.toFixed(2)).join(', ')})` : '';
    rows.push(
      `${rep.name.padEnd(33)} ${fmtInt(rep.records).padStart(9)} ${rep.seconds.toFixed(2).padStart(9)} ${rep.baselineSeconds.toFixed(2).padStart(11)} ${(rep.ratio.toFixed(2) + '×').padStart(7)} ${('≤' + rep.target + '×').padStart(7)}  ${rep.checks.detail}${spread}`,
    );
  }
  console.log('\n' + rows.join('\n'));
  console.log(
    'baseline: the slow branch beside tumbling-1M-dataflow (per source record); the checkpoint run beside the same job without checkpoints or crash.' +
      `\nEvery job in a fresh process of its own (faster of two runs in it); the row is the median ratio of ${runs} such runs.`,
  );
  return failed;
}

/** sweep-20-values (issue 14): the sweep's 40 runs beside one run per engine, each side in a fresh process. */
function sweepTable(runs: number): number {
  process.stderr.write(`running ${SWEEP_BENCH} ×${runs} …\n`);
  const ratios: { ratio: number; base: SweepBenchReport; sweep: SweepBenchReport }[] = [];
  for (let run = 0; run < runs; run++) {
    const parts: SweepBenchReport[] = [];
    for (const part of ['baseline', 'sweep']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'sweep.ts'), part], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      try {
        parts.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as SweepBenchReport);
      } catch {
        console.log(`\n${SWEEP_BENCH} failed: ${(r.stderr || `exit ${r.status}`).trim().split('\n').slice(0, 4).join(' ')}`);
        return 1;
      }
    }
    ratios.push({ ratio: parts[1].seconds / parts[0].seconds, base: parts[0], sweep: parts[1] });
  }
  ratios.sort((a, b) => a.ratio - b.ratio);
  const m = ratios[Math.floor(ratios.length / 2)];
  console.log(
    `\n${SWEEP_BENCH}: ${m.sweep.runs} runs (20 watermark delays × 2 engines) over ${fmtInt(SWEEP_RECORDS)} generated records in ${m.sweep.seconds.toFixed(2)} s;` +
      ` one dataflow + one micro-batch run (with result documents) ${m.base.seconds.toFixed(2)} s;` +
      ` ratio ${m.ratio.toFixed(2)}× (target ≤${SWEEP_TARGET}×)${ratios.length > 1 ? ` (runs: ${ratios.map((r) => r.ratio.toFixed(2)).join(', ')})` : ''}` +
      `\n  the sweep's own first two runs took ${m.sweep.firstTwoSeconds?.toFixed(2)} s (a cold start, as the baseline's); ${m.sweep.checksum}; baseline ${m.base.checksum}.` +
      `\n  The app's sweep with its Web Workers: npm run bench:ui -- --only sweep.`,
  );
  return 0;
}

main();
