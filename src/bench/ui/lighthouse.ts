// Lighthouse's desktop performance score, when lighthouse (12.2.3: 13 wants Node 22) is installed;
// it is not a dependency of the project (110 MB), so its absence is reported, not an error.
import type { Browser } from 'playwright-core';

export type LighthouseResult = { ok: true; score: number } | { ok: false; reason: string };

type LighthouseFn = (url: string, flags: Record<string, unknown>, config?: unknown) => Promise<{ lhr: { categories: { performance?: { score: number | null } } } } | undefined>;

const PORT = 9333;

export async function runLighthouse(url: string, launch: (args: string[]) => Promise<Browser>): Promise<LighthouseResult> {
  let lighthouse: LighthouseFn;
  let desktop: unknown;
  try {
    const name = 'lighthouse'; // not a static import: it is optional
    lighthouse = ((await import(name)) as { default: LighthouseFn }).default;
    desktop = ((await import(`${name}/core/config/desktop-config.js`)) as { default: unknown }).default;
  } catch {
    return { ok: false, reason: 'lighthouse is not installed (npm install --no-save lighthouse@12.2.3 to get this figure)' };
  }
  const browser = await launch([`--remote-debugging-port=${PORT}`]);
  try {
    const out = await lighthouse(url, { port: PORT, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }, desktop);
    const score = out?.lhr.categories.performance?.score;
    return typeof score === 'number' ? { ok: true, score } : { ok: false, reason: 'lighthouse gave no performance score' };
  } catch (e) {
    return { ok: false, reason: `lighthouse failed: ${(e as Error).message}` };
  } finally {
    await browser.close();
  }
}
