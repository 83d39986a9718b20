import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, openApp, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['Micro-batch', 'microbatch', 'dropped'],
  ['Dataflow', 'dataflow', 'side output "late"'],
] as const)('playing the default scenario in %s mode', (modeName, slug, lateGoesTo) => {
  it('fires windows and routes late records', async () => {
    const { page, errors, context } = await openApp(browser);
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: modeName });
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).isEnabled()).toBe(true);
    await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => page.locator('.phase').textContent(), { timeout: 20_000 }).toBe('done');
    const clock = await page.getByLabel('Processing time', { exact: true }).textContent();
    expect(parseFloat(clock ?? '0')).toBeGreaterThan(30);
    // Windows fired: the counts sink got rows (dataflow also reports each firing on the node).
    await expect.poll(() => page.locator('.react-flow__node[data-id="out"]').textContent()).toMatch(/[1-9]\d* written/);
    if (slug === 'dataflow') await expect.poll(() => page.locator('.react-flow__node[data-id="count"]').textContent()).toMatch(/[1-9]\d* fired/);
    await screenshot(page, `play-${slug}-event-time`);
    await expect.poll(() => page.locator('.plot-pane').count()).toBeGreaterThan(0);
    if (slug === 'dataflow') await expect.poll(() => page.locator('.plot-late').count()).toBe(3);
    else await expect.poll(() => page.locator('.plot-late.is-dropped').count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Sinks' }).click();
    await expect.poll(() => page.locator('.data-table tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, `play-${slug}-sinks`);
    await page.getByRole('tab', { name: 'Late records' }).click();
    await expect.poll(() => page.locator('.data-table').textContent()).toContain(lateGoesTo);
    await screenshot(page, `play-${slug}-late`);
    if (slug === 'microbatch') {
      await page.getByRole('tab', { name: 'Batches' }).click();
      await expect.poll(() => page.locator('.track-bar').count()).toBeGreaterThan(3);
      await screenshot(page, `play-${slug}-batches`);
    }
    await page.getByRole('tab', { name: 'Charts' }).click();
    await expect.poll(() => page.locator('.recharts-line').count()).toBeGreaterThan(3);
    await screenshot(page, `play-${slug}-charts`);
    await page.getByRole('tab', { name: 'Event time' }).click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
