import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../engine/test-support/scenarios.ts';
import { emptyRunData, reduceFacts } from '../../telemetry/reduceFacts.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';
import { contextOf, explain, HINT, waitingLine } from './explain.ts';

/** Every batch narration of a scenario's micro-batch run, as the explanation line would show it. */
function batchLines(id: string): string[] {
  const { job } = parseScenario(id, 'microbatch');
  const ctx = contextOf(job);
  let run: RunData = emptyRunData();
  const lines: string[] = [];
  for (const f of runScenario(id, 'microbatch').allFacts) {
    run = reduceFacts(run, [f]);
    if (f.type === 'batch.completed' && run.lastSignificant) lines.push(explain(run.lastSignificant, ctx));
  }
  return lines;
}

describe('batch narration: why a batch ran without a watermark, as it is', () => {
  it('execution-model defines no watermark: it says so for every batch', () => {
    const lines = batchLines('execution-model');
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) {
      expect(l).not.toMatch(/no event time seen/);
      expect(l).toMatch(/with no watermark: the job defines none/);
    }
  });

  it('team scores: Spark ignores the punctuated watermarks, also after batches that read rows', () => {
    const lines = batchLines('team-score-perfect');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l).toMatch(/no watermark: this job's watermarks are punctuated items in its source, which Spark ignores/);
  });

  it('late-data: the first batch has no watermark yet; later ones say max event time − delay', () => {
    const lines = batchLines('late-data');
    expect(lines[0]).toMatch(/^Batch 0 read 1 record with no watermark yet: it is the first batch/);
    // Batch 0 read event time 1 s: 1 s − 2 s is below 0, so batch 1 still runs at 0 — and says why.
    expect(lines[1]).toMatch(/^Batch 1 read 1 record with watermark 0 ms: Spark's watermark starts at 0, and the largest event time read so far minus the delay \(2 s\) is not above 0 yet/);
    expect(lines.some((l) => /used watermark [\d.]+ s = max event time [\d.]+ s − delay 2 s/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/no event time seen/);
  });
});

describe('the line before anything is narrated', () => {
  const ctx = contextOf(parseScenario('team-score-perfect', 'dataflow').job);
  it('is the hint only before the run starts', () => {
    expect(waitingLine(emptyRunData(), 0, false, 'dataflow', ctx)).toBe(HINT);
    expect(waitingLine(emptyRunData(), 0, true, 'dataflow', ctx)).toBe('At 0 ms, no record has arrived yet; the first one arrives at 4 min 59 s (Next event skips there).');
    expect(waitingLine({ ...emptyRunData(), flows: { 'scores->byTeam': 2 } }, 340_000, true, 'dataflow', ctx)).toMatch(/^At 5 min 40 s, the sources have read 2 records; no window has fired/);
  });
});
