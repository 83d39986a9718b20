import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const clockOf = async (page: Page) => parseFloat((await page.getByLabel('Processing time', { exact: true }).textContent()) ?? '0');
const phaseOf = (page: Page) => page.locator('.phase').textContent();

describe('injecting a failure while running (dataflow)', () => {
  it('restores from the last checkpoint and marks both on the checkpoint timeline', async () => {
    const { page, errors, context } = await openApp(browser);
    await expect.poll(() => phaseOf(page)).toBe('ready');
    await page.getByLabel('Speed', { exact: true }).selectOption({ label: '10×' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => clockOf(page), { timeout: 10_000 }).toBeGreaterThan(12);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const pausedAt = await clockOf(page);

    await page.getByRole('button', { name: 'Inject failure', exact: true }).click();
    await expect.poll(() => phaseOf(page)).toBe('paused');
    expect(await clockOf(page)).toBeCloseTo(pausedAt, 1);
    expect(await page.locator('.fault-list').textContent()).toContain('crash job');

    await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => phaseOf(page), { timeout: 20_000 }).toBe('done');
    await page.getByRole('tab', { name: 'Checkpoints' }).click();
    await expect.poll(() => page.locator('.track-mark.mark-failure').count()).toBe(1);
    await expect.poll(() => page.locator('.track-mark.mark-restore').count()).toBe(1);
    await expect.poll(() => page.locator('.data-table tbody tr').count()).toBeGreaterThan(2);
    await screenshot(page, 'checkpoints-after-failure');

    // The event-time figure marks the failure and the restore too, and says what each is.
    await page.getByRole('tab', { name: 'Event time' }).click();
    const figure = page.getByRole('figure', { name: 'Event-time figure' });
    await expect.poll(() => figure.getByRole('img', { name: /^Failure at / }).count()).toBe(1);
    expect(await figure.getByRole('img', { name: /^Restore at .*: restored from checkpoint \d+$/ }).count()).toBe(1);
    expect(await figure.getByRole('list', { name: 'Legend' }).first().textContent()).toContain('a task failed');
    await screenshot(page, 'figure-after-failure');
    expect(errors).toEqual([]);
    await context.close();
  });
});
