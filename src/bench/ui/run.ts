// `npm run bench:ui [-- --seconds N] [-- --only TEXT] [-- --memory-seconds N] [-- --json]`: builds the app, serves it with
// Vite's preview server, and drives Debian's Chromium (or CHROMIUM_PATH) over generated graphs of
// 30 and 300 nodes (graph.ts) playing live (1×) and in fast-forward, plus 30 nodes in micro-batch
// and in compare mode. For each it prints frames per second (requestAnimationFrame), the
// 95th-percentile frame time, long tasks (≥ 50 ms, PerformanceObserver 'longtask') and the main
// thread's busy share (CDP Performance.getMetrics: TaskDuration, and ThreadTime for its CPU time,
// over wall time); then the JavaScript fetched before first contentful paint, gzipped; then
// Lighthouse's desktop performance score (lighthouse 12.2.3, a dev dependency); and the whole browser's
// memory over 10 minutes of fast-forward at 20,000 records/s (memory.ts). Reported, never
// asserted: the targets stand beside the figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import lzString from 'lz-string'; // CommonJS: no named exports under Node
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { build, preview } from 'vite';
import { benchJob } from './graph.ts';
import { frameFigures, longTasksBetween, PROBES, START_RECORDING, STOP_RECORDING } from './measure.ts';
import type { FrameFigures } from './measure.ts';
import { runLighthouse } from './lighthouse.ts';
import { MEMORY_CASE, MEMORY_TARGET_MB, runMemoryCase } from './memory.ts';
import type { MemoryResult } from './memory.ts';
import { APP_SWEEP_TARGET, measureAppSweep, type AppSweepFigures } from './sweep.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const outDir = 'node_modules/.tmp/bench-ui-dist';
const args = process.argv.slice(2);
const secondsArg = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : NaN;
const seconds = secondsArg > 0 ? secondsArg : 5;
const asJson = args.includes('--json');
/** `--only 300` runs the cases whose name contains "300" (and skips the load and Lighthouse figures). */
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
/** `--memory-seconds N`: how long the memory row plays (600, ten minutes, unless given). */
const memorySecondsArg = args.includes('--memory-seconds') ? Number(args[args.indexOf('--memory-seconds') + 1]) : NaN;
const memorySeconds = memorySecondsArg > 0 ? memorySecondsArg : 600;

type Case = { name: string; nodes: number; speed: '1×' | 'Fast-forward'; view: 'Dataflow' | 'Micro-batch' | 'Compare'; fps: number; checkpointIntervalMs?: number };
const cases: Case[] = [
  { name: '30 nodes, live 1×', nodes: 30, speed: '1×', view: 'Dataflow', fps: 58 },
  { name: '30 nodes, fast-forward', nodes: 30, speed: 'Fast-forward', view: 'Dataflow', fps: 58 },
  { name: '30 nodes, micro-batch, live 1×', nodes: 30, speed: '1×', view: 'Micro-batch', fps: 58 },
  { name: '30 nodes, compare, live 1×', nodes: 30, speed: '1×', view: 'Compare', fps: 58 },
  { name: '300 nodes, live 1×', nodes: 300, speed: '1×', view: 'Dataflow', fps: 55 },
  { name: '300 nodes, fast-forward', nodes: 300, speed: 'Fast-forward', view: 'Dataflow', fps: 55 },
  // Issue 13: barriers on every edge, snapshots and acknowledgements on every node, once a second.
  { name: '300 nodes, checkpoints every 1 s, live 1×', nodes: 300, speed: '1×', view: 'Dataflow', fps: 55, checkpointIntervalMs: 1000 },
  { name: '300 nodes, checkpoints every 1 s, fast-forward', nodes: 300, speed: 'Fast-forward', view: 'Dataflow', fps: 55, checkpointIntervalMs: 1000 },
];

type CaseResult = FrameFigures & { name: string; targetFps: number; longTasks: number; longestTaskMs: number; busyShare: number; cpuShare: number; scriptShare: number; styleLayoutShare: number; simSeconds: number; wallSeconds: number; finished: boolean };

