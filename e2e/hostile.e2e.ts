// Hostile input in the built app (issue 10): a decompression-bomb link, corrupted saved state,
// oversized and broken imports, and the Content-Security-Policy on a plain load. Each must end in
// a visible message, with nothing lost, no uncaught error and no CSP violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { lzBomb, lzBombChars } from '../src/ui/shell/lzBomb.ts';
import { launchBrowser, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const scenario = JSON.parse(readFileSync(new URL('../public/scenarios/late-data.json', import.meta.url), 'utf8'));

type Session = { context: BrowserContext; page: Page; errors: string[]; violations: () => Promise<string[]>; url: (p?: string) => string };

/** A fresh context; `init` runs before the app's scripts (to plant saved state). */
async function session(init?: { key: string; value: string }): Promise<Session> {
  const base = inject('baseUrl');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (init) {
    // Planted once: a reload must see what the app made of it, not the plant again.
    await context.addInitScript(({ key, value }) => {
      if (!sessionStorage.getItem('planted')) (localStorage.setItem(key, value), sessionStorage.setItem('planted', '1'));
    }, init);
  }
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  return { context, page, errors, violations, url: (p = '/') => new URL(p, base).href };
}

const nodes = (page: Page) => page.locator('.react-flow__node').count();
const ready = (page: Page) => page.getByRole('toolbar', { name: 'Run controls' }).waitFor({ timeout: 30_000 });
const failedPanels = (page: Page) => page.getByText(/panel failed/).count();

/**
 * A valid job of about `bytes` written to a temporary file (Chromium reads it from disk: a buffer
 * of 50 MB would take playwright longer to send than the test is about), most of it in the
 * payload of its scripted records.
 */
function jobFileOfSize(bytes: number, name: string, fileName: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'streamlab-e2e-')), fileName);
  writeFileSync(path, jobOfSize(bytes, name));
  return path;
}

function jobOfSize(bytes: number, name: string): Buffer {
  const payload = 'x'.repeat(100_000);
  const records = Array.from({ length: Math.ceil(bytes / 100_050) }, (_, i) => ({ ts: i * 10, at: i * 10, key: 'a', payload }));
  return Buffer.from(JSON.stringify({
    format: 'streamlab.job/v1',
    name,
    mode: 'dataflow',
    nodes: [
      { id: 'big', kind: 'source', params: { records } },
      { id: 'out', kind: 'sink', params: {} },
    ],
    edges: [{ from: 'big', to: 'out' }],
  }));
}

