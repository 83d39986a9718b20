import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fetchScenario, fetchScenarioIndex, scenarioInfo } from './scenarios.ts';

const reply = (status: number, body: unknown) => async () => ({ ok: status < 400, status, json: async () => body });

describe('scenario list', () => {
  it('sorts the entries by their order and skips a malformed one', async () => {
    const r = await fetchScenarioIndex(reply(200, [
      { id: 'b', title: 'Second', description: 'two', order: 2 },
      { id: 'bad id!', title: 'Broken' },
      { id: 'a', title: 'First', order: 1 },
    ]));
    expect(r).toEqual({ ok: true, entries: [{ id: 'a', title: 'First', description: '', order: 1 }, { id: 'b', title: 'Second', description: 'two', order: 2 }] });
  });

  it('reports a missing or damaged list instead of failing', async () => {
    expect(await fetchScenarioIndex(reply(404, null))).toEqual({ ok: false, message: 'No list of scenarios is available (404).' });
    expect(await fetchScenarioIndex(reply(200, { not: 'a list' }))).toMatchObject({ ok: false });
    expect(await fetchScenarioIndex(async () => { throw new Error('offline'); })).toMatchObject({ ok: false, message: expect.stringContaining('offline') });
  });

  it('reads the list the scenarios folder ships, if there is one', async () => {
    let text: string;
    try {
      text = readFileSync(new URL('../../../public/scenarios/index.json', import.meta.url), 'utf8');
    } catch {
      return; // not written yet
    }
    const r = await fetchScenarioIndex(reply(200, JSON.parse(text)));
    expect(r.ok && r.entries.length).toBeGreaterThan(0);
  });
});

describe('a scenario document', () => {
  it('is validated as a job, and its scenario fields are read from it', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../../public/scenarios/late-data.json', import.meta.url), 'utf8'));
    const r = await fetchScenario('late-data', reply(200, { ...doc, id: 'late-data', narrative: 'Watch the late records.', compare: true }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(scenarioInfo(r.job)).toMatchObject({ id: 'late-data', narrative: 'Watch the late records.', compare: true });
    expect(await fetchScenario('../etc', reply(200, doc))).toEqual({ ok: false, message: 'There is no scenario named "../etc".' });
    expect(await fetchScenario('x', reply(200, { format: 'nope' }))).toMatchObject({ ok: false, message: expect.stringContaining('is not a valid job') });
  });
});