async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

const phaseOf = (page: Page) => page.locator('.phase').textContent();
const clockOf = async (page: Page) => parseFloat((await page.getByLabel('Processing time', { exact: true }).textContent()) ?? '0');

async function waitForPhase(page: Page, phases: string[], timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const p = (await phaseOf(page)) ?? '';
    if (phases.includes(p)) return p;
    if (Date.now() > until) throw new Error(`phase stayed "${p}", wanted ${phases.join(' or ')}`);
    await page.waitForTimeout(100);
  }
}

/** Seconds the page's main thread spent: on tasks in all, and on script, style and layout. */
async function mainThread(session: import('playwright-core').CDPSession): Promise<Record<'task' | 'cpu' | 'script' | 'style' | 'layout', number>> {
  const { metrics } = await session.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { task: get('TaskDuration'), cpu: get('ThreadTime'), script: get('ScriptDuration'), style: get('RecalcStyleDuration'), layout: get('LayoutDuration') };
}

async function runCase(browser: Browser, base: string, c: Case): Promise<CaseResult> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript({ content: PROBES });
  // Fast-forward gets a long run, so that it is still going when the measurement ends (4 h: 30
  // nodes fast-forward through an hour in about 5 s).
  // Fast-forward needs a run longer than the measurement can finish: 4 h at 30 nodes (about 2 h of
  // simulated time go by in 5 s there), 90 min at 300 nodes (about 12 min do), which keeps the big
  // graph within the work limits (model/limits.ts: a 4 h run of 300 nodes is refused).
  const fastForwardMs = c.nodes >= 300 ? 90 * 60_000 : 4 * 3_600_000;
  const job = benchJob({ nodes: c.nodes, untilMs: c.speed === 'Fast-forward' ? fastForwardMs : 120_000, checkpointIntervalMs: c.checkpointIntervalMs });
  await page.goto(`${base}#job=${lzString.compressToEncodedURIComponent(JSON.stringify(job))}`);
  await page.getByRole('toolbar', { name: 'Run controls' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: c.view });
  await page.waitForTimeout(400); // the reload after a mode change
  await waitForPhase(page, ['ready']);
  await page.getByLabel('Speed', { exact: true }).selectOption({ label: c.speed });
  const session = await context.newCDPSession(page);
  await session.send('Performance.enable');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(1000); // warm up: first samples, first layout of the animated edges
  const clock0 = await clockOf(page);
  const busy0 = await mainThread(session);
  const t0 = (await page.evaluate(START_RECORDING)) as number;
  const wall0 = Date.now();
  let finished = false;
  while (Date.now() - wall0 < seconds * 1000) {
    await page.waitForTimeout(250);
    if ((await phaseOf(page)) === 'done') {
      finished = true;
      break;
    }
  }
  const { frames, longTasks, now: t1 } = (await page.evaluate(STOP_RECORDING)) as { frames: number[]; longTasks: [number, number][]; now: number };
  const busy1 = await mainThread(session);
  const clock1 = await clockOf(page);
  await context.close();
  const wallSeconds = (t1 - t0) / 1000;
  const tasks = longTasksBetween(longTasks, t0, t1);
  return {
    name: c.name,
    targetFps: c.fps,
    ...frameFigures(frames),
    longTasks: tasks.count,
    longestTaskMs: tasks.maxMs,
    busyShare: (busy1.task - busy0.task) / wallSeconds,
    cpuShare: (busy1.cpu - busy0.cpu) / wallSeconds,
    scriptShare: (busy1.script - busy0.script) / wallSeconds,
    styleLayoutShare: (busy1.style - busy0.style + busy1.layout - busy0.layout) / wallSeconds,
    simSeconds: clock1 - clock0,
    wallSeconds,
    finished,
  };
}

type LoadResult = { firstPaintMs: number; atFirstPaint: { file: string; gzipBytes: number }[]; afterLoad: { file: string; gzipBytes: number }[] };

