import { readFileSync } from 'node:fs';
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

const scenarios = new URL('../public/scenarios/', import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, scenarios), 'utf8'));

describe('the scenario picker', () => {
  it('lists the scenarios, asks before replacing edited work, opens the chosen one with its narrative', async () => {
    const index: { id: string; title: string }[] = read('index.json');
    const target = index.find((e) => e.id !== 'late-data')!;
    const doc = read(`${target.id}.json`);
    const { page, errors, context } = await openApp(browser);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    const jobName = (await page.locator('.job-name').textContent())!;
    await page.getByRole('spinbutton', { name: 'Seed' }).fill('7'); // unsaved work

    const picker = page.getByRole('dialog', { name: 'Scenarios' });
    await page.getByRole('button', { name: 'Scenarios', exact: true }).click();
    await expect.poll(() => picker.getByRole('list', { name: 'Scenarios' }).getByRole('button').count()).toBe(index.length);
    expect(await picker.getByRole('button', { name: /open now/ }).count()).toBe(1);
    await screenshot(page, 'scenario-picker');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await picker.getByRole('button', { name: new RegExp(`^${escape(target.title)}`) }).click();

    const question = page.getByRole('alertdialog', { name: 'Replace your job?' });
    await question.waitFor();
    await question.getByRole('button', { name: 'Keep my job' }).click();
    await expect.poll(() => question.count()).toBe(0);
    expect(await page.locator('.job-name').textContent()).toBe(jobName);
    expect(await page.getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('7');

    await page.getByRole('button', { name: 'Scenarios', exact: true }).click();
    await picker.getByRole('button', { name: new RegExp(`^${escape(target.title)}`) }).click();
    await question.getByRole('button', { name: 'Replace it' }).click();
    await expect.poll(() => page.locator('.job-name').textContent()).toBe(doc.name);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(doc.nodes.length);
    expect(new URL(page.url()).search).toBe(`?scenario=${target.id}`);
    if (typeof doc.narrative === 'string') {
      expect(await page.locator('.narrative').textContent()).toContain(doc.narrative.slice(0, 60));
    }
    await screenshot(page, 'scenario-opened');

    // A reload of the address keeps the scenario; opening another one now needs no question.
    await page.reload();
    await expect.poll(() => page.locator('.job-name').textContent()).toBe(doc.name);
    await page.getByRole('button', { name: 'Scenarios', exact: true }).click();
    await picker.getByRole('button', { name: new RegExp(`^${escape(index.find((e) => e.id === 'late-data')!.title)}`) }).click();
    await expect.poll(() => page.locator('.job-name').textContent()).toBe(jobName);
    expect(await question.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when there is no list of scenarios', async () => {
    const { page, context } = await openApp(browser);
    await page.route('**/scenarios/index.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.getByRole('button', { name: 'Scenarios', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Scenarios' }).getByRole('alert').textContent()).toContain('No list of scenarios is available (404)');
    await context.close();
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
