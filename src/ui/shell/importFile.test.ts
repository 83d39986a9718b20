import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const memory = new Map<string, string>();
globalThis.localStorage = {
  getItem: (k: string) => memory.get(k) ?? null,
  setItem: (k: string, v: string) => void memory.set(k, v),
  removeItem: (k: string) => void memory.delete(k),
} as Storage;

const scenario = JSON.parse(readFileSync(new URL('../../../public/scenarios/late-data.json', import.meta.url), 'utf8'));
const { importJobFile } = await import('./importFile.ts');
const { useEditor } = await import('../editor/store.ts');

describe('importing a job file', () => {
  it('refuses a file over 10 MB by its size, before reading it', async () => {
    const file = new File(['x'], 'huge.json');
    Object.defineProperty(file, 'size', { value: 50_000_000 });
    expect(await importJobFile(file)).toBe('"huge.json" was not imported: it is 50 MB, and a job file may be at most 10 MB.');
  });

  it('imports a job that breaks a graph rule, and says so plainly', async () => {
    const cyclic = { ...scenario, name: 'Cycle', edges: [...scenario.edges, { from: 'out', to: 'wm' }] };
    const message = await importJobFile(new File([JSON.stringify(cyclic)], 'cycle.json'));
    expect(message).toMatch(/^Imported "Cycle" with \d+ problems?: edges.*; it is kept so you can fix it \(see Problems\)\. Ctrl\+Z brings back the previous job\.$/);
    expect(useEditor.getState().job.name).toBe('Cycle');
    expect(await importJobFile(new File([JSON.stringify(scenario)], 'ok.json'))).toBe(`Imported "${scenario.name}". Ctrl+Z brings back the previous job.`);
  });
});
