import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { jobSchema } from '../../model/index.ts';
import type { Job, Mode } from '../../model/index.ts';
import { createWorkerApi } from '../../worker/api.ts';
import { applyPatch } from '../../telemetry/patch.ts';
import { emptyRunData } from '../../telemetry/reduceFacts.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';
import { compareRuns } from './differences.ts';

const job = jobSchema.parse(JSON.parse(readFileSync(new URL('../../../public/scenarios/late-data.json', import.meta.url), 'utf8'))) as Job;

/** Both engines over one job, as compare mode runs them. */
function compare(j: Job): Record<Mode, RunData> {
  const api = createWorkerApi({ schedule: () => 0, cancel: () => {} });
  const runs: Record<Mode, RunData> = { microbatch: emptyRunData(), dataflow: emptyRunData() };
  api.setListener((patches) => patches.forEach((p) => (runs[p.mode] = applyPatch(runs[p.mode], p.patch))));
  expect(api.load(j, 'compare').ok).toBe(true);
  api.runToEnd();
  api.flush();
  return runs;
}

describe('differences between the two runs', () => {
  it('spells out late handling, window timing and batches against checkpoints for the late-data scenario', () => {
    const runs = compare(job);
    const texts = compareRuns(job, runs.microbatch, runs.dataflow, true).map((d) => d.text);
    expect(texts).toContain('Spark dropped 3 late rows silently (only its numRowsDroppedByWatermark counter shows them); Flink sent 3 to the side output "late".');
    expect(texts.some((t) => /^Flink emitted .*window \[0 s, 10 s\) [\d.]+ m?s earlier \(/.test(t))).toBe(true);
    expect(texts.some((t) => /^Spark ran \d+ batches .*; Flink moved each record on as it came and completed \d+ checkpoints/.test(t))).toBe(true);
  });

  it('counts duplicates per sink and says why they were written', () => {
    const write = (n: number, replayed = false) => ({ record: { n }, atMs: n, visibleAtMs: n, ...(replayed ? { replayed } : {}) });
    const spark: RunData = { ...emptyRunData(), sinks: { out: [write(1), write(2), write(2, true), write(1, true)] }, firstWritten: { out: 1000 } };
    const flink: RunData = { ...emptyRunData(), sinks: { out: [write(1), write(2)] }, firstWritten: { out: 200 } };
    const sink = { id: 'out', kind: 'sink', params: { connector: 'kafka', delivery: 'at-least-once' } } as Job['nodes'][number];
    const texts = compareRuns({ nodes: [sink] }, spark, flink, true).map((d) => d.text);
    expect(texts).toContain('Spark wrote 2 duplicate rows to out (written again when it re-ran input after the failure); Flink wrote none.');
    expect(texts).toContain('The first row reached out 800 ms earlier in Flink (200 ms against 1 s in Spark).');
    expect(texts).toContain('out received 4 rows from Spark and 2 from Flink.');
  });

  it('says "not yet" while running and "never" once both runs are over', () => {
    const window = { id: 'w', kind: 'window', params: {} } as unknown as Job['nodes'][number];
    const batches = [{ batchId: 3, startMs: 16_000, endMs: 16_400, inputRecords: 2, watermarkMs: 8000, nextWatermarkMs: 12_000 }];
    const spark: RunData = { ...emptyRunData(), firstEmitted: { w: { '0:10000': 16_400 } }, batches };
    const flink: RunData = { ...emptyRunData(), firstEmitted: { w: { '0:10000': 12_200, '10000:20000': 22_000 } } };
    const running = compareRuns({ nodes: [window] }, spark, flink, false).map((d) => d.text);
    expect(running.slice(0, 2)).toEqual(['Flink emitted window [0 s, 10 s) 4.2 s earlier (12.2 s against 16.4 s).', 'Spark has not emitted window [10 s, 20 s) yet.']);
    expect(compareRuns({ nodes: [window] }, spark, flink, true).map((d) => d.text)[1]).toBe('Spark never emitted window [10 s, 20 s): its watermark stopped at 12 s, before the end of the window (20 s), so no batch could close it.');
  });

  it('in update or complete output mode, says that Spark\'s first row of a window is a running result', () => {
    const window = { id: 'w', kind: 'window', params: {} } as unknown as Job['nodes'][number];
    const spark: RunData = { ...emptyRunData(), firstEmitted: { w: { '0:10000': 2_000 } } };
    const flink: RunData = { ...emptyRunData(), firstEmitted: { w: { '0:10000': 12_200 } } };
    const settings = (outputMode: 'append' | 'update' | 'complete') => ({ microbatch: { outputMode } }) as unknown as Pick<Job['settings'], 'microbatch'>;
    const [update] = compareRuns({ nodes: [window], settings: settings('update') }, spark, flink, true).map((d) => d.text);
    expect(update).toBe(
      "Spark emitted window [0 s, 10 s) 10.2 s earlier (2 s against 12.2 s). In update output mode Spark's first row for a window is its running result so far, which later batches revise; it is not the final count.",
    );
    expect(compareRuns({ nodes: [window], settings: settings('complete') }, spark, flink, true)[0].text).toMatch(/complete output mode/);
    expect(compareRuns({ nodes: [window], settings: settings('append') }, spark, flink, true)[0].text).toBe('Spark emitted window [0 s, 10 s) 10.2 s earlier (2 s against 12.2 s).');
  });
});
