// An operator's status from its latest metrics sample, with Flink's thresholds: back pressure
// OK ≤ 10 %, LOW ≤ 50 %, HIGH above (of the sampling period spent back-pressured); busy above 50 %.
import type { OperatorSample } from '../../model/index.ts';

export type NodeStatus = 'idle' | 'running' | 'busy' | 'backpressured' | 'failed';

export function statusOf(sample: OperatorSample | undefined, failed: boolean, active: boolean): NodeStatus {
  if (failed) return 'failed';
  if (!sample) return active ? 'running' : 'idle';
  if (sample.status !== 'OK') return 'backpressured';
  if (sample.busyMsPerSecond > 500) return 'busy';
  return sample.recordsIn + sample.recordsOut > 0 || active ? 'running' : 'idle';
}

export function describeStatus(status: NodeStatus, sample: OperatorSample | undefined): string {
  if (!sample) return status;
  const pct = (ms: number) => `${Math.round(ms / 10)} %`;
  return `${status}: busy ${pct(sample.busyMsPerSecond)}, back-pressured ${pct(sample.backPressuredMsPerSecond)} (${sample.status}), ${sample.queued} queued`;
}

/** NiFi's queue colours: green below 61 % full, yellow to 85 %, red above. */
export function queueLevel(fillRatio: number): 'low' | 'mid' | 'high' {
  return fillRatio > 0.85 ? 'high' : fillRatio > 0.6 ? 'mid' : 'low';
}

/** Shares of the sampling period, in percent, as Flink's Web UI shows them on a vertex. */
export type FlinkShares = { busy: number; backpressured: number; idle: number; level: OperatorSample['status'] };

export function flinkShares(sample: OperatorSample | undefined): FlinkShares | null {
  if (!sample) return null;
  const pct = (ms: number) => Math.round(ms / 10);
  const busy = pct(sample.busyMsPerSecond);
  const backpressured = pct(sample.backPressuredMsPerSecond);
  return { busy, backpressured, idle: Math.max(0, 100 - busy - backpressured), level: sample.status };
}

/**
 * The colour Flink's Web UI gives a vertex: black when it is mostly back-pressured, red by its
 * busy share when it is mostly busy, blue when it is mostly idle (deeper the larger the share).
 */
export function flinkColour(s: FlinkShares): string {
  if (s.backpressured >= s.busy && s.backpressured >= s.idle) return `hsl(0 0% ${Math.round(45 - 0.4 * s.backpressured)}%)`;
  if (s.busy >= s.idle) return `hsl(0 80% ${Math.round(80 - 0.35 * s.busy)}%)`;
  return `hsl(212 75% ${Math.round(85 - 0.3 * s.idle)}%)`;
}

/** Which of Flink's three states dominates (the legend's entries). */
export function flinkState(s: FlinkShares): 'busy' | 'backpressured' | 'idle' {
  if (s.backpressured >= s.busy && s.backpressured >= s.idle) return 'backpressured';
  return s.busy >= s.idle ? 'busy' : 'idle';
}
