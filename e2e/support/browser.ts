// Launches Debian's Chromium (or CHROMIUM_PATH) and opens the app in a fresh context, collecting
// console errors and page errors so that a test can assert there were none.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';

export const artifactsDir = fileURLToPath(new URL('../artifacts/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export type AppPage = { context: BrowserContext; page: Page; errors: string[]; url: (path?: string) => string };

export async function openApp(browser: Browser, path = '/'): Promise<AppPage> {
  const base = inject('baseUrl');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = (p = '/') => new URL(p, base).href;
  await page.goto(url(path));
  await page.getByRole('toolbar', { name: 'Run controls' }).waitFor({ timeout: 15_000 });
  return { context, page, errors, url };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: `${artifactsDir}${name}.png` });
}
