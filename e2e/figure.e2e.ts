// The event-time figure (issue 12): pane values written where the panes fired, read through their
// accessible names; several window operators; one scale in Compare; a screenshot of every
// scenario at its key moment (the end of its run), at a lecturer's projector size.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const scenarios = new URL('../public/scenarios/', import.meta.url);
const index: { id: string; title: string }[] = JSON.parse(readFileSync(new URL('index.json', scenarios), 'utf8'));
/** The view that carries each scenario's lesson, where it is not the event-time figure. */
const keyView: Record<string, string> = {
  'execution-model': 'Batches', backpressure: 'Charts', 'checkpoints-under-backpressure': 'Checkpoints',
  'fault-recovery': 'Checkpoints', savepoints: 'Checkpoints', 'exactly-once-kafka': 'Sinks',
};

async function open(path: string, viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL(path, inject('baseUrl')).href);
  await page.getByRole('toolbar', { name: 'Run controls' }).waitFor({ timeout: 15_000 });
  return { context, page, errors };
}

async function runToEnd(page: Page) {
  await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).isEnabled(), { timeout: 15_000 }).toBe(true);
  await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('toolbar', { name: 'Run controls' }).getByText('done', { exact: true }).waitFor({ timeout: 30_000 });
}

/** The values of the panes the figure writes, by window start then firing time: "14", "a: 3, b: 5"… */
async function paneValues(page: Page): Promise<string[]> {
  const names = await page.getByRole('figure', { name: 'Event-time figure' }).first().getByRole('img', { name: /^Pane / }).evaluateAll(
    (els) => els.map((e) => e.getAttribute('aria-label') ?? ''),
  );
  return names.map((n) => n.slice(n.lastIndexOf(': ') + 2));
}

describe.each([[1280, 720], [1440, 900]] as const)('the event-time figure at %i×%i', (width, height) => {
  it.each([
    ['team-score-perfect', ['14', '18', '4', '12'], 0],
    ['team-score-heuristic', ['5', '18', '4', '12'], 1],
  ] as const)('%s: writes each pane value where it fired, on the scenario clock', async (id, values, late) => {
    const { page, context, errors } = await open(`/?scenario=${id}`, { width, height });
    await runToEnd(page);
    const figure = page.getByRole('figure', { name: 'Event-time figure' });
    await expect.poll(() => paneValues(page)).toEqual(values);
    // Each label names its window on the book's clock (12:00–12:10), not in minutes since 0.
    const first = await figure.getByRole('img', { name: /^Pane / }).first().getAttribute('aria-label');
    expect(first).toMatch(/^Pane \[12:00:00, 12:02:00\) on time at 12:0\d:\d\d: /);
    expect(await figure.getByRole('group', { name: /late records/ }).count()).toBe(late);
    await expect.poll(() => figure.getByRole('list', { name: 'Legend' }).textContent()).toContain('watermark');
    expect(await figure.getByRole('list', { name: 'Legend' }).textContent()).toContain(`late → side output “late”: ${late}`);
    await screenshot(page, `figure-${id}-${width}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the event-time figure', () => {
  it('moves with the clock: scrubbed back, it shows only what had happened by then', async () => {
    const { page, context, errors } = await open('/?scenario=team-score-perfect');
    await runToEnd(page);
    await expect.poll(() => paneValues(page)).toEqual(['14', '18', '4', '12']);
    // Back to 549 s: 12:09:09 on the book's clock.
    await page.getByRole('slider', { name: 'Timeline' }).fill('549000');
    await expect.poll(() => page.getByLabel('Processing time', { exact: true }).textContent()).toBe('549.000 s');
    await expect.poll(() => paneValues(page)).toEqual(['14', '18']);
    await screenshot(page, 'figure-team-score-perfect-at-12-09-09');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows every window operator of the job on request, and says which one it shows', async () => {
    const { page, context, errors } = await open('/?scenario=custom-trigger');
    await runToEnd(page);
    const figure = page.getByRole('figure', { name: 'Event-time figure' });
    const picker = figure.getByRole('group', { name: 'Window operators in the figure' });
    const buttons = picker.getByRole('button');
    expect(await buttons.count()).toBe(3);
    expect(await picker.getByRole('button', { pressed: true }).count()).toBe(1);
    expect(await figure.getByRole('group', { name: /event time across/ }).count()).toBe(1);
    await picker.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => figure.getByRole('group', { name: /event time across/ }).count()).toBe(2);
    await screenshot(page, 'figure-custom-trigger-all');
    await buttons.nth(1).click();
    await expect.poll(() => figure.getByRole('group', { name: /event time across/ }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws Spark and Flink on the same scales in Compare', async () => {
    const { page, context, errors } = await open('/?scenario=team-score-heuristic');
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Compare' });
    await runToEnd(page);
    await page.getByRole('tab', { name: 'Event time' }).click();
    const figures = page.getByRole('figure', { name: 'Event-time figure' });
    await expect.poll(() => figures.count()).toBe(2);
    const scales = await figures.getByRole('group', { name: /event time across/ }).evaluateAll((els) => els.map((e) => /scales: (.*)$/.exec(e.getAttribute('aria-label') ?? '')?.[1]));
    expect(scales).toHaveLength(2);
    expect(scales[0]).toBeTruthy();
    expect(scales[0]).toBe(scales[1]);
    await screenshot(page, 'figure-compare-team-score-heuristic');
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    await page.waitForTimeout(300);
    await screenshot(page, 'figure-compare-team-score-heuristic-present');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('every scenario, at the end of its run, as projected (presentation mode, 1280×720), for review', async () => {
    const { page, context, errors } = await open('/');
    for (const { id } of index) {
      await page.goto(new URL(`/?scenario=${id}`, inject('baseUrl')).href);
      await page.getByRole('toolbar', { name: 'Run controls' }).waitFor();
      await runToEnd(page);
      await page.getByRole('tab', { name: keyView[id] ?? 'Event time' }).click();
      await page.getByRole('button', { name: 'Present', exact: true }).click();
      await page.waitForTimeout(300); // the canvas fits itself to its new size
      await screenshot(page, `scenario-${id}`);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
