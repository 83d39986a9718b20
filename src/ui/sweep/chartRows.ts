// The sweep's points as chart rows: one row per value, each engine's metrics side by side under
// `<metric>:<mode>` keys, so both engines share one chart (recharts draws a line per key).
import type { Mode, SweepPoint } from '../../model/index.ts';

export type ChartRow = { value: number } & Record<string, number | null>;

export const CHART_METRICS = ['completeness', 'latencyP50Ms', 'latencyP95Ms', 'lateRecords', 'droppedLate', 'stateRowsPeak'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];

export const seriesKey = (metric: ChartMetric, mode: Mode) => `${metric}:${mode}`;

export function chartRows(points: readonly (SweepPoint | undefined)[]): ChartRow[] {
  const byValue = new Map<number, ChartRow>();
  for (const p of points) {
    if (!p || typeof p.value !== 'number') continue;
    let row = byValue.get(p.value);
    if (!row) byValue.set(p.value, (row = { value: p.value } as ChartRow));
    for (const m of CHART_METRICS) {
      const v = p[m];
      // Latency in seconds: a chart of ms reads badly at minutes.
      row[seriesKey(m, p.mode)] = v === null ? null : m === 'latencyP50Ms' || m === 'latencyP95Ms' ? v / 1000 : v;
    }
  }
  return [...byValue.values()].sort((a, b) => a.value - b.value);
}

export const modesIn = (points: readonly (SweepPoint | undefined)[]): Mode[] =>
  (['microbatch', 'dataflow'] as const).filter((m) => points.some((p) => p?.mode === m));
