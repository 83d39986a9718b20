// The memory row of `npm run bench:ui`: a 20,000 records/s generated job (one chain of graph.ts)
// played in fast-forward for `seconds` (10 minutes by default), with the whole browser's memory
// sampled every 10 s: the proportional set size (PSS, shared pages split between the processes
// sharing them) summed over the Chromium process tree this benchmark launched, read from /proc.
// (CDP's SystemInfo.getProcessInfo lists the processes but not their memory.) Issue 10 saw
// 776 MB grow to 3.3 GB in 120 s; the target is under 500 MB for the 10 minutes.
import { readdirSync, readFileSync } from 'node:fs';
import lzString from 'lz-string';
import type { Browser, Page } from 'playwright-core';
import { parseJob } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';
import { benchJob } from './graph.ts';

export const MEMORY_CASE = 'fast-forward memory, 20,000 records/s';
export const MEMORY_TARGET_MB = 500;

export type MemorySample = { atSeconds: number; browserMB: number; rssMB: number; processes: number; simSeconds: number; byType: Record<string, number> };
/** Live JavaScript after a collection, by scope (Window, DedicatedWorkerGlobalScope), in MB. */
export type LiveHeaps = Record<string, number> | { unavailable: string };

export type MemoryResult = { samples: MemorySample[]; peakMB: number; slopeMBPerMinute: number; finished: boolean; liveAtEnd: LiveHeaps };

/**
 * performance.measureUserAgentSpecificMemory (the app is cross-origin isolated): what the page and
 * its workers hold live, after a garbage collection. Tells a leak (this grows) from a heap that
 * V8 lets grow between collections (only the process figures grow).
 */
async function liveHeaps(page: Page): Promise<LiveHeaps> {
  return page
    .evaluate(async () => {
      const measure = (performance as unknown as { measureUserAgentSpecificMemory(): Promise<{ breakdown: { bytes: number; attribution: { scope: string }[] }[] }> }).measureUserAgentSpecificMemory;
      const r = await measure.call(performance);
      const out: Record<string, number> = {};
      for (const b of r.breakdown) for (const a of b.attribution) out[a.scope] = (out[a.scope] ?? 0) + b.bytes / 1e6 / b.attribution.length;
      return out;
    })
    .catch((e: unknown) => ({ unavailable: String(e).slice(0, 120) }));
}

/** Parent pid of each process, from /proc/<pid>/stat (the field after the parenthesised name). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(entry), ppid);
    } catch {
      /* the process ended while being read */
    }
  }
  return out;
}

/** Every descendant of this Node process (the browser playwright launched, and its children). */
function descendants(root: number): number[] {
  const parentOf = parents();
  const found: number[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const p = frontier.pop()!;
    for (const [pid, ppid] of parentOf) if (ppid === p) (found.push(pid), frontier.push(pid));
  }
  return found;
}

/**
 * PSS in MB summed over the Chromium processes below this one; and RSS summed, which counts shared
 * pages once per process (larger: what a process list adds up to).
 */
export function browserMemoryMB(): { mb: number; rssMB: number; processes: number; byType: Record<string, number> } {
  const byType: Record<string, number> = {};
  let kb = 0;
  let rssKb = 0;
  let processes = 0;
  for (const pid of descendants(process.pid)) {
    try {
      if (!/chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'))) continue;
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      const rss = /^Rss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (!m) continue;
      kb += Number(m[1]);
      rssKb += Number(rss?.[1] ?? 0);
      processes++;
      const type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '))?.[1] ?? 'browser';
      byType[type] = (byType[type] ?? 0) + Number(m[1]) / 1024;
    } catch {
      /* gone */
    }
  }
  return { mb: kb / 1024, rssMB: rssKb / 1024, processes, byType };
}

/** Least-squares slope of memory over time, in MB per minute. */
function slope(samples: MemorySample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((t, s) => t + s.atSeconds, 0) / n;
  const my = samples.reduce((t, s) => t + s.browserMB, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) (num += (s.atSeconds - mx) * (s.browserMB - my)), (den += (s.atSeconds - mx) ** 2);
  return den === 0 ? 0 : (num / den) * 60;
}

/** The longest run of `make(untilMs)` the job model's validation accepts (the app refuses a longer one). */
function longestAccepted(make: (untilMs: number) => Job): Job {
  let lo = 1000;
  let hi = 24 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (parseJob(make(mid)).ok) lo = mid;
    else hi = mid;
  }
  return make(lo);
}

export async function runMemoryCase(browser: Browser, base: string, seconds: number, clockOf: (page: Page) => Promise<number>, onSample: (s: MemorySample) => void): Promise<MemoryResult> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // As long a run as the work limits accept (model/limits.ts: at 20,000 records/s that is well under
  // a day, so fast-forward may reach the end before the row's time is up; the row then says so).
  const job = longestAccepted((untilMs) => benchJob({ nodes: 10, ratePerSec: 20_000, untilMs }));
  await page.goto(`${base}#job=${lzString.compressToEncodedURIComponent(JSON.stringify(job))}`);
  await page.getByRole('toolbar', { name: 'Run controls' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const samples: MemorySample[] = [];
  const started = Date.now();
  let finished = false;
  for (;;) {
    const atSeconds = (Date.now() - started) / 1000;
    const { mb, rssMB, processes, byType } = browserMemoryMB();
    const sample = { atSeconds, browserMB: mb, rssMB, processes, byType, simSeconds: await clockOf(page) };
    samples.push(sample);
    onSample(sample);
    if (atSeconds >= seconds) break;
    if ((await page.locator('.phase').textContent()) === 'done') {
      finished = true;
      break;
    }
    await page.waitForTimeout(Math.min(10_000, (seconds - atSeconds) * 1000));
  }
  const liveAtEnd = await liveHeaps(page);
  await context.close();
  // The slope over the second half: the first minute holds start-up (build, first layout).
  const late = samples.filter((s) => s.atSeconds >= seconds / 2);
  return { samples, peakMB: Math.max(...samples.map((s) => s.browserMB)), slopeMBPerMinute: slope(late.length >= 2 ? late : samples), finished, liveAtEnd };
}