describe('a decompression-bomb link', () => {
  it('is refused with a message, and the hash is cleared so a reload is safe', async () => {
    const bomb = lzBomb(300_000);
    expect(bomb.length).toBeLessThan(2_000_000);
    expect(lzBombChars(300_000)).toBeGreaterThan(4.5e10);
    const s = await session();
    await s.page.goto(s.url(`/#job=${bomb}`));
    await ready(s.page);
    await expect.poll(() => s.page.getByRole('alert').allTextContents()).toContainEqual(expect.stringContaining('expands to more than 10,000,000 characters'));
    expect(await s.page.evaluate(() => location.hash)).toBe('');
    await expect.poll(() => nodes(s.page)).toBe(6); // the default scenario, as with no link
    await screenshot(s.page, 'hostile-bomb-link');
    await s.page.reload();
    await ready(s.page);
    await expect.poll(() => nodes(s.page)).toBe(6);
    expect(await s.page.locator('.boot-message').count()).toBe(0);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('a link whose job breaks a graph rule opens it and says so plainly', async () => {
    const { compressToEncodedURIComponent } = (await import('lz-string')).default;
    const cyclic = { ...scenario, name: 'Loop', edges: [...scenario.edges, { from: 'out', to: 'wm' }] };
    const s = await session();
    await s.page.goto(s.url(`/#job=${compressToEncodedURIComponent(JSON.stringify(cyclic))}`));
    await ready(s.page);
    await expect.poll(() => s.page.locator('.boot-message').textContent()).toMatch(/Opened the shared job "Loop" with \d+ problems?: .*it is kept so you can fix it/);
    expect(await s.page.locator('.job-name').textContent()).toBe('Loop');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});

describe('saved state that cannot be used as it is', () => {
  const KEY = 'streamlab.editor';
  const wrap = (state: unknown, version = 1) => JSON.stringify({ state, version });
  const cases: [string, string, RegExp][] = [
    ['from an older version, with a job of the old shape', wrap({ document: { ...scenario, settings: { microbatch: 'fast' } } }, 0), /settings\.microbatch/],
    ['from a future version', wrap({ job: scenario, workspace: {} }, 9), /newer version of Streamlab/],
    ['with settings a string', wrap({ job: { ...scenario, settings: 'fast' } }), /settings: /],
    ['that is not JSON', '{"state":{"job":', /not JSON/],
  ];
  for (const [name, value, reason] of cases) {
    it(`${name}: kept aside, the default scenario opens, and the message says so`, async () => {
      const s = await session({ key: KEY, value });
      await s.page.goto(s.url('/'));
      await ready(s.page);
      const message = s.page.locator('.boot-message');
      await expect.poll(() => message.textContent()).toMatch(reason);
      expect(await message.textContent()).toContain('the default scenario is open instead');
      expect(await message.textContent()).toContain('streamlab.editor.backup');
      await expect.poll(() => nodes(s.page)).toBe(6);
      expect(await s.page.evaluate(() => localStorage.getItem('streamlab.editor.backup'))).toBe(value);
      expect(await failedPanels(s.page)).toBe(0);
      expect(s.errors).toEqual([]);
      await s.context.close();
    });
  }

  it('with a label that is an object: the job opens without that label, and the message says so', async () => {
    const job = { ...scenario, nodes: scenario.nodes.map((n: { id: string }) => (n.id === 'count' ? { ...n, label: { html: '<img src=x onerror=alert(1)>' } } : n)) };
    const s = await session({ key: KEY, value: wrap({ job }) });
    await s.page.goto(s.url('/'));
    await ready(s.page);
    await expect.poll(() => s.page.locator('.boot-message').textContent()).toMatch(/nodes\.\d+\.label .* was dropped/);
    await expect.poll(() => nodes(s.page)).toBe(6);
    expect(await failedPanels(s.page)).toBe(0);
    await s.page.locator('.react-flow__node').nth(3).click();
    expect(await failedPanels(s.page)).toBe(0);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});

describe('importing', () => {
  it('refuses a 50 MB file at once with the limit, keeping the job and the page', async () => {
    const s = await session();
    await s.page.goto(s.url('/'));
    await ready(s.page);
    await expect.poll(() => nodes(s.page)).toBe(6);
    await s.page.getByLabel('Import job file').setInputFiles(jobFileOfSize(50_000_000, 'Huge', 'huge.json'));
    await expect.poll(() => s.page.locator('.notice').first().textContent()).toMatch(/"huge\.json" was not imported: it is 50 MB, and a job file may be at most 10 MB/);
    expect(await nodes(s.page)).toBe(6);
    expect(await s.page.evaluate(() => 1 + 1)).toBe(2); // the page answers
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('imports an 8 MB job read off the page, and says it cannot be saved in this browser', async () => {
    const s = await session();
    await s.page.goto(s.url('/'));
    await ready(s.page);
    await expect.poll(() => nodes(s.page)).toBe(6);
    await s.page.getByLabel('Import job file').setInputFiles(jobFileOfSize(8_000_000, 'Big', 'big.json'));
    await expect.poll(() => s.page.locator('.job-name').textContent(), { timeout: 30_000 }).toBe('Big');
    expect(await nodes(s.page)).toBe(2);
    const alert = s.page.locator('.save-failure');
    await expect.poll(() => alert.textContent()).toMatch(/Not saved in this browser: this job \(8\.\d MB\) could not be kept/);
    expect(await alert.getAttribute('role')).toBe('alert');
    await screenshot(s.page, 'hostile-large-import');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('imports a job with a cycle and says it is kept with its problems', async () => {
    const s = await session();
    await s.page.goto(s.url('/'));
    await ready(s.page);
    const cyclic = { ...scenario, name: 'Cycle', edges: [...scenario.edges, { from: 'out', to: 'wm' }] };
    await s.page.getByLabel('Import job file').setInputFiles({ name: 'cycle.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(cyclic)) });
    await expect.poll(() => s.page.locator('.notice').first().textContent()).toMatch(/Imported "Cycle" with \d+ problems?: .*it is kept so you can fix it/);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});

describe('the Content-Security-Policy of the built app', () => {
  it('is in index.html as a meta tag (without frame-ancestors), and a load, an import and a run raise no violation', async () => {
    const s = await session();
    // As static hosting serves it: no header, the meta tag alone.
    await s.context.route(/\/(index\.html)?(\?.*)?$/, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    });
    await s.page.goto(s.url('/'));
    await ready(s.page);
    const meta = await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toContain('unsafe-eval');
    expect(meta).not.toContain('frame-ancestors');
    await expect.poll(() => nodes(s.page)).toBe(6);
    await s.page.getByLabel('Import job file').setInputFiles({ name: 'copy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...scenario, name: 'Copy' })) });
    await expect.poll(() => s.page.locator('.job-name').textContent()).toBe('Copy');
    await s.page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => s.page.getByLabel('Processing time', { exact: true }).textContent()).not.toBe('0.000 s');
    expect(await s.violations()).toEqual([]);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
