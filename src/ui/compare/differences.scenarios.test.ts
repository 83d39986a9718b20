// Differences of each built-in scenario (public/scenarios), run in both engines as compare mode runs
// them: every stated cause must be the one that happened (issue 12, "Differences derives every cause
// from the facts").
import { describe, expect, it } from 'vitest';
import type { Job, Mode } from '../../model/index.ts';
import { readScenario, scenarioIds, type Patch } from '../../engine/test-support/scenarios.ts';
import { jobSchema } from '../../model/index.ts';
import { createWorkerApi } from '../../worker/api.ts';
import { applyPatch } from '../../telemetry/patch.ts';
import { emptyRunData } from '../../telemetry/reduceFacts.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';
import { compareRuns } from './differences.ts';

function differences(id: string, patch?: Patch): { texts: string[]; runs: Record<Mode, RunData>; job: Job } {
  const doc = readScenario(id);
  patch?.(doc);
  const job = jobSchema.parse(doc) as Job;
  const api = createWorkerApi({ schedule: () => 0, cancel: () => {} });
  const runs: Record<Mode, RunData> = { microbatch: emptyRunData(), dataflow: emptyRunData() };
  api.setListener((patches) => patches.forEach((p) => (runs[p.mode] = applyPatch(runs[p.mode], p.patch))));
  expect(api.load(job, 'compare').ok).toBe(true);
  api.runToEnd();
  api.flush();
  return { texts: compareRuns(job, runs.microbatch, runs.dataflow, true).map((d) => d.text), runs, job };
}

const bounded: Patch = (doc) => {
  for (const n of doc.nodes) if (n.kind === 'source') n.params.bounded = true;
};
const all = (texts: string[]) => texts.join('\n');

