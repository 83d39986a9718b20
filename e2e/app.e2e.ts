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

describe('the app', () => {
  it('opens the default scenario with no console errors', async () => {
    const { page, errors, context } = await openApp(browser);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    expect(await page.locator('.react-flow__edge').count()).toBe(5);
    for (const name of ['Play', 'Step', 'Reset']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Speed', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Mode', { exact: true }).locator('option').allTextContents()).toEqual(['Micro-batch', 'Dataflow', 'Compare']);
    expect(await page.getByLabel('Processing time', { exact: true }).textContent()).toBe('0.000 s');
    expect(await page.getByLabel('Watermark', { exact: true }).count()).toBe(6);
    await screenshot(page, 'default-scenario');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violations', async () => {
    const { page, context } = await openApp(browser);
    await page.getByRole('button', { name: 'Play' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('is served with a Content-Security-Policy that allows no eval and no remote origins', async () => {
    const { page, context, url } = await openApp(browser);
    const response = await page.request.get(url('/'));
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:/);
    await context.close();
  });

  it('opens ?scenario=<id> and reports an unknown one', async () => {
    const { page, context } = await openApp(browser, '/?scenario=no-such-scenario');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('no-such-scenario');
    await context.close();
  });
});
