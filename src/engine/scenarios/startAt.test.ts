// A scenario's `startAtMs` (where its story starts; the player runs there on load): only where
// idle time comes first, and never past the first record.
import { describe, expect, it } from 'vitest';
import { readScenario, scenarioIds } from '../test-support/scenarios.ts';

describe('scenario startAtMs', () => {
  it.each(scenarioIds())('%s starts before its first record arrives', (id) => {
    const doc = readScenario(id);
    const start = (doc as { startAtMs?: unknown }).startAtMs;
    if (start === undefined) return;
    expect(typeof start === 'number' && Number.isInteger(start) && start > 0).toBe(true);
    const arrivals = doc.nodes.filter((n) => n.kind === 'source').flatMap((n) => ((n.params.records ?? []) as { at: number; ts?: number }[]).filter((r) => r.ts !== undefined).map((r) => r.at));
    expect(arrivals.length).toBeGreaterThan(0);
    expect(start as number).toBeLessThan(Math.min(...arrivals));
  });

  it('the team scores skip the first minutes of waiting, to just before the first score', () => {
    for (const id of ['team-score-perfect', 'team-score-heuristic']) expect((readScenario(id) as { startAtMs?: number }).startAtMs).toBe(295_000);
  });
});
