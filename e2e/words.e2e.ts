// Words that are always right (issue 12), in Chromium at 1280×720 and 1440×900, through accessible
// names only: the narration after Play, Step in each mode (micro-batch: one press, one batch), Next
// event, Differences per scenario, bounded and unbounded sources, duration input; axe clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, openApp, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SIZES = [{ width: 1280, height: 720 }, { width: 1440, height: 900 }] as const;

async function open(size: { width: number; height: number }, scenario = 'late-data') {
  const app = await openApp(browser, `/?scenario=${scenario}`);
  await app.page.setViewportSize(size);
  await expect.poll(() => phase(app.page), { timeout: 15_000 }).toMatch(/ready|paused/);
  return app;
}

const phase = (page: Page) => page.getByRole('toolbar', { name: 'Run controls' }).locator('.phase').textContent();
const narration = (page: Page) => page.getByRole('status', { name: 'Narration' }).textContent();
const clock = async (page: Page) => Number.parseFloat((await page.getByRole('status', { name: 'Processing time', exact: true }).textContent()) ?? 'NaN');
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const mode = (page: Page, label: string) => page.getByLabel('Mode', { exact: true }).selectOption({ label });

/** A node of the graph, by its name (label) as shown. */
const node = (page: Page, name: string) => page.getByRole('application', { name: 'Job graph' }).getByRole('group').filter({ has: page.getByText(name, { exact: true }) });
const differences = (page: Page) => page.getByRole('list', { name: 'Differences between the engines' });

async function fastForwardToEnd(page: Page) {
  await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
  await button(page, 'Play').click();
  await expect.poll(() => phase(page), { timeout: 30_000 }).toBe('done');
}

