// The scenario catalogue (issue 5, "Scenarios"): every file in public/scenarios is listed in
// index.json (the picker's list) and the other way round, carries the fields the picker and the
// narrative panel read, and is a valid streamlab.job/v1 document in both modes — with a warning only
// where the warning is the scenario's point. Each scenario's own claim is tested in <id>.test.ts.
import { describe, expect, it } from 'vitest';
import type { Mode } from '../../model/index.ts';
import { parseScenario, readIndex, readScenario, scenarioIds } from '../test-support/scenarios.ts';

const MODES: Mode[] = ['microbatch', 'dataflow'];

/** The only warnings allowed, per scenario and mode; each is what that scenario is about. */
const EXPECTED_WARNINGS: Record<string, Partial<Record<Mode, RegExp[]>>> = {
  // Spark's watermark filters nothing without a stateful operator: the editor says so.
  'watermark-without-aggregation': { microbatch: [/no effect in micro-batch mode/] },
  // The book's watermark schedules are punctuated watermarks, which Spark cannot use.
  'team-score-perfect': { microbatch: [/punctuated watermark items are ignored in micro-batch mode/] },
  'team-score-heuristic': { microbatch: [/punctuated watermark items are ignored in micro-batch mode/] },
};

/** The scenario the app opens on first start (src/ui/shell/boot.ts DEFAULT_SCENARIO). */
const DEFAULT_SCENARIO = 'late-data';

/** One idea of the Spark-versus-Flink comparison each (issue 5, items 1–9). */
const IDEAS: Record<number, string[]> = {
  1: ['execution-model'],
  2: ['backpressure'],
  3: ['triggers'],
  4: ['watermark-without-aggregation'],
  5: ['late-data', 'allowed-lateness'],
  6: ['custom-trigger'],
  7: ['fault-recovery', 'checkpoints-under-backpressure', 'savepoints'],
  8: ['exactly-once-kafka'],
  9: ['team-score-perfect', 'team-score-heuristic'],
  // Issue 11: parallel subtasks, and what one hot key does to them.
  10: ['skew'],
};

/** Sentences of a plain text: a full stop, question or exclamation mark before a space or the end. */
const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z'"(])/).filter((s) => s.trim() !== '');

describe('public/scenarios/index.json', () => {
  const index = readIndex();

  it('lists { id, title, description, order } entries, sorted by order, ids and orders unique', () => {
    expect(Array.isArray(index)).toBe(true);
    for (const entry of index) {
      expect(Object.keys(entry).sort()).toEqual(['description', 'id', 'order', 'title']);
      expect(typeof entry.title).toBe('string');
      expect(typeof entry.description).toBe('string');
      expect(Number.isInteger(entry.order) && entry.order > 0).toBe(true);
    }
    expect(new Set(index.map((e) => e.id)).size).toBe(index.length);
    expect(new Set(index.map((e) => e.order)).size).toBe(index.length);
    expect(index.map((e) => e.order)).toEqual([...index.map((e) => e.order)].sort((a, b) => a - b));
  });

  it('lists every scenario file, and only those', () => {
    expect(index.map((e) => e.id).sort()).toEqual(scenarioIds());
  });

  it('holds the default scenario and at least one scenario per idea of the comparison', () => {
    const ids = new Set(index.map((e) => e.id));
    expect(ids.has(DEFAULT_SCENARIO)).toBe(true);
    for (const [idea, list] of Object.entries(IDEAS)) {
      for (const id of list) expect(ids.has(id), `idea ${idea}: ${id}`).toBe(true);
    }
    expect([...ids].sort()).toEqual(Object.values(IDEAS).flat().sort());
  });
});

describe.each(scenarioIds())('scenario %s', (id) => {
  const doc = readScenario(id);

  it('is a streamlab.job/v1 document with the picker’s fields, matching its index entry', () => {
    expect(doc.format).toBe('streamlab.job/v1');
    expect(doc.id).toBe(id);
    const entry = readIndex().find((e) => e.id === id);
    expect(entry).toEqual({ id, title: doc.title, description: doc.description, order: doc.order });
    expect(doc.title.length).toBeGreaterThan(0);
    expect(doc.description).not.toMatch(/\n/);
    expect(typeof doc.compare === 'boolean' || doc.compare === undefined).toBe(true);
    expect(MODES).toContain(doc.mode);
  });

  it('has a short narrative: 3–6 sentences, naming what to try', () => {
    expect(typeof doc.narrative).toBe('string');
    const n = sentences(doc.narrative).length;
    expect(n, doc.narrative).toBeGreaterThanOrEqual(3);
    expect(n, doc.narrative).toBeLessThanOrEqual(6);
    expect(doc.narrative).toMatch(/\bTry\b/);
  });

  it('is small enough to animate: a bounded run and at most a few hundred records', () => {
    const untilMs = doc.settings.untilMs as number;
    // The team-score example keeps the book's own times (12:00 to 12:10); the others stay short.
    expect(untilMs).toBeLessThanOrEqual(id.startsWith('team-score-') ? 610_000 : 120_000);
    let records = 0;
    for (const node of doc.nodes) {
      if (node.kind !== 'source') continue;
      const { records: items, generator } = node.params;
      if (items) records += (items as { ts?: number }[]).filter((r) => r.ts !== undefined).length;
      if (generator) {
        const end = Math.min(generator.endMs ?? untilMs, untilMs);
        records += Math.ceil(((end - (generator.startMs ?? 0)) * generator.ratePerSec) / 1000);
      }
    }
    expect(records).toBeGreaterThan(0);
    expect(records).toBeLessThanOrEqual(500);
  });

  it.each(MODES)('validates in %s mode, with no warning but the expected ones', (mode) => {
    const { warnings } = parseScenario(id, mode);
    const expected = EXPECTED_WARNINGS[id]?.[mode] ?? [];
    expect(warnings.map((w) => w.message)).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(warnings[i].message).toMatch(re));
  });
});
