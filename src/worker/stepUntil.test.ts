// The worker's stepUntil: Step in micro-batch mode (to the end of the next batch) and Next event
// (to the next fact worth seeing, idle processing time skipped), alone and in compare mode.
import { describe, expect, it } from 'vitest';
import { readScenario } from '../engine/test-support/scenarios.ts';
import { applyPatch } from '../telemetry/patch.ts';
import { emptyRunData } from '../telemetry/reduceFacts.ts';
import type { RunData } from '../telemetry/reduceFacts.ts';
import { createWorkerApi } from './api.ts';
import type { RunMode } from './api.ts';

function open(id: string, mode: RunMode) {
  const api = createWorkerApi({ schedule: () => 0, cancel: () => {} });
  const runs: Record<string, RunData> = { microbatch: emptyRunData(), dataflow: emptyRunData() };
  api.setListener((patches) => patches.forEach((p) => (runs[p.mode] = applyPatch(runs[p.mode]!, p.patch))));
  expect(api.load(readScenario(id), mode).ok).toBe(true);
  return { api, runs };
}

describe('stepUntil', () => {
  it("'batch' runs exactly one more micro-batch each time, in micro-batch and in compare mode", () => {
    for (const mode of ['microbatch', 'compare'] as const) {
      const { api, runs } = open('late-data', mode);
      for (let i = 1; i <= 4; i++) {
        const status = api.stepUntil('batch');
        expect(runs.microbatch!.batches.map((b) => b.batchId)).toEqual([...Array(i).keys()]);
        expect(status.nowMs).toBe(runs.microbatch!.batches.at(-1)!.endMs);
      }
      if (mode === 'compare') expect(runs.dataflow!.nowMs).toBeLessThanOrEqual(runs.microbatch!.batches.at(-1)!.endMs);
    }
  });

  it("'visible' skips idle time: the team scores' first record, in both engines at once in compare mode", () => {
    const { api, runs } = open('team-score-perfect', 'compare');
    const status = api.stepUntil('visible');
    expect(status.nowMs).toBeGreaterThanOrEqual(299_000);
    expect(status.nowMs).toBeLessThanOrEqual(300_000);
    expect(runs.dataflow!.counts.scores?.out).toBe(1);
  });

  it('stops at the end of the run', () => {
    const { api } = open('late-data', 'microbatch');
    let status = api.stepUntil('batch');
    for (let i = 0; i < 200 && !status.done; i++) status = api.stepUntil('batch');
    expect(status.done).toBe(true);
    expect(api.stepUntil('visible').done).toBe(true);
  });
});
