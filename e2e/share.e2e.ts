import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('sharing a job', () => {
  it('exports the job as a file and imports one', async () => {
    const { page, errors, context } = await openApp(browser);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^late-data[a-z0-9-]*\.streamlab\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.format).toBe('streamlab.job/v1');
    expect(exported.nodes).toHaveLength(6);

    exported.name = 'Imported copy';
    exported.nodes = exported.nodes.filter((n: { id: string }) => n.id !== 'lateSink');
    exported.edges = exported.edges.filter((e: { to: string }) => e.to !== 'lateSink');
    await page.getByLabel('Import job file').setInputFiles({ name: 'copy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
    expect(await page.locator('.job-name').textContent()).toBe('Imported copy');

    await page.getByLabel('Import job file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"}') });
    await expect.poll(() => page.locator('.notice').textContent()).toContain('not a streamlab.job/v1 document');
    expect(await page.locator('.react-flow__node').count()).toBe(5);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports Flink SQL and PySpark code, and says what each cannot express', async () => {
    const { page, errors, context } = await openApp(browser);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    await page.getByLabel('Export as').selectOption('flink-sql');
    const [sql] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    expect(sql.suggestedFilename()).toMatch(/\.sql$/);
    expect(readFileSync((await sql.path())!, 'utf8')).toContain('CREATE TABLE');
    // Flink SQL has no late side output: the warning is shown, not dropped.
    await expect.poll(() => page.locator('.export-warnings').textContent()).toMatch(/side output/i);
    await page.getByLabel('Export as').selectOption('pyspark');
    const [py] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    expect(py.suggestedFilename()).toMatch(/\.py$/);
    expect(readFileSync((await py.path())!, 'utf8')).toContain('readStream');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports a job file dropped onto the canvas, and a broken one changes nothing', async () => {
    const { page, errors, context } = await openApp(browser);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    const drop = async (name: string, text: string) => {
      const dataTransfer = await page.evaluateHandle(
        ({ name, text }) => {
          const d = new DataTransfer();
          d.items.add(new File([text], name, { type: 'application/json' }));
          return d;
        },
        { name, text },
      );
      await page.locator('.react-flow').first().dispatchEvent('drop', { dataTransfer });
    };
    await drop('broken.json', '{nope');
    await expect.poll(() => page.locator('.notice').textContent()).toContain('is not JSON');
    expect(await page.locator('.react-flow__node').count()).toBe(6);
    const job = {
      format: 'streamlab.job/v1',
      name: 'Dropped',
      mode: 'dataflow',
      nodes: [
        { id: 's', kind: 'source', params: { records: [{ ts: 1, at: 1 }] } },
        { id: 'o', kind: 'sink', params: {} },
      ],
      edges: [{ from: 's', to: 'o' }],
    };
    await drop('dropped.json', JSON.stringify(job));
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    expect(await page.locator('.job-name').textContent()).toBe('Dropped');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('copies a link that opens the same job elsewhere', async () => {
    const { page, context } = await openApp(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    await page.getByRole('spinbutton', { name: 'Seed' }).fill('7');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#job=/);

    const other = await openApp(browser, link);
    await expect.poll(() => other.page.locator('.react-flow__node').count()).toBe(6);
    expect(await other.page.getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('7');
    expect(other.page.url()).not.toContain('#job=');
    await other.context.close();
    await context.close();
  });
});
