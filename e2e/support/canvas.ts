// Canvas gestures a person makes: drag a palette item onto the canvas, drag a wire between handles.
import type { Page } from 'playwright-core';

export async function dropFromPalette(page: Page, kind: string, at: { x: number; y: number }): Promise<void> {
  await page.getByRole('button', { name: kind, exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
}

export async function connect(page: Page, from: string, to: string, fromPort = 'out', toPort = 'in'): Promise<void> {
  const source = page.locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source[data-handleid="${fromPort}"]`);
  const target = page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target[data-handleid="${toPort}"]`);
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error(`handles not found: ${from}.${fromPort} → ${to}.${toPort}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}
