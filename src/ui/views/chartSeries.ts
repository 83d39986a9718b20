// Series for the charts, computed from the run a few times a second (never per fact): input and
// output rate, source lag, watermark lag and late records over processing time.
import type { Job, Mode } from '../../model/index.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';

export type Point = { atS: number; inputPerS: number; outputPerS: number; sourceLag: number; watermarkLagS: number | null; late: number };

export function chartSeries(job: Pick<Job, 'nodes'>, mode: Mode, run: Pick<RunData, 'sampleLog' | 'batches' | 'watermarkHistory' | 'lateRecords'>): Point[] {
  const sources = job.nodes.filter((n) => n.kind === 'source').map((n) => n.id);
  const sinks = job.nodes.filter((n) => n.kind === 'sink').map((n) => n.id);
  const watched = job.nodes.find((n) => n.kind === 'window')?.id ?? job.nodes.find((n) => n.kind === 'watermark')?.id;
  const lateAt = run.lateRecords.map((r) => r.atMs);
  const lateBy = (t: number) => lateAt.filter((a) => a <= t).length;
  if (mode === 'microbatch') {
    return run.batches.map((b, i) => {
      const prevEnd = i > 0 ? run.batches[i - 1]!.endMs : 0;
      const spanS = Math.max(0.001, (b.endMs - prevEnd) / 1000);
      return {
        atS: b.endMs / 1000,
        inputPerS: round(b.inputRecords / spanS),
        outputPerS: round(b.inputRecords / Math.max(0.001, (b.endMs - b.startMs) / 1000)),
        sourceLag: 0,
        watermarkLagS: Math.abs(b.watermarkMs) < 1e14 ? round((b.startMs - b.watermarkMs) / 1000) : null,
        late: lateBy(b.endMs),
      };
    });
  }
  const history = watched ? (run.watermarkHistory[watched] ?? []) : [];
  let h = 0;
  return run.sampleLog.map((s) => {
    const perS = 1000 / Math.max(1, s.periodMs);
    while (h + 1 < history.length && history[h + 1]![0] <= s.atMs) h++;
    const wm = history[h] && history[h]![0] <= s.atMs ? history[h]![1] : null;
    return {
      atS: s.atMs / 1000,
      inputPerS: round(sum(sources.map((id) => s.operators[id]?.recordsOut ?? 0)) * perS),
      outputPerS: round(sum(sinks.map((id) => s.operators[id]?.recordsIn ?? 0)) * perS),
      sourceLag: sum(Object.values(s.sourceLag)),
      watermarkLagS: wm === null || Math.abs(wm) >= 1e14 ? null : round((s.atMs - wm) / 1000),
      late: lateBy(s.atMs),
    };
  });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The names of the two rate lines, in each engine's own words. In micro-batch the second is rows
 * divided by the batch's duration, which Spark's StreamingQueryProgress calls processedRowsPerSecond
 * (not what was written per second); in dataflow both are Flink's per-second counters.
 */
export function rateNames(mode: Mode): { input: string; output: string } {
  return mode === 'microbatch'
    ? { input: 'inputRowsPerSecond', output: 'processedRowsPerSecond (rows ÷ batch duration)' }
    : { input: 'read (sources numRecordsOutPerSecond)', output: 'written (sinks numRecordsInPerSecond)' };
}
