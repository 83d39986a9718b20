// The checkpoint and failure machinery as the canvas draws it (issue 13), folded from the engine's
// facts: the barriers on their way along each edge (and what is in front of them, or what they
// overtook), each operator's part in the running checkpoint (blocked inputs, snapshot,
// acknowledgement), source partitions and input channels from the metrics samples, sink
// transactions pre-committed at a barrier, the offsets to catch up with after a restore, and the
// micro-batch attempts a failure cut short. Kept apart from reduceFacts so that fold stays small;
// like it, pure, copying only what it changes.
import type { BatchEntry, ChannelSample, Fact, PartitionSample } from '../model/index.ts';

export type EdgeBarrier = {
  id: number;
  savepoint: boolean;
  unaligned: boolean;
  sentAtMs: number;
  /** Aligned: records in front of it when it was sent (max over the edge's channels), and now (sampled). */
  aheadAtSend: number;
  ahead: number;
  /** Unaligned: records it overtook on the edge, stored with the checkpoint. */
  overtook: number;
  /** Channels of the edge it is still travelling on. */
  inTransit: number;
};

export type NodeCheckpoint = {
  id: number;
  savepoint: boolean;
  unaligned: boolean;
  /** Aligned: the inputs whose barrier has arrived, held until the others' arrive. */
  blocked: { from: string; channel: number }[];
  snapshotAtMs: number | null;
  ackedAtMs: number | null;
  inflightRecords: number;
  completedAtMs: number | null;
};

export type Machinery = {
  barriers: Record<string, EdgeBarrier[]>;
  nodes: Record<string, NodeCheckpoint>;
  /** Checkpoints in flight that are savepoints (a barrier does not say which it is). */
  savepoints: number[];
  partitions: Record<string, PartitionSample[]>;
  channels: Record<string, { inputs: ChannelSample[]; minIndex: number | null }>;
  precommitted: Record<string, { txn: number; checkpointId: number; atMs: number }>;
  /** Per source partition, the offset read before the last failure: below it, the job replays. */
  replayUntil: Record<string, number[]>;
  failedBatches: BatchEntry[];
};

export const emptyMachinery = (): Machinery => ({
  barriers: {},
  nodes: {},
  savepoints: [],
  partitions: {},
  channels: {},
  precommitted: {},
  replayUntil: {},
  failedBatches: [],
});

const types = new Set<Fact['type']>([
  'barrier.sent', 'barrier.received', 'snapshot.taken', 'checkpoint.acknowledged', 'checkpoint.triggered', 'checkpoint.completed',
  'checkpoint.failed', 'transaction.precommitted', 'job.failed', 'job.restored', 'metrics.sampled', 'batch.failed',
]);

/** Whether the machinery fold reads this fact. */
export const isMachineryFact = (f: Fact): boolean => types.has(f.type);

/** The last batch attempts a failure cut short, kept for the tables. */
const KEEP_FAILED = 200;

