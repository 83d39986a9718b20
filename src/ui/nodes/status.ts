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
