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

describe('compare mode', () => {
  it('plays both engines side by side on one clock and spells out how they differ', async () => {
    const { page, errors, context } = await openApp(browser);
    await expect.poll(() => page.locator('.phase').textContent()).toBe('ready');
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Compare' });
    const spark = page.getByRole('region', { name: 'Micro-batch (Spark)', exact: true });
    const flink = page.getByRole('region', { name: 'Dataflow (Flink)', exact: true });
    await expect.poll(() => spark.locator('.react-flow__node').count()).toBe(6);
    await expect.poll(() => flink.locator('.react-flow__node').count()).toBe(6);
    await expect.poll(() => page.locator('.phase').textContent()).toBe('ready');

    // One graph, one viewport: zooming or panning either canvas moves the other with it.
    const transform = (engineRun: typeof spark) => engineRun.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    const before = await transform(flink);
    await spark.getByRole('button', { name: /zoom in/i }).click();
    await expect.poll(() => transform(flink)).not.toBe(before);
    await expect.poll(async () => (await transform(flink)) === (await transform(spark))).toBe(true);
    const box = (await flink.locator('.react-flow__pane').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 20, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await transform(spark)) === (await transform(flink))).toBe(true);
    expect(await transform(spark)).not.toBe(before);

    await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => page.locator('.phase').textContent(), { timeout: 20_000 }).toBe('done');

    // Each canvas shows its own engine: Flink fired windows on the node, Spark ran batches.
    await expect.poll(() => flink.locator('.react-flow__node[data-id="count"]').textContent()).toMatch(/[1-9]\d* fired/);
    await expect.poll(() => spark.locator('.lane-summary').textContent()).toMatch(/[1-9]\d* batches/);
    await expect.poll(() => flink.locator('.lane-summary').textContent()).toMatch(/[1-9]\d* late to side output/);

    // The differences, in plain words.
    const differences = page.getByRole('list', { name: 'Differences between the engines' });
    await expect.poll(() => differences.textContent()).toMatch(/Spark dropped \d+ late rows? silently .*; Flink sent \d+ to the side output "late"/);
    expect(await differences.textContent()).toMatch(/Flink emitted .*window \[0 s, 10 s\) [\d.]+ m?s earlier/);
    const narration = await page.locator('.explanation').textContent();
    expect(narration).toContain('Spark');
    expect(narration).toContain('Flink');
    await screenshot(page, 'compare-differences');

    // Every view shows both engines side by side.
    await page.getByRole('tab', { name: 'Late records' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Late records, Micro-batch (Spark)' }).textContent()).toContain('dropped');
    await expect.poll(() => page.getByRole('region', { name: 'Late records, Dataflow (Flink)' }).textContent()).toContain('side output "late"');
    await screenshot(page, 'compare-late');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Back to one engine: one canvas again.
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Dataflow' });
    await expect.poll(() => page.locator('.lane-pane').count()).toBe(0);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    expect(errors).toEqual([]);
    await context.close();
  });
});
