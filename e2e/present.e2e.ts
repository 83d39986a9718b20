// Presentation mode and the panels (issue 12), at a projector's 1280×720 and at 1440×900, through
// accessible names: Present (button, P, Escape), the figure's share of the screen, node text size,
// the bottom panel's splitter, the run bar on one line, the clicked node's inspector in view.
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

async function open(path: string, viewport: { width: number; height: number }) {
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

/** The smallest rendered size of any text in the canvas's nodes, in CSS px (font size × zoom). */
function smallestNodeText(page: Page): Promise<number> {
  return page.getByRole('main', { name: 'Canvas' }).evaluate((canvas) => {
    let min = Infinity;
    const walker = document.createTreeWalker(canvas, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!el || !t.textContent?.trim() || !el.closest('.react-flow__node')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      const zoom = r.width / Math.max(1, (el as HTMLElement).offsetWidth || r.width);
      min = Math.min(min, parseFloat(getComputedStyle(el).fontSize) * zoom);
    }
    return min;
  });
}

const present = (page: Page) => page.getByRole('button', { name: 'Present', exact: true });

describe.each([[1280, 720], [1440, 900]] as const)('at %i×%i', (width, height) => {
  it('Present hides palette and inspector, enlarges node text, and gives the figure half the screen or more', async () => {
    const { page, context, errors } = await open('/?scenario=team-score-perfect', { width, height });
    const figure = page.getByRole('figure', { name: 'Event-time figure' });
    await figure.waitFor();
    expect(await present(page).getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByRole('complementary', { name: 'Inspector' }).isVisible()).toBe(true);
    const before = (await figure.boundingBox())!;

    await present(page).click();
    await expect.poll(() => present(page).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByRole('complementary', { name: 'Inspector' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /^Source/ }).isVisible()).toBe(false); // the palette
    await expect.poll(async () => (await figure.boundingBox())!.height).toBeGreaterThanOrEqual(height / 2);
    if (width === 1280) expect((await figure.boundingBox())!.height).toBeGreaterThanOrEqual(360);
    expect((await figure.boundingBox())!.height).toBeGreaterThan(before.height);
    await expect.poll(() => smallestNodeText(page), { timeout: 5000 }).toBeGreaterThanOrEqual(14);
    const copyLink = (await page.getByRole('button', { name: 'Copy link' }).boundingBox())!;
    expect(copyLink.x + copyLink.width).toBeLessThanOrEqual(width); // the header's buttons all in view

    // Play to the end: the figure fills, still half the screen, and the node text stays large.
    await page.getByLabel('Speed', { exact: true }).selectOption({ label: 'Fast-forward' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('toolbar', { name: 'Run controls' }).getByText('done', { exact: true }).waitFor({ timeout: 30_000 });
    expect((await figure.boundingBox())!.height).toBeGreaterThanOrEqual(height / 2);
    expect(await smallestNodeText(page)).toBeGreaterThanOrEqual(14);
    await screenshot(page, `present-team-score-perfect-${width}`);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // P leaves, P enters again, Escape leaves; P typed into a field is just a letter.
    await page.keyboard.press('p');
    await expect.poll(() => page.getByRole('complementary', { name: 'Inspector' }).isVisible()).toBe(true);
    expect(await present(page).getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('spinbutton', { name: 'Seed' }).focus();
    await page.keyboard.press('p');
    expect(await present(page).getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('spinbutton', { name: 'Seed' }).blur();
    await page.keyboard.press('P');
    await expect.poll(() => present(page).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => present(page).getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => page.getByRole('complementary', { name: 'Inspector' }).isVisible()).toBe(true);
    expect(Math.abs((await figure.boundingBox())!.height - before.height)).toBeLessThan(4); // the layout is back
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the splitter resizes the bottom panel: ArrowUp grows it, ArrowDown shrinks it', async () => {
    const { page, context, errors } = await open('/', { width, height });
    const splitter = page.getByRole('separator', { name: 'Resize the bottom panel' });
    const panel = page.getByRole('region', { name: 'Run views' });
    const value = async () => Number(await splitter.getAttribute('aria-valuenow'));
    const panelHeight = async () => (await panel.boundingBox())!.height;
    expect(await value()).toBe(40);
    const h0 = await panelHeight();
    await splitter.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(value).toBeGreaterThan(40);
    expect(await panelHeight()).toBeGreaterThan(h0 + 20);
    const up = await value();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(value).toBeLessThan(up);
    expect(await value()).toBeLessThan(40);
    expect(await panelHeight()).toBeLessThan(h0 - 20);
    // Dragging works too: up by 100 px grows the panel by about as much.
    const box = (await splitter.boundingBox())!;
    const h1 = await panelHeight();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y - 100, { steps: 4 });
    await page.mouse.up();
    await expect.poll(panelHeight).toBeGreaterThan(h1 + 80);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the run bar stays on one line, in every mode', async () => {
    const { page, context, errors } = await open('/', { width, height });
    const bar = page.getByRole('toolbar', { name: 'Run controls' });
    for (const mode of ['Micro-batch', 'Dataflow', 'Compare']) {
      await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
      const tops = await bar.evaluate((el) => Array.from(el.children).filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => {
        const r = c.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, right: r.right };
      }));
      const barBox = (await bar.boundingBox())!;
      for (const t of tops) {
        expect(t.top).toBeLessThan(barBox.y + barBox.height / 2); // no item starts on a second line
        expect(t.right).toBeLessThanOrEqual(barBox.x + barBox.width + 1);
      }
      expect(barBox.height).toBeLessThan(64);
    }
    await screenshot(page, `runbar-${width}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a clicked node's inspector is in view, even under a long scenario narrative", async () => {
    const { page, context, errors } = await open('/?scenario=team-score-heuristic', { width, height });
    await page.getByRole('main', { name: 'Canvas' }).getByText('Sum per 2 min', { exact: true }).click();
    const heading = page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { name: /Window/ });
    await heading.waitFor();
    const box = (await heading.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(height);
    const field = page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Label' });
    const f = (await field.boundingBox())!;
    expect(f.y + f.height).toBeLessThanOrEqual(height);
    // Its figure follows the click, and says which operator it shows.
    await screenshot(page, `inspector-in-view-${width}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
