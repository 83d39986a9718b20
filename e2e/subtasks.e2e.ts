// The Subtasks tab and the subtask strip (issue 11), found through accessible names: the scenario
// "Skew: one hot key": after it runs in dataflow, the window's four subtasks show one
// clearly busiest with a high data-skew score, Spark's count stage shows a straggler task, and
// Compare shows both side by side.
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

const WINDOW_LABEL = 'Count per 10 s (×4, 100 ms per click)';

describe('subtasks', () => {
  it('skew: one Flink subtask is the busiest with a high skew score, and Spark has a straggler task', async () => {
    const { page, errors, context } = await openApp(browser, '/?scenario=skew');
    const runToEnd = async () => {
      await expect.poll(() => page.locator('.phase').textContent()).toBe('ready');
      await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => page.locator('.phase').textContent(), { timeout: 30_000 }).toBe('done');
    };
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Dataflow' });
    await runToEnd();

    // On the canvas the window shows its four subtasks, one busy all the time.
    const strip = page.getByRole('img', { name: /^4 subtasks, share of time busy/ });
    await expect.poll(() => strip.count()).toBe(1);
    expect(await strip.getAttribute('aria-label')).toMatch(/#\d 100 %/);

    // Nothing selected: the tab says what to do.
    await page.getByRole('tab', { name: 'Subtasks', exact: true }).click();
    const view = page.getByRole('tabpanel');
    await expect.poll(() => view.textContent()).toMatch(/Select a node on the canvas.*count/);

    await page.getByText(WINDOW_LABEL, { exact: true }).click();
    const table = view.getByRole('table', { name: 'Subtasks' });
    await expect.poll(() => table.getByRole('row').count()).toBe(5); // header + 4 subtasks
    const busiest = table.getByRole('row', { name: /busiest/ });
    expect(await busiest.count()).toBe(1);
    expect(await busiest.textContent()).toMatch(/\(100 %\)/);
    const score = Number((await view.getByText(/^Data skew/).textContent())!.match(/Data skew (\d+) %/)![1]);
    expect(score).toBeGreaterThan(150);
    expect(await view.textContent()).toMatch(/heavily skewed/);
    // Every subtask's time, as text: one far busier than the other three.
    const bars = await table.getByRole('img', { name: /^subtask \d: busy/ }).evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-label')!.match(/busy (\d+) %/)![1])));
    expect(bars).toHaveLength(4);
    expect(bars.filter((b) => b >= 95)).toHaveLength(1);
    expect(bars.filter((b) => b < 20)).toHaveLength(3);
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await screenshot(page, 'subtasks-skew-dataflow');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Spark: the latest batch's count stage has a straggler, several times the median task.
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Micro-batch' });
    await runToEnd();
    await page.getByRole('tab', { name: 'Subtasks', exact: true }).click();
    const stage = view.getByRole('region', { name: 'Stage count', exact: true });
    await expect.poll(() => stage.getByRole('row', { name: /straggler/ }).count()).toBe(1);
    const ratio = Number((await stage.textContent())!.match(/([\d.]+)× the median/)![1]);
    expect(ratio).toBeGreaterThan(2.5);
    expect(await stage.getByRole('table').getByRole('row').count()).toBe(5); // header + 4 tasks
    await screenshot(page, 'subtasks-skew-microbatch');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Compare: both engines side by side, as in the other views.
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Compare' });
    await runToEnd();
    await page.getByRole('region', { name: 'Dataflow (Flink)', exact: true }).getByText(WINDOW_LABEL, { exact: true }).click();
    await page.getByRole('tab', { name: 'Subtasks', exact: true }).click();
    const flinkSide = page.getByRole('region', { name: 'Subtasks, Dataflow (Flink)', exact: true });
    const sparkSide = page.getByRole('region', { name: 'Subtasks, Micro-batch (Spark)', exact: true });
    await expect.poll(() => flinkSide.getByRole('row', { name: /busiest/ }).count()).toBe(1);
    expect(await flinkSide.textContent()).toMatch(/Data skew \d+ %: heavily skewed/);
    await expect.poll(() => sparkSide.getByRole('row', { name: /straggler/ }).count()).toBe(1);
    await screenshot(page, 'subtasks-skew-compare');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
