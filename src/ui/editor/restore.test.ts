// The saved editor state as an attacker, an older build or a newer one may leave it: each is
// either migrated, repaired (a cosmetic field of the wrong type dropped) or kept aside under the
// backup key while the editor starts empty (boot then opens the default scenario) with a message.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';

const memory = new Map<string, string>();
globalThis.localStorage = {
  getItem: (k: string) => memory.get(k) ?? null,
  setItem: (k: string, v: string) => void memory.set(k, v),
  removeItem: (k: string) => void memory.delete(k),
  clear: () => memory.clear(),
  key: (i: number) => [...memory.keys()][i] ?? null,
  get length() { return memory.size; },
} as Storage;

const scenario = JSON.parse(readFileSync(new URL('../../../public/scenarios/late-data.json', import.meta.url), 'utf8'));
const KEY = 'streamlab.editor';
const BACKUP = 'streamlab.editor.backup';

/** A fresh store over `saved` (the raw localStorage text), as at a page load. */
async function boot(saved: string) {
  memory.clear();
  memory.set(KEY, saved);
  vi.resetModules();
  const store = await import('./store.ts');
  const restore = await import('./restore.ts');
  return { job: store.useEditor.getState().job, notice: restore.takeRestoreNotice(), backup: memory.get(BACKUP) ?? null };
}

const saved = (state: unknown, version = 1) => JSON.stringify({ state, version });

describe('restoring the saved editor state', () => {
  beforeEach(() => memory.clear());

  it('opens a valid saved job as it was', async () => {
    const r = await boot(saved({ job: scenario, baseline: 'x' }));
    expect(r.job.nodes).toHaveLength(6);
    expect(r.notice).toBeNull();
    expect(r.backup).toBeNull();
  });

  it('migrates version 0 ({ document })', async () => {
    const r = await boot(saved({ document: scenario }, 0));
    expect(r.job.name).toBe(scenario.name);
    expect(r.notice).toBeNull();
  });

  it.each([
    ['settings a string', saved({ job: { ...scenario, settings: 'fast' } }), 'settings: '],
    ['an old job missing its settings and faults', saved({ document: { ...scenario, settings: { microbatch: 5 } } }, 0), 'settings.microbatch'],
    ['a future version', saved({ job: scenario, somethingNew: 1 }, 7), 'newer version of Streamlab (saved state version 7'],
    ['no job at all', saved({ nothing: true }), 'it holds no job'],
    ['a job that is not a job', saved({ job: { format: 'streamlab.job/v1', nodes: 'many' } }), 'nodes: '],
    ['text that is not JSON', '{"state": {"job": ', 'it is not JSON'],
    ['JSON that is not a saved state', '"just a string"', 'it is not a saved editor state'],
    ['a state that is not an object', saved('a job'), 'it is not an object'],
  ])('keeps %s aside and starts empty, saying why', async (_, text, reason) => {
    const r = await boot(text);
    expect(r.job.nodes).toEqual([]);
    expect(r.notice).toContain('could not be opened');
    expect(r.notice).toContain(reason);
    expect(r.notice).toContain(`under "${BACKUP}"`);
    expect(r.backup).toBe(text);
  });

  it('drops a label or a name of the wrong type and opens the rest, saying so', async () => {
    const nodes = scenario.nodes.map((n: object, i: number) => (i === 2 ? { ...n, label: { evil: true } } : n));
    const r = await boot(saved({ job: { ...scenario, name: 42, nodes, layout: { ...scenario.layout, wm: { x: 'a' } } } }));
    expect(r.job.nodes).toHaveLength(6);
    expect(r.job.nodes[2]!.label).toBeUndefined();
    expect(r.job.name).toBeUndefined();
    expect(r.job.layout?.wm).toBeUndefined();
    expect(r.notice).toMatch(/nodes\.2\.label .* was dropped/);
    expect(r.notice).toMatch(/name .* was dropped/);
    expect(r.backup).toBeNull();
  });
});
