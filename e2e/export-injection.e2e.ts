// Issue 10: a job whose keyBy key holds a line break and code, imported into the app and exported
// from its Export menu as Flink SQL and PySpark: the downloaded files parse, and have the same
// statements as the same job with a plain key, so the payload stays inside comments and strings.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJob } from '../src/model/validate.ts';
import { calciteIdentifierProblems, flinkSqlProblems, pythonTopLevel, sqlStatementKinds } from '../src/export/test-support/checkers.ts';
import { exportJob } from '../src/export/index.ts';
import { launchBrowser, openApp, screenshot } from './support/browser.ts';

const PAYLOAD = "user\nDROP TABLE users;\nimport os; os.system('echo pwned')";

function jobDoc(key: string) {
  return {
    format: 'streamlab.job/v1',
    name: 'Injected key',
    nodes: [
      { id: 'events', kind: 'source', params: { records: [{ ts: 1000, at: 1000, [key]: 'a' }, { ts: 2500, at: 2500, [key]: 'b' }] } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
      { id: 'by', kind: 'keyBy', label: key, params: { key } },
      { id: 'count', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 1000 }, aggregate: { fn: 'count', as: 'n' } } },
      { id: 'out', kind: 'sink', params: { connector: 'kafka' } },
    ],
    edges: [
      { from: 'events', to: 'wm' },
      { from: 'wm', to: 'by' },
      { from: 'by', to: 'count' },
      { from: 'count', to: 'out' },
    ],
  };
}

/** The same job with a plain key, exported in Node: what the downloads must match. */
function plainExport(target: 'flink-sql' | 'pyspark'): string {
  const parsed = parseJob(jobDoc('user'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return exportJob(parsed.job, target).code;
}

async function download(page: Page, target: string): Promise<{ name: string; text: string }> {
  await page.getByLabel('Export as').selectOption(target);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('an injected key in an export downloaded from the app', () => {
  it('stays inside comments and strings in Flink SQL and PySpark', async () => {
    const { page, errors, context } = await openApp(browser);
    await page.getByLabel('Import job file').setInputFiles({ name: 'injected.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(jobDoc(PAYLOAD))) });
    await expect.poll(() => page.locator('.job-name').textContent()).toBe('Injected key');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);

    const sql = await download(page, 'flink-sql');
    expect(sql.name).toMatch(/\.sql$/);
    expect(sql.text).toContain('DROP TABLE users;'); // the payload is there, as text
    expect(flinkSqlProblems(sql.text)).toEqual([]);
    expect(calciteIdentifierProblems(sql.text)).toEqual([]);
    expect(sqlStatementKinds(sql.text)).toEqual(sqlStatementKinds(plainExport('flink-sql')));
    expect(sql.text).not.toMatch(/^\s*DROP TABLE/m);
    // Flink SQL cannot name a column with a line break: the app lists that with the other warnings.
    await expect.poll(() => page.locator('.export-warnings').textContent()).toContain('a Flink SQL identifier cannot hold');
    await screenshot(page, 'export-injection-warnings');

    const py = await download(page, 'pyspark');
    expect(py.name).toMatch(/\.py$/);
    expect(py.text).toContain('os.system');
    const [hostile, plain] = pythonTopLevel([py.text, plainExport('pyspark')]);
    expect(hostile).toEqual(plain);
    expect(py.text).not.toMatch(/^\s*import os/m);
    expect(errors).toEqual([]);
    await context.close();
  });
});
