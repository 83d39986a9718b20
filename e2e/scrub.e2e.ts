import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const clockOf = async (page: Page) => (await page.getByLabel('Processing time', { exact: true }).textContent()) ?? '';
const written = async (page: Page, id: string) => (await page.locator(`.react-flow__node[data-id="${id}"] .op-counts`).textContent()) ?? '';

describe('scrubbing the timeline', () => {
  it('goes back to a point before the first window fired, and forward again', async () => {
    const { page, errors, context } = await openApp(browser);
    await expect.poll(() => page.locator('.phase').textContent()).toBe('ready');
    await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => page.locator('.phase').textContent(), { timeout: 20_000 }).toBe('done');
    await expect.poll(() => written(page, 'out')).toBe('6 written'); // the source is unbounded: the last window stays open

    const timeline = page.getByLabel('Timeline', { exact: true });
    await timeline.fill('12000');
    await expect.poll(() => clockOf(page)).toBe('12.000 s');
    await expect.poll(() => written(page, 'out')).toBe('0 written');
    expect(await page.locator('.phase').textContent()).toBe('paused');

    await timeline.fill('20000');
    await expect.poll(() => clockOf(page)).toBe('20.000 s');
    await expect.poll(() => written(page, 'out')).toBe('2 written');
    await expect.poll(() => written(page, 'lateSink')).toBe('2 written');
    expect(errors).toEqual([]);
    await context.close();
  });
});