export function foldMachinery(prev: Machinery, facts: readonly Fact[]): Machinery {
  const m: Machinery = { ...prev };
  const touched = new Set<string>();
  const own = <K extends 'barriers' | 'nodes' | 'precommitted' | 'replayUntil'>(k: K): Machinery[K] => {
    if (!touched.has(k)) (touched.add(k), (m[k] = { ...prev[k] } as Machinery[K]));
    return m[k];
  };
  const node = (id: string, checkpointId: number, unaligned: boolean): NodeCheckpoint => {
    const nodes = own('nodes');
    const old = nodes[id];
    const n: NodeCheckpoint = old && old.id === checkpointId
      ? { ...old }
      : { id: checkpointId, savepoint: m.savepoints.includes(checkpointId), unaligned, blocked: [], snapshotAtMs: null, ackedAtMs: null, inflightRecords: 0, completedAtMs: null };
    nodes[id] = n;
    return n;
  };
  const dropBarriers = (keep: (b: EdgeBarrier) => boolean) => {
    const barriers = own('barriers');
    for (const [k, list] of Object.entries(barriers)) {
      const left = list.filter(keep);
      if (left.length === 0) delete barriers[k];
      else if (left.length !== list.length) barriers[k] = left;
    }
  };
  for (const f of facts) {
    switch (f.type) {
      case 'checkpoint.triggered':
        if (f.kind === 'savepoint') m.savepoints = [...m.savepoints, f.id];
        break;
      case 'barrier.sent': {
        const barriers = own('barriers');
        const key = `${f.from}->${f.to}`;
        const list = [...(barriers[key] ?? [])];
        const i = list.findIndex((b) => b.id === f.id);
        if (i < 0) {
          list.push({ id: f.id, savepoint: m.savepoints.includes(f.id), unaligned: f.unaligned, sentAtMs: f.atMs, aheadAtSend: f.ahead, ahead: f.ahead, overtook: f.overtook, inTransit: 1 });
          list.sort((a, b) => a.id - b.id);
        } else {
          const b = list[i];
          list[i] = { ...b, aheadAtSend: Math.max(b.aheadAtSend, f.ahead), ahead: Math.max(b.ahead, f.ahead), overtook: b.overtook + f.overtook, inTransit: b.inTransit + 1 };
        }
        barriers[key] = list;
        break;
      }
      case 'barrier.received': {
        const barriers = own('barriers');
        const key = `${f.from}->${f.node}`;
        const list = barriers[key];
        const i = list ? list.findIndex((b) => b.id === f.id) : -1;
        if (list && i >= 0) {
          const left = list[i].inTransit - 1;
          const next = [...list];
          if (left <= 0) next.splice(i, 1);
          else next[i] = { ...list[i], inTransit: left };
          if (next.length === 0) delete barriers[key];
          else barriers[key] = next;
        }
        const n = node(f.node, f.id, !f.blocked && m.nodes[f.node]?.unaligned === true);
        if (f.blocked) n.blocked = [...n.blocked, { from: f.from, channel: f.channel }];
        break;
      }
      case 'snapshot.taken': {
        const n = node(f.node, f.id, f.unaligned);
        n.unaligned = f.unaligned;
        n.snapshotAtMs ??= f.atMs;
        n.blocked = [];
        break;
      }
      case 'checkpoint.acknowledged': {
        const n = node(f.node, f.id, false);
        n.ackedAtMs = f.atMs;
        n.inflightRecords += f.inflightRecords;
        break;
      }
      case 'checkpoint.completed':
      case 'checkpoint.failed': {
        const id = f.checkpoint.id;
        m.savepoints = m.savepoints.filter((s) => s !== id);
        const nodes = own('nodes');
        for (const [k, n] of Object.entries(nodes)) {
          if (n.id !== id) continue;
          if (f.type === 'checkpoint.completed') nodes[k] = { ...n, completedAtMs: f.atMs };
          else delete nodes[k];
        }
        if (f.type === 'checkpoint.failed') dropBarriers((b) => b.id !== id);
        break;
      }
      case 'transaction.precommitted':
        own('precommitted')[f.node] = { txn: f.txn, checkpointId: f.checkpointId, atMs: f.atMs };
        break;
      case 'job.failed': {
        // The tasks are gone, and with them the barriers and alignments; reading resumes from a checkpoint.
        m.barriers = {};
        m.nodes = {};
        m.savepoints = [];
        touched.add('barriers').add('nodes');
        const until = own('replayUntil');
        for (const [src, parts] of Object.entries(m.partitions)) {
          until[src] = parts.map((p, i) => Math.max(p.offset, until[src]?.[i] ?? 0));
        }
        break;
      }
      case 'job.restored': {
        // The offset markers move back to where the restored checkpoint says reading resumes.
        const offsets = f.failure.sourceOffsets as Record<string, number[]> | undefined;
        if (!offsets) break;
        const partitions = { ...m.partitions };
        for (const [src, parts] of Object.entries(partitions)) {
          const to = offsets[src];
          if (to) partitions[src] = parts.map((p, i) => (to[i] === undefined ? p : { ...p, offset: to[i]!, lag: p.lag + Math.max(0, p.offset - to[i]!) }));
        }
        m.partitions = partitions;
        break;
      }
      case 'metrics.sampled': {
        if (f.partitions) m.partitions = f.partitions;
        if (f.channels) m.channels = f.channels;
        if (f.barriers) {
          const barriers = own('barriers');
          for (const [key, s] of Object.entries(f.barriers)) {
            const list = barriers[key];
            const i = list ? list.findIndex((b) => b.id === s.id) : -1;
            if (list && i >= 0 && list[i].ahead !== s.ahead) {
              const next = [...list];
              next[i] = { ...list[i], ahead: s.ahead };
              barriers[key] = next;
            }
          }
        }
        break;
      }
      case 'batch.failed':
        m.failedBatches = [...m.failedBatches, f.batch].slice(-KEEP_FAILED);
        break;
      default:
        break;
    }
  }
  return m;
}

/** Whether a source partition is still re-reading what it had read before the last failure. */
export const replaying = (m: Machinery, source: string, partition: number): boolean => {
  const until = m.replayUntil[source]?.[partition];
  const at = m.partitions[source]?.[partition]?.offset;
  return until !== undefined && at !== undefined && at < until;
};

/** Whether any source is still replaying after the last restore. */
export const isReplaying = (m: Machinery): boolean => {
  for (const [source, parts] of Object.entries(m.replayUntil)) {
    for (let i = 0; i < parts.length; i++) if (replaying(m, source, i)) return true;
  }
  return false;
};
