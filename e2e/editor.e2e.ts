import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './support/browser.ts';
import { connect, dropFromPalette } from './support/canvas.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('drawing a job', () => {
  it('builds source → watermark → keyBy → window → sink from the palette, edits it, and keeps it across a reload', async () => {
    const { page, errors, context } = await openApp(browser);
    await page.getByRole('button', { name: 'New job' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);

    const kinds = ['source', 'watermark', 'keyBy', 'window', 'sink'];
    const spots = [{ x: 110, y: 90 }, { x: 340, y: 90 }, { x: 570, y: 90 }, { x: 340, y: 300 }, { x: 570, y: 300 }];
    for (const [i, kind] of kinds.entries()) await dropFromPalette(page, kind, spots[i]!);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);

    await connect(page, 'source1', 'watermark1');
    await connect(page, 'watermark1', 'keyBy1');
    await connect(page, 'keyBy1', 'window1');
    await connect(page, 'window1', 'sink1');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);
    await expect.poll(() => page.locator('.problems').textContent()).toContain('None: the job is valid');

    // Set a parameter in the inspector: the window's size, in seconds.
    await page.locator('.react-flow__node[data-id="window1"]').click();
    const size = page.getByRole('textbox', { name: 'Size', exact: true });
    await size.fill('5');
    await expect.poll(() => page.locator('.react-flow__node[data-id="window1"] .op-summary').textContent()).toContain('tumbling 5 s');
    await screenshot(page, 'editor-built-graph');

    // Undo and redo the edit from the keyboard (outside a text field).
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node[data-id="window1"] .op-summary').textContent()).toContain('tumbling 10 s');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.react-flow__node[data-id="window1"] .op-summary').textContent()).toContain('tumbling 5 s');

    await page.reload();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
    expect(await page.locator('.react-flow__edge').count()).toBe(4);
    expect(await page.locator('.react-flow__node[data-id="window1"] .op-summary').textContent()).toContain('tumbling 5 s');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('copies, pastes and deletes nodes from the keyboard', async () => {
    const { page, context } = await openApp(browser);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    await page.locator('.react-flow__node[data-id="byKey"]').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    await page.locator('.react-flow__node[data-id="wm"]').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
    // The orphaned keyBy now has a problem; clicking it in the list selects the node.
    await page.locator('.problems').getByRole('button', { name: /byKey/ }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: /Key by/ }).count()).toBe(1);
    await context.close();
  });
});
