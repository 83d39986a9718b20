// How a node runs in dataflow mode: a source reads partitions, a forward operator runs once per
// lane (chained after its source), a merge operator (stateful, or a sink) gathers lanes into its
// subtasks. Its own file: both the wiring (lanes.ts) and the partitioning ask it.
import type { JobNode } from '../../model/index.ts';

export type LaneKind = 'source' | 'forward' | 'merge';

export const laneKindOf = (n: JobNode): LaneKind =>
  n.kind === 'source'
    ? 'source'
    : n.kind === 'window' || n.kind === 'dedup' || n.kind === 'join' || n.kind === 'sink'
      ? 'merge'
      : 'forward';