/** The JavaScript the page had fetched when it first painted, and by the time it was ready, gzipped. */
async function initialLoad(browser: Browser, base: string): Promise<LoadResult> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.getByRole('toolbar', { name: 'Run controls' }).waitFor({ timeout: 30_000 });
  await waitForPhase(page, ['ready']);
  const { fcp, scripts } = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity,
    scripts: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => /\.m?js(\?|$)/.test(new URL(e.name).pathname))
      .map((e) => ({ path: new URL(e.name).pathname, end: e.responseEnd })),
  }));
  await context.close();
  const size = (path: string) => gzipSync(readFileSync(join(root, outDir, path)), { level: 9 }).length;
  const all = scripts.map((s) => ({ file: s.path, gzipBytes: size(s.path), end: s.end }));
  return {
    firstPaintMs: fcp,
    atFirstPaint: all.filter((s) => s.end <= fcp).map(({ file, gzipBytes }) => ({ file, gzipBytes })),
    afterLoad: all.map(({ file, gzipBytes }) => ({ file, gzipBytes })),
  };
}

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pad = (s: string, n: number) => s.padStart(n);
const mark = (ok: boolean) => (ok ? ' ' : '✗');

function printCases(results: CaseResult[]): void {
  console.log(`\nbench:ui — headless Chromium, 1440×900, ${seconds} s measured per case after 1 s of warm-up`);
  console.log(`${'case'.padEnd(32)}${pad('fps', 8)}${pad('p95 frame', 12)}${pad('long tasks', 12)}${pad('longest', 10)}${pad('main busy', 11)}${pad('main CPU', 10)}${pad('(script', 9)}${pad('style+layout)', 15)}   simulated`);
  for (const r of results) {
    const sim = `${r.simSeconds.toFixed(1)} s in ${r.wallSeconds.toFixed(1)} s${r.finished ? ' (run ended)' : ''}`;
    console.log(
      `${r.name.padEnd(32)}${pad(r.fps.toFixed(1), 7)}${mark(r.fps >= r.targetFps)}${pad(`${r.p95FrameMs.toFixed(1)} ms`, 12)}` +
        `${pad(String(r.longTasks), 11)}${mark(r.longTasks === 0)}${pad(r.longTasks ? `${Math.round(r.longestTaskMs)} ms` : '—', 10)}` +
        `${pad(pct(r.busyShare), 10)}${mark(r.busyShare <= 0.2)}${pad(pct(r.cpuShare), 10)}${pad(pct(r.scriptShare), 9)}${pad(pct(r.styleLayoutShare), 15)}   ${sim}`,
    );
  }
  console.log('targets: ≥ 58 fps (≥ 55 fps at 300 nodes), no long task, main thread busy ≤ 20 %; ✗ marks a miss');
  console.log('main busy: time in main-thread tasks over wall time (CDP TaskDuration; counts time the thread waited for a core);');
  console.log('main CPU: CPU time of the main thread over wall time (CDP ThreadTime). The engine worker runs on another thread.');
}

function printMemory(m: MemoryResult): void {
  const first = m.samples[0]!;
  const last = m.samples[m.samples.length - 1]!;
  console.log(`\n${MEMORY_CASE}: whole browser (PSS summed over its processes, from /proc), ${last.atSeconds.toFixed(0)} s of play, ${last.simSeconds.toFixed(0)} s simulated${m.finished ? ' (run ended)' : ''}`);
  console.log(`  ${first.browserMB.toFixed(0)} MB at the start, ${last.browserMB.toFixed(0)} MB at the end, peak ${m.peakMB.toFixed(0)} MB${mark(m.peakMB < MEMORY_TARGET_MB)} (target < ${MEMORY_TARGET_MB} MB); slope over the second half ${m.slopeMBPerMinute.toFixed(1)} MB/min`);
  console.log(`  RSS summed the same way (shared pages counted per process): ${first.rssMB.toFixed(0)} MB at the start, ${last.rssMB.toFixed(0)} MB at the end`);
  const types = (s: (typeof m.samples)[number]) => Object.entries(s.byType).map(([t, mb]) => `${t} ${mb.toFixed(0)}`).join(', ');
  console.log(`  by process type, MB PSS: start ${types(first)}; end ${types(last)}`);
  const live = 'unavailable' in m.liveAtEnd ? `unavailable (${String(m.liveAtEnd.unavailable)})` : Object.entries(m.liveAtEnd).map(([scope, mb]) => `${scope} ${mb.toFixed(1)} MB`).join(', ');
  console.log(`  live JavaScript at the end, after a collection (measureUserAgentSpecificMemory): ${live}`);
}

