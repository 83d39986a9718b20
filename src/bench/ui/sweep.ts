// bench:ui's sweep case (issue 14): the app's sweep of sweep-20-values' job (100,000 generated
// records, src/bench/sweep.ts) with its Web Workers, in Chromium: first one value over both engines
// (one dataflow run plus one micro-batch run: the baseline), then 20 values over both engines (40
// runs), each timed from the click on Run to the panel's "N runs done". Reported, never asserted.
import lzString from 'lz-string';
import type { Browser, Page } from 'playwright-core';
import { SWEEP_VALUES, sweepBenchDocument } from '../sweep.ts';

export type AppSweepFigures = { baselineSeconds: number; sweepSeconds: number; ratio: number; workers: number; cores: number };

export const APP_SWEEP_TARGET = 10;

/** Seconds from Run to done, and the workers the panel said it ran on. */
async function timedRun(page: Page, runs: number): Promise<{ seconds: number; workers: number }> {
  const panel = page.getByRole('dialog', { name: 'Sweep a setting' });
  const status = panel.getByRole('status');
  const t0 = Date.now();
  let workers = NaN;
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  for (;;) {
    const text = (await status.textContent().catch(() => '')) ?? '';
    if (text === `${runs} runs done`) return { seconds: (Date.now() - t0) / 1000, workers };
    const on = /on (\d+) worker/.exec(text);
    if (on) workers = Number(on[1]);
    if (/^(Stopped|Cancelled)/.test(text)) throw new Error(`the sweep stopped: ${text}`);
    if (Date.now() - t0 > 600_000) throw new Error(`the sweep took over 10 minutes (${text})`);
    await page.waitForTimeout(50);
  }
}

export async function measureAppSweep(browser: Browser, base: string): Promise<AppSweepFigures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const doc = sweepBenchDocument();
  await page.goto(`${base}#job=${lzString.compressToEncodedURIComponent(JSON.stringify(doc))}`);
  await page.getByRole('toolbar', { name: 'Run controls' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Sweep', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Sweep a setting' });
  await panel.getByRole('combobox', { name: 'Parameter' }).selectOption('nodes.wm.params.delayMs');
  await panel.getByRole('combobox', { name: 'Engines' }).selectOption('both');
  await panel.getByRole('spinbutton', { name: 'From (ms)' }).fill('0');
  await panel.getByRole('spinbutton', { name: 'Step (ms)' }).fill(String(SWEEP_VALUES[1] - SWEEP_VALUES[0]));
  await panel.getByRole('spinbutton', { name: 'To (ms)' }).fill('0');
  const { seconds: baselineSeconds } = await timedRun(page, 2);
  await panel.getByRole('spinbutton', { name: 'To (ms)' }).fill(String(SWEEP_VALUES.at(-1)));
  const { seconds: sweepSeconds, workers } = await timedRun(page, 2 * SWEEP_VALUES.length);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await context.close();
  return { baselineSeconds, sweepSeconds, ratio: sweepSeconds / baselineSeconds, workers, cores };
}
