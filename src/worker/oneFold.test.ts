// One fold of the facts: what the app shows (the worker's telemetry, delivered as patches and
// applied on the page) agrees with the command line's result (the engine's result fold) on every
// number both have — sinks and what read-committed readers see of them, late records, side
// outputs, dropped-late counters, watermarks, records per edge, batches, checkpoints, failures —
// for every built-in scenario in both modes.
import { describe, expect, it } from 'vitest';
import { parseJob, visibilityOf } from '../model/index.ts';
import type { Mode, Result, SideOutputEntry } from '../model/index.ts';
import { readScenario, scenarioIds } from '../engine/test-support/scenarios.ts';
import { applyPatch } from '../telemetry/patch.ts';
import { emptyRunData, KEEP_ROWS } from '../telemetry/reduceFacts.ts';
import type { RunData } from '../telemetry/reduceFacts.ts';
import { createWorkerApi } from './api.ts';

function appAndResult(doc: unknown, mode: Mode): { app: RunData; result: Result } {
  let app = emptyRunData();
  const api = createWorkerApi({ schedule: () => 0, cancel: () => {}, now: () => 0 });
  api.setListener((patches) => {
    for (const p of patches) app = applyPatch(app, p.patch);
  });
  const loaded = api.load(doc, mode);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  api.runToEnd();
  const result = api.snapshot().results[mode]!;
  api.dispose();
  return { app, result };
}

const tail = <T,>(list: readonly T[]) => list.slice(-KEEP_ROWS);

const cases = scenarioIds().flatMap((id) =>
  (['dataflow', 'microbatch'] as const).filter((mode) => parseJob(readScenario(id), { mode }).ok).map((mode) => [id, mode] as const));

describe('the app and the command line fold the same facts the same way', () => {
  it('covers every scenario in at least one mode', () => {
    expect(new Set(cases.map(([id]) => id))).toEqual(new Set(scenarioIds()));
  });

  it.each(cases)('%s (%s)', (id, mode) => {
    const { app, result } = appAndResult(readScenario(id), mode);
    // Not a vacuous comparison: the run wrote something or found something late.
    expect(Object.values(result.sinks).some((w) => w.length > 0) || result.lateRecords.length > 0).toBe(true);

    for (const [sink, writes] of Object.entries(result.sinks)) {
      const shown = app.sinks[sink] ?? [];
      const txns = app.txns[sink] ?? {};
      const seen = shown.map((w) => ({
        record: w.record,
        atMs: w.atMs,
        visibleAtMs: visibilityOf(w, w.txn === undefined ? undefined : txns[w.txn]).visibleAtMs,
      }));
      expect(seen, `sink ${sink}`).toEqual(tail(writes).map((w) => ({ record: w.record, atMs: w.atMs, visibleAtMs: w.visibleAtMs })));
    }

    expect(app.lateRecords).toEqual(tail(result.lateRecords));
    expect(app.droppedLate).toEqual(result.droppedLate);
    if (result.lateRecords.length <= KEEP_ROWS) {
      const sideOutputs: Record<string, SideOutputEntry[]> = {};
      for (const r of app.lateRecords) if (r.to !== 'dropped') (sideOutputs[`${r.node}:${r.to}`] ??= []).push({ record: r.record, atMs: r.atMs, watermarkMs: r.watermarkMs });
      expect(sideOutputs).toEqual(result.sideOutputs);
    }

    for (const [node, history] of Object.entries(app.watermarkHistory)) {
      expect(history, `watermarks of ${node}`).toEqual(tail(result.watermarks[node] ?? []));
    }
    for (const [node, points] of Object.entries(result.watermarks)) {
      expect(app.watermarks[node], `last watermark of ${node}`).toBe(points[points.length - 1]![1]);
    }

    expect(app.flows).toEqual(result.metrics.recordsPerEdge);
    expect(app.batches).toEqual(result.batches);
    expect(app.subtasks).toEqual(result.subtasks ?? {});
    expect(app.failures).toEqual(result.failures);
    expect(app.checkpoints.map((c) => [c.id, c.kind, c.status, c.completedAtMs])).toEqual(result.checkpoints.map((c) => [c.id, c.kind, c.status, c.completedAtMs]));
  });
});