describe('Differences, per built-in scenario', () => {
  it('no scenario blames the batch-before watermark, or end of input, without cause', () => {
    for (const id of scenarioIds()) {
      const { texts, runs } = differences(id);
      const text = all(texts);
      // End of input is named only where Flink's watermark reached +∞ before a window Spark lacks.
      if (/end-of-input watermark/.test(text)) {
        expect(Object.values(runs.dataflow.watermarkHistory).some((h) => h.some(([, wm]) => wm >= 1e15)), id).toBe(true);
      }
      expect(text, id).not.toMatch(/no later batch ran with a watermark past its end/);
    }
  });

  it('late-data: the source is unbounded, so both engines close the same windows; Spark drops the 3 late clicks, Flink sends them to "late"', () => {
    const { texts } = differences('late-data');
    expect(all(texts)).not.toMatch(/never emitted/);
    expect(texts).toContain('Spark dropped 3 late rows silently (only its numRowsDroppedByWatermark counter shows them); Flink sent 3 to the side output "late".');
    expect(all(texts)).not.toMatch(/disagree/);
  });

  it('late-data with a bounded source: the window only Flink emits is put down to end of input', () => {
    const { texts } = differences('late-data', bounded);
    expect(texts).toContain(
      'Spark never emitted window [30 s, 40 s): Flink emitted it only because its bounded source ended and sent the end-of-input watermark (+∞), which fires every open window. Spark has no end-of-input watermark. This is the end of the input, not a difference between the engines: with the source unbounded (Bounded off) neither emits it.',
    );
  });

  it('late-data, "try": a click only a little late counts in Spark (the watermark of the batch before) but not in Flink', () => {
    const { texts } = differences('late-data', (doc) => {
      const records = doc.nodes[0]!.params.records as { ts: number; at: number }[];
      records.find((r) => r.ts === 4500)!.at = 14_200;
      records.sort((a, b) => a.at - b.at);
    });
    expect(all(texts)).toMatch(/They disagree on what is late \(Spark 2, Flink 3\): 1 row that Flink found late was counted by Spark, which checks a row against the watermark of the batch before, computed before the row arrived, where Flink checks it against its watermark as it arrives: for example event time 4\.5 s, key "a", checked by Spark against 9\.2 s and by Flink against 10\.799 s\./);
  });

  it('allowed-lateness: the row Spark drops was admitted by Flink’s allowed lateness and fired a late pane', () => {
    const { texts, runs } = differences('allowed-lateness');
    const late = runs.dataflow.panes.count!.find((p) => p.pane === 'late')!;
    expect(all(texts)).toContain(
      `They disagree on what is late (Spark 2, Flink 1): 1 row that Spark dropped as late was in time for Flink, because its allowed lateness (5 s on "Count per 10 s, lateness 5 s") kept its window open after the watermark passed it, and it fired its window again as a late pane; Spark has no allowed lateness. For example the row with event time 4 s, key "home": Spark's watermark was 10 s, and Flink fired window [0 s, 10 s) again at ${late.atMs / 1000} s.`,
    );
    expect(all(texts)).not.toMatch(/watermark of the batch before/);
  });

  it('custom-trigger: both windows’ allowed lateness of 10 s explains the 4 rows only Spark drops', () => {
    const { texts } = differences('custom-trigger');
    expect(all(texts)).toMatch(/They disagree on what is late \(Spark 6, Flink 2\): 4 rows that Spark dropped as late were in time for Flink, because its allowed lateness \(10 s on "Sum per 10 s, accumulating", 10 s on "Sum per 10 s, discarding"\)/);
    expect(all(texts)).not.toMatch(/watermark of the batch before/);
  });

  it('backpressure: Flink’s source is throttled and its lag grows; Spark’s batch durations grow, computed from the runs', () => {
    const { texts, runs } = differences('backpressure');
    const took = runs.microbatch.batches.filter((b) => b.inputRecords > 0).map((b) => b.endMs - b.startMs);
    const from = took.find((t) => t > 1000)!;
    const to = Math.max(...took);
    const lag = Math.max(...runs.dataflow.sampleLog.map((x) => Object.values(x.sourceLag).reduce((a, b) => a + b, 0)));
    expect([from, to]).toEqual([1300, 5450]);
    const text = texts.find((t) => t.startsWith("Flink's source was throttled"))!;
    expect(text).toContain(`its lag (records arrived but not yet read) grew to ${lag} by`);
    expect(text).toContain('batch durations grew from 1.3 s to 5.45 s (batch 7)');
  });

  it('watermark-without-aggregation: Spark lets the late views through because its watermark filters only in stateful operators', () => {
    const { texts } = differences('watermark-without-aggregation');
    expect(all(texts)).toMatch(/They disagree on what is late \(Spark 0, Flink 4\): 4 rows that Flink's "[^"]+" found late went through in Spark, where a watermark filters rows only in a stateful operator/);
  });

  it('team-score-heuristic: Frank’s 9 is late only in Flink, because Spark ignores the punctuated watermarks', () => {
    const { texts } = differences('team-score-heuristic');
    expect(all(texts)).toMatch(/1 row that Flink found late was not late for Spark, which has no watermark in this job: its watermarks are punctuated items in the source, which Spark ignores/);
  });

  it('checkpoints-under-backpressure (a bounded source, about Flink): what only Flink emits is put down to end of input', () => {
    const { texts } = differences('checkpoints-under-backpressure');
    expect(all(texts)).toMatch(/Spark never emitted window \[10 s, 15 s\), window \[15 s, 20 s\): Flink emitted them only because its bounded source ended/);
  });

  it('triggers: a window only Spark wrote (update mode) is put down to where Flink’s watermark stopped, with numbers from the run', () => {
    const { texts, runs } = differences('triggers');
    const last = runs.dataflow.watermarkHistory.onTime!.at(-1)![1];
    expect(all(texts)).toContain(`Flink never emitted window [30 s, 40 s) of "Sum per 10 s (on time)", window [40 s, 50 s) of "Sum per 10 s (on time)": its watermark stopped at ${last / 1000} s, before the end of the window (40 s).`);
  });

  it('execution-model: no window, no late row; the first row reaches the sink earlier in Flink, by the gap the runs show', () => {
    const { texts, runs } = differences('execution-model');
    const gap = runs.microbatch.firstWritten.out! - runs.dataflow.firstWritten.out!;
    expect(gap).toBeGreaterThan(0);
    expect(all(texts)).not.toMatch(/window|late/i);
    expect(all(texts)).toContain(`The first row reached out ${gap >= 1000 ? `${gap / 1000} s` : `${gap} ms`} earlier in Flink`);
  });

  it('exactly-once-kafka: Spark writes the re-run batch again; Flink’s read-committed readers see no duplicate', () => {
    const { texts, runs } = differences('exactly-once-kafka');
    const rerun = runs.microbatch.failures[0]!.rerunBatchId;
    expect(typeof rerun).toBe('number');
    expect(all(texts)).toMatch(/^Spark wrote \d+ duplicate rows to ledger \(written again when it re-ran input after the failure\); Flink wrote none that a read-committed reader sees/m);
    expect(all(texts)).toContain(`After the failure Spark re-ran batch ${rerun} from its offsets log`);
  });

  it('fault-recovery: each engine recovers as its runs show (Spark re-runs the unfinished batch, Flink restores its last checkpoint)', () => {
    const { texts, runs } = differences('fault-recovery');
    const f = runs.dataflow.failures[0]!;
    expect(all(texts)).toContain(`After the failure Spark re-ran batch ${runs.microbatch.failures[0]!.rerunBatchId} from its offsets log`);
    expect(all(texts)).toContain(`Flink restored checkpoint ${f.restoredFrom} and replayed its sources`);
  });

  it('savepoints: Flink restores the last checkpoint, not the newer savepoint, and Differences says so', () => {
    const { texts, runs } = differences('savepoints');
    const f = runs.dataflow.failures[0]!;
    const savepoint = runs.dataflow.checkpoints.filter((c) => c.kind === 'savepoint' && c.status === 'completed' && c.completedAtMs! <= f.atMs).at(-1)!;
    expect(savepoint.id).toBeGreaterThan(f.restoredFrom!);
    expect(all(texts)).toContain(`Flink restored checkpoint ${f.restoredFrom} (not savepoint ${savepoint.id}, which is newer: failover restores checkpoints only)`);
  });

  it('team-score-perfect: Spark’s early rows are running totals (update mode), said once', () => {
    const { texts } = differences('team-score-perfect');
    expect(texts.filter((t) => /In update output mode Spark's first row for a window is its running result so far/.test(t))).toHaveLength(1);
    expect(all(texts)).not.toMatch(/disagree|late rows?\b|side output/);
  });
});
