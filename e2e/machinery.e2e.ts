// The machinery on the canvas (issue 13), found through accessible names: checkpoint barriers that
// queue behind the records when aligned and overtake them when unaligned, a crash and the restore
// in both modes (the failed batch attempt as its own row), an idle input channel, Flink's status legend.
import { compressToEncodedURIComponent } from 'lz-string';
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

const phaseOf = (page: Page) => page.locator('.phase').textContent();
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const barriers = (page: Page) => page.getByRole('img', { name: 'Checkpoint barrier', exact: true });
const states = async (page: Page) => (await barriers(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-barrier')))).sort();

async function scrubTo(page: Page, ms: number) {
  await page.getByLabel('Timeline', { exact: true }).fill(String(ms));
  await expect.poll(async () => parseFloat((await page.getByLabel('Processing time', { exact: true }).textContent()) ?? '0') * 1000).toBeCloseTo(ms, -1);
}

/** Closer in on the canvas, so that a screenshot shows what the nodes and edges say. */
async function zoomIn(page: Page, times = 2) {
  for (let i = 0; i < times; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
}

async function runToEnd(page: Page) {
  await expect.poll(() => phaseOf(page)).toBe('ready');
  await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => phaseOf(page), { timeout: 30_000 }).toBe('done');
}

describe('checkpoint barriers under backpressure', () => {
  it('aligned: barriers queue behind the buffered records; the window waits with a blocked input, then snapshots', async () => {
    const { page, errors, context } = await openApp(browser, '/?scenario=checkpoints-under-backpressure');
    await runToEnd(page);
    await expect(page.getByRole('region', { name: 'Operator status legend' })).toBeDefined();
    expect(await page.getByRole('region', { name: 'Operator status legend' }).count()).toBe(1);
    // Checkpoint 2: triggered at 6 s; its barriers reach the window at 11 s and 11.1 s.
    await scrubTo(page, 8000);
    await expect.poll(() => barriers(page).count()).toBeGreaterThan(0);
    expect(new Set(await states(page))).toEqual(new Set(['queued']));
    expect(await barriers(page).first().getAttribute('aria-description')).toMatch(/aligned: queued behind \d+ record/);
    expect(await page.locator('.barrier-record.is-queued').count()).toBeGreaterThan(0);
    await zoomIn(page);
    await screenshot(page, 'machinery-aligned-barrier');
    await scrubTo(page, 11_000);
    await expect.poll(() => node(page, 'count').locator('[data-checkpoint-state]').getAttribute('data-checkpoint-state')).toBe('aligning');
    expect(await node(page, 'count').locator('[data-checkpoint-state]').textContent()).toMatch(/aligning, byPage #\d blocked/);
    await screenshot(page, 'machinery-aligned-alignment');
    await scrubTo(page, 11_200);
    await expect.poll(() => node(page, 'count').locator('[data-checkpoint-state]').getAttribute('data-checkpoint-state')).toBe('complete');
    // The sink's transaction: committed when the checkpoint completed.
    await expect.poll(() => node(page, 'out').locator('.op-txn').textContent()).toMatch(/committed/);
    // The checkpoint details, per operator in pipeline order.
    await page.getByRole('tab', { name: 'Checkpoints' }).click();
    const details = page.getByRole('region', { name: 'Checkpoint details' });
    await expect.poll(() => details.locator('tbody tr td:first-child').allTextContents()).toEqual(['clicks', 'wm', 'byPage', 'count', 'out']);
    await details.scrollIntoViewIfNeeded();
    await screenshot(page, 'machinery-checkpoint-details');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('unaligned: barriers overtake the queue, and the overtaken records are stored with the checkpoint', async () => {
    const { page, errors, context } = await openApp(browser, '/?scenario=checkpoints-under-backpressure');
    await expect.poll(() => phaseOf(page)).toBe('ready');
    await page.getByLabel('Barrier alignment', { exact: true }).selectOption('unaligned');
    await runToEnd(page);
    await scrubTo(page, 6000);
    await expect.poll(() => barriers(page).count()).toBeGreaterThan(0);
    expect(new Set(await states(page))).toEqual(new Set(['overtaking']));
    expect(await barriers(page).first().getAttribute('aria-description')).toMatch(/overtaking the queue; \d+ overtaken records? stored with the checkpoint/);
    expect(await page.locator('.barrier-record.is-stored').count()).toBeGreaterThan(0);
    await zoomIn(page);
    await screenshot(page, 'machinery-unaligned-barrier');
    await page.getByRole('tab', { name: 'Checkpoints' }).click();
    const details = page.getByRole('region', { name: 'Checkpoint details' });
    await expect.poll(() => details.locator('tbody tr').count()).toBe(5);
    expect((await details.locator('tbody').textContent()) ?? '').toMatch(/\d+ records/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a savepoint', () => {
  it('travels as a barrier marked as a savepoint, and completes in the timeline', async () => {
    const { page, errors, context } = await openApp(browser, '/?scenario=checkpoints-under-backpressure');
    await runToEnd(page);
    await scrubTo(page, 7000);
    await page.getByRole('button', { name: 'Savepoint', exact: true }).click();
    await expect.poll(() => page.locator('.fault-list').textContent()).toMatch(/savepoint/);
    await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
    if ((await phaseOf(page)) !== 'done') {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => phaseOf(page), { timeout: 30_000 }).toBe('done');
    }
    await scrubTo(page, 8000);
    const savepoint = barriers(page).and(page.locator('[data-kind="savepoint"]'));
    await expect.poll(() => savepoint.count()).toBeGreaterThan(0);
    expect(await savepoint.first().getAttribute('aria-description')).toMatch(/^savepoint \d+, aligned/);
    await zoomIn(page);
    await screenshot(page, 'machinery-savepoint-barrier');
    await scrubTo(page, 30_000);
    await page.getByRole('tab', { name: 'Checkpoints' }).click();
    await expect.poll(() => page.locator('.track-bar.cp-savepoint.cp-completed').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a crash and the restore', () => {
  it('dataflow: the task fails where it happens, then state is reloaded from a checkpoint and the sources rewind and replay', async () => {
    const { page, errors, context } = await openApp(browser, '/?scenario=fault-recovery');
    await runToEnd(page);
    await scrubTo(page, 12_100);
    await expect.poll(() => node(page, 'count').locator('[data-failure]').getAttribute('data-failure')).toBe('failed');
    expect(await node(page, 'count').locator('[data-failure]').textContent()).toMatch(/task failed: its state is gone/);
    await screenshot(page, 'machinery-crash');
    await scrubTo(page, 13_100);
    await expect.poll(() => node(page, 'count').locator('[data-failure]').textContent()).toMatch(/state reloaded from checkpoint \d+/);
    expect(await node(page, 'rides').locator('[data-failure]').textContent()).toMatch(/offsets rewound to checkpoint \d+/);
    // The offset marker moved back to the checkpoint's offset: the partition replays until it catches up.
    await expect.poll(() => node(page, 'rides').locator('[data-replaying="true"]').count()).toBe(1);
    expect(await node(page, 'rides').getByRole('list', { name: 'Partitions' }).textContent()).toMatch(/replaying to \d+/);
    await zoomIn(page);
    await screenshot(page, 'machinery-restore');
    await page.getByRole('tab', { name: 'Checkpoints' }).click();
    await expect.poll(() => page.locator('.track-mark.mark-failure').count()).toBe(1);
    await expect.poll(() => page.locator('.track-mark.mark-restore').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('micro-batch: the failed attempt is its own row in Batches, beside the re-run with the same batchId', async () => {
    const { page, errors, context } = await openApp(browser, '/?scenario=fault-recovery');
    await expect.poll(() => phaseOf(page)).toBe('ready');
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: 'Micro-batch' });
    await runToEnd(page);
    await page.getByRole('tab', { name: 'Batches' }).click();
    const failedRow = page.locator('tr[data-attempt="failed"]');
    await expect.poll(() => failedRow.count()).toBe(1);
    const id = await failedRow.locator('td').first().textContent();
    const rerun = page.locator('tr[data-attempt="re-run"]').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${id}$`) }) });
    expect(await rerun.count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Batch timeline legend' }).textContent()).toMatch(/failure.*restore.*failed attempt/);
    expect(await page.locator('.track-bar.batch-failed').count()).toBe(1);
    expect(await page.locator('.track-mark.mark-failure').count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Batch duration chart' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Input and process rate chart' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Batch progress' }).textContent()).toMatch(/addBatch.*triggerExecution/);
    await page.getByRole('tabpanel').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'machinery-microbatch-failed-attempt');
    // On the canvas at the failure: the task failed.
    await scrubTo(page, 12_100);
    await expect.poll(() => node(page, 'count').locator('[data-failure]').getAttribute('data-failure')).toBe('failed');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('input channels', () => {
  it('an idle input is drawn idle and left out of the minimum; the other holds the watermark', async () => {
    // Two sources, each with its own watermark, into one window: two input channels. (Two
    // partitions of one source are combined inside the source, §2.2, so they are one watermark.)
    const busy = Array.from({ length: 50 }, (_, i) => ({ ts: i * 100, at: i * 100, key: 'a', value: 1 }));
    const job = {
      format: 'streamlab.job/v1', name: 'idle input', mode: 'dataflow', settings: { untilMs: 12_000 },
      nodes: [
        { id: 'src', kind: 'source', params: { connector: 'kafka', partitions: 1, bounded: false, records: busy } },
        { id: 'quiet', kind: 'source', params: { connector: 'kafka', partitions: 1, bounded: false, records: [{ ts: 0, at: 0, key: 'b', value: 1 }, { ts: 8000, at: 8000, key: 'b', value: 1 }] } },
        { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
        { id: 'wmQuiet', kind: 'watermark', params: { delayMs: 0, idleTimeoutMs: 1000 } },
        { id: 'u', kind: 'union', params: {} },
        { id: 'kb', kind: 'keyBy', params: { key: 'key' } },
        { id: 'win', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 10_000 }, aggregate: { fn: 'count', as: 'n' } } },
        { id: 'out', kind: 'sink', params: { connector: 'console', delivery: 'at-least-once' } },
      ],
      edges: [{ from: 'src', to: 'wm' }, { from: 'quiet', to: 'wmQuiet' }, { from: 'wm', to: 'u' }, { from: 'wmQuiet', to: 'u' }, { from: 'u', to: 'kb' }, { from: 'kb', to: 'win' }, { from: 'win', to: 'out' }],
      faults: [],
      layout: { src: { x: 0, y: 0 }, quiet: { x: 0, y: 260 }, wm: { x: 260, y: 0 }, wmQuiet: { x: 260, y: 260 }, u: { x: 520, y: 120 }, kb: { x: 780, y: 120 }, win: { x: 1040, y: 120 }, out: { x: 1300, y: 120 } },
    };
    const { page, errors, context } = await openApp(browser, `/#job=${compressToEncodedURIComponent(JSON.stringify(job))}`);
    await runToEnd(page);
    await scrubTo(page, 4000);
    const channels = node(page, 'win').getByRole('list', { name: 'Input channels' });
    await expect.poll(() => channels.locator('[data-channel-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-channel-state')))).toEqual(['min', 'idle']);
    expect(await channels.textContent()).toMatch(/kb #0 holds the watermark back/);
    const parts = node(page, 'src').getByRole('list', { name: 'Partitions' });
    expect(await parts.locator('li').count()).toBe(1);
    await zoomIn(page);
    await screenshot(page, 'machinery-idle-input');
    expect(errors).toEqual([]);
    await context.close();
  });
});