describe.each(SIZES)('words at $width×$height', (size) => {
  it('the narration leaves "Press Play" as soon as the run starts, and Step says what it did in each mode', async () => {
    const { page, context, errors } = await open(size);
    expect(await narration(page)).toMatch(/^Press Play/);
    await button(page, 'Play').click();
    await expect.poll(() => narration(page), { timeout: 2_000 }).not.toMatch(/Press Play/);
    expect(await narration(page)).toMatch(/^At [\d.]+ m?s, (no record has arrived yet|the sources have read)|^At /);
    await button(page, 'Pause').click();
    await screenshot(page, `words-narration-${size.width}`);

    // Dataflow: one event per press, told.
    await button(page, 'Reset').click();
    await expect.poll(() => phase(page)).toBe('ready');
    await button(page, 'Step').click();
    await expect.poll(() => narration(page)).toMatch(/^Step to [\d.]+ m?s: /);

    // Micro-batch: one press, one batch.
    await mode(page, 'Micro-batch');
    await expect.poll(() => phase(page)).toBe('ready');
    await button(page, 'Step').click();
    await expect.poll(() => narration(page)).toMatch(/^Step to [\d.]+ s: Batch 0 read 1 record with no watermark yet: it is the first batch/);
    await button(page, 'Step').click();
    await expect.poll(() => narration(page)).toMatch(/^Step to [\d.]+ s: Batch 1 read 1 record with watermark 0 ms: Spark's watermark starts at 0/);
    await screenshot(page, `words-step-microbatch-${size.width}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the team scores start just before the first score, and Next event skips idle time to it', async () => {
    const { page, context, errors } = await open(size, 'team-score-perfect');
    await expect.poll(() => clock(page)).toBe(295);
    expect(await narration(page)).toMatch(/no record has arrived yet; the first one arrives at 4 min 59 s/);
    await button(page, 'Next event').click();
    await expect.poll(() => narration(page)).toMatch(/^Next event to (4 min 59 s|5 min): .*read 1 record/);
    expect(await clock(page)).toBeGreaterThanOrEqual(299);
    expect(await clock(page)).toBeLessThanOrEqual(300);
    await screenshot(page, `words-next-event-${size.width}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Differences, from the facts', () => {
  it('late-data: the source is unbounded, so no window passes for a difference at end of input', async () => {
    const { page, context, errors } = await open(SIZES[1], 'late-data');
    await mode(page, 'Compare');
    await fastForwardToEnd(page);
    await expect.poll(() => differences(page).textContent()).toMatch(/Spark dropped 3 late rows silently .*; Flink sent 3 to the side output "late"/);
    expect(await differences(page).textContent()).not.toMatch(/never emitted|end-of-input/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('allowed-lateness: Flink admitted the row because of its allowed lateness', async () => {
    const { page, context, errors } = await open(SIZES[0], 'allowed-lateness');
    await mode(page, 'Compare');
    await fastForwardToEnd(page);
    await expect.poll(() => differences(page).textContent()).toMatch(/(was|were) in time for Flink, because its allowed lateness \(5 s on "[^"]+"\)/);
    expect(await differences(page).textContent()).not.toMatch(/watermark of the batch before/);
    await screenshot(page, 'words-differences-allowed-lateness');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('backpressure: Flink\'s source throttled and its lag grew; Spark\'s batches grew from 1.3 s to 5.45 s', async () => {
    const { page, context, errors } = await open(SIZES[1], 'backpressure');
    await mode(page, 'Compare');
    await fastForwardToEnd(page);
    await expect.poll(() => differences(page).textContent()).toMatch(/Flink's source was throttled by backpressure: .* grew to \d+ by [\d.]+ s\. Spark has no flow control: .*batch durations grew from 1\.3 s to 5\.45 s/);
    await screenshot(page, 'words-differences-backpressure');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('bounded and unbounded sources, in the source inspector', () => {
  it('with Bounded on, Flink also emits the last window (end of input); off, it does not', async () => {
    const { page, context, errors } = await open(SIZES[1], 'late-data');
    const counts = node(page, 'Count per 10 s');
    await fastForwardToEnd(page);
    await expect.poll(() => counts.textContent()).toMatch(/6 fired/);
    await node(page, 'Clicks').click();
    const bounded = page.getByRole('checkbox', { name: 'Bounded', exact: true });
    expect(await bounded.isChecked()).toBe(false);
    await bounded.check();
    await expect.poll(() => node(page, 'Clicks').textContent()).not.toMatch(/unbounded/);
    await expect.poll(() => phase(page), { timeout: 15_000 }).toMatch(/ready|paused/);
    await fastForwardToEnd(page);
    await expect.poll(() => counts.textContent()).toMatch(/7 fired/);
    await screenshot(page, 'words-bounded');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('labels that say what each engine does', () => {
  it('exactly-once-kafka: Spark\'s Kafka sink is at-least-once, Flink\'s exactly-once by two-phase commit', async () => {
    const { page, context, errors } = await open(SIZES[0], 'exactly-once-kafka');
    await mode(page, 'Compare');
    const spark = page.getByRole('region', { name: 'Micro-batch (Spark)', exact: true });
    const flink = page.getByRole('region', { name: 'Dataflow (Flink)', exact: true });
    const ledger = (engineRun: typeof spark) => engineRun.getByRole('group').filter({ has: page.getByText('Ledger topic (Kafka, exactly-once)', { exact: true }) });
    await expect.poll(() => ledger(spark).textContent()).toContain('kafka · at-least-once in Spark (no transactions)');
    await expect.poll(() => ledger(flink).textContent()).toContain('kafka · exactly-once (two-phase commit)');
    await screenshot(page, 'words-sink-labels');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('duration fields', () => {
  it('take what people type and say the result in words; the unit re-reads the typed number', async () => {
    const { page, context, errors } = await open(SIZES[0], 'late-data');
    await node(page, 'Count per 10 s').click();
    const size = page.getByRole('textbox', { name: 'Size', exact: true });
    await size.fill('1.5 s');
    await expect.poll(() => node(page, 'Count per 10 s').textContent()).toContain('tumbling 1.5 s');
    await size.fill('2 min');
    await expect.poll(() => node(page, 'Count per 10 s').textContent()).toContain('tumbling 2 min');
    // 1500 typed while the unit says "s", then "ms" picked: 1500 ms, not 25 min.
    await page.getByLabel('Size unit', { exact: true }).selectOption('s');
    await size.fill('1500');
    await expect.poll(() => node(page, 'Count per 10 s').textContent()).toContain('tumbling 25 min');
    await page.getByLabel('Size unit', { exact: true }).selectOption('ms');
    await expect.poll(() => node(page, 'Count per 10 s').textContent()).toContain('tumbling 1.5 s');
    await size.fill('1h 30m');
    await expect.poll(() => node(page, 'Count per 10 s').textContent()).toContain('tumbling 90 min');
    await size.fill('ten seconds');
    await expect.poll(async () => (await size.getAttribute('aria-invalid')) === 'true').toBe(true);
    await screenshot(page, 'words-duration');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