function printLoad(load: LoadResult): void {
  const first = load.atFirstPaint.reduce((t, s) => t + s.gzipBytes, 0);
  const all = load.afterLoad.reduce((t, s) => t + s.gzipBytes, 0);
  console.log(`\ninitial load: first contentful paint at ${Math.round(load.firstPaintMs)} ms`);
  console.log(`  JavaScript before first paint: ${kb(first)} gzipped${mark(first <= 300 * 1024)} (target ≤ 300 KB)`);
  for (const s of load.atFirstPaint) console.log(`    ${s.file}  ${kb(s.gzipBytes)}`);
  const later = load.afterLoad.filter((s) => !load.atFirstPaint.some((f) => f.file === s.file));
  if (later.length) console.log(`  after first paint: ${later.map((s) => `${s.file} ${kb(s.gzipBytes)}`).join(', ')} (all JS: ${kb(all)})`);
}

async function main() {
  console.log('building the app…');
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const base = server.resolvedUrls?.local[0];
  if (!base) throw new Error('preview server has no local URL');
  const browser = await launch();
  try {
    const results: CaseResult[] = [];
    for (const c of cases.filter((x) => !only || x.name.includes(only))) {
      process.stdout.write(`  ${c.name}…\n`);
      results.push(await runCase(browser, base, c));
    }
    let memory: MemoryResult | null = null;
    if (!only || MEMORY_CASE.includes(only)) {
      process.stdout.write(`  ${MEMORY_CASE} (${memorySeconds} s)…\n`);
      memory = await runMemoryCase(browser, base, memorySeconds, clockOf, (m) =>
        process.stdout.write(`    ${m.atSeconds.toFixed(0).padStart(4)} s: ${m.browserMB.toFixed(0)} MB PSS (${m.rssMB.toFixed(0)} MB RSS) over ${m.processes} processes, ${m.simSeconds.toFixed(0)} s simulated\n`));
    }
    // `--only sweep` runs the sweep case alone (issue 14).
    let sweep: AppSweepFigures | null = null;
    if (!only || only === 'sweep') {
      process.stdout.write('  sweep-20-values in the app…\n');
      sweep = await measureAppSweep(browser, base);
    }
    const load = only ? null : await initialLoad(browser, base);
    await browser.close();
    const lighthouse = only ? { ok: false as const, reason: 'not run with --only' } : await runLighthouse(base, launch);
    if (asJson) console.log(JSON.stringify({ seconds, results, memory, sweep, load, lighthouse }, null, 2));
    else {
      if (results.length > 0) printCases(results);
      if (memory) printMemory(memory);
      if (sweep) {
        console.log(
          `\nsweep-20-values in the app: 40 runs (20 delays × 2 engines, 100,000 generated records) ${sweep.sweepSeconds.toFixed(2)} s on ${sweep.workers} worker(s) (${sweep.cores} cores);` +
            ` one dataflow + one micro-batch run through the same panel ${sweep.baselineSeconds.toFixed(2)} s; ratio ${sweep.ratio.toFixed(2)}×${mark(sweep.ratio <= APP_SWEEP_TARGET)} (target ≤${APP_SWEEP_TARGET}×)`,
        );
      }
      if (load) printLoad(load);
      console.log(`\nLighthouse (desktop preset, performance): ${lighthouse.ok ? `${lighthouse.score.toFixed(2)}${mark(lighthouse.score >= 0.95)} (target ≥ 0.95)` : `skipped: ${lighthouse.reason}`}`);
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
