// The sweep in Chromium (issue 14): open the late-data scenario, sweep the watermark delay it
// suggests over both engines in Web Workers, see the chart, click a point and find its value in
// the inspector (and undo it in one step), then cancel a long sweep.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, openApp, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const scenario = (id: string) => JSON.parse(readFileSync(new URL(`../public/scenarios/${id}.json`, import.meta.url), 'utf8'));
const FACTORS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/** The watermark delay the inspector shows, in ms (its number times its unit). */
async function inspectorDelayMs(page: Page): Promise<number> {
  const input = page.getByRole('textbox', { name: 'Delay (max out-of-orderness)', exact: true });
  const unit = await page.getByRole('combobox', { name: 'Delay (max out-of-orderness) unit' }).inputValue();
  return Number(await input.inputValue()) * (FACTORS[unit] ?? NaN);
}

describe('the settings sweep', () => {
  it('sweeps the late-data delay, charts it, applies a clicked point in one undo step, and cancels a long sweep', async () => {
    const doc = scenario('late-data');
    const { page, errors, context } = await openApp(browser, '/?scenario=late-data');
    await expect.poll(() => page.locator('.job-name').textContent()).toBe(doc.name);

    await page.getByRole('button', { name: 'Sweep', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Sweep a setting' });
    await panel.waitFor();
    // The scenario's suggestion: the watermark delay, 0 to 12 s by 1 s, both engines.
    expect(await panel.getByRole('combobox', { name: 'Parameter' }).inputValue()).toBe('nodes.wm.params.delayMs');
    expect(await panel.getByRole('spinbutton', { name: 'From (ms)' }).inputValue()).toBe('0');
    expect(await panel.getByRole('spinbutton', { name: 'To (ms)' }).inputValue()).toBe('12000');
    expect(await panel.getByRole('combobox', { name: 'Engines' }).inputValue()).toBe('both');

    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toBe('26 runs done');
    const chart = page.getByRole('figure', { name: 'Sweep chart' });
    await chart.waitFor();
    expect(await chart.locator('.recharts-line').count()).toBe(6); // completeness, p50, p95 × 2 engines
    expect(await chart.getByRole('button', { name: /^Use delayMs \d+ \((dataflow|micro-batch)\)$/ }).count()).toBe(26);
    await screenshot(page, 'sweep-chart');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Exports: the points as CSV, the chart as SVG and PNG.
    const saved = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name }).click()]);
      return { file: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    const csv = await saved('Export CSV');
    expect(csv.file).toBe('sweep-delayMs.csv');
    const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('parameter,value,mode,completeness,latencyP50Ms,latencyP95Ms,resultsEmitted,revisions,lateRecords,droppedLate,stateRowsPeak,visibilityLatencyP50Ms');
    expect(lines).toHaveLength(27);
    expect(lines[1]).toMatch(/^nodes\.wm\.params\.delayMs,0,microbatch,/);
    const svg = await saved('Export SVG');
    expect(svg.file).toBe('sweep-delayMs.svg');
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const png = await saved('Export PNG');
    expect(png.file).toBe('sweep-delayMs.png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    // The second view: late records and state.
    await panel.getByRole('radio', { name: 'Late records and state' }).check();
    await expect.poll(() => chart.getByRole('button', { name: 'Use delayMs 0 (dataflow)' }).count()).toBe(1);
    await panel.getByRole('radio', { name: 'Completeness and latency' }).check();

    // A click on a point: the value goes into the job, the inspector shows it, and the job runs.
    expect(await inspectorDelayMs(page).catch(() => null)).not.toBe(5000);
    // The points are buttons: Enter on one works as a click does.
    await chart.getByRole('button', { name: 'Use delayMs 3000 (micro-batch)' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => inspectorDelayMs(page)).toBe(3000);
    await chart.getByRole('button', { name: 'Use delayMs 5000 (dataflow)' }).click();
    await expect.poll(() => inspectorDelayMs(page)).toBe(5000);
    const runControls = page.getByRole('toolbar', { name: 'Run controls' });
    await expect.poll(() => runControls.getByRole('button', { name: 'Pause' }).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'sweep-applied');
    await runControls.getByRole('button', { name: 'Pause' }).click();
    // Each applied point is one undo step: 5 s → 3 s → the scenario's 2 s.
    await page.keyboard.press('Control+z');
    await expect.poll(() => inspectorDelayMs(page)).toBe(3000);
    await page.keyboard.press('Control+z');
    await expect.poll(() => inspectorDelayMs(page)).toBe(2000);

    // A long sweep (every ms from 0 to 199 s, 400 runs) is cancelled while it runs.
    await panel.getByRole('spinbutton', { name: 'To (ms)' }).fill('199000');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^\d+ of 400 runs, on \d+ workers?$/);
    await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Cancelled after \d+ of 400 runs$/);
    const cancelled = Number(/after (\d+)/.exec((await panel.getByRole('status').textContent())!)![1]);
    expect(cancelled).toBeLessThan(400);
    expect(await panel.getByRole('button', { name: 'Run', exact: true }).isEnabled()).toBe(true);
    await screenshot(page, 'sweep-cancelled');

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
