// What a node shows of the machinery while the job runs (issue 13): Flink's busy / back-pressured
// / idle shares with its colours and back pressure level; a source's partitions (offset, lag,
// watermark, and the offset to catch up with after a restore); the input channels of an operator
// with several (which one holds the minimum, which are idle); its part in the running checkpoint
// (blocked inputs, snapshot, acknowledgement); an exactly-once sink's transaction; the failure
// and the restore. Every selector returns plain values or objects the fold keeps when unchanged,
// so a node re-renders only when what it shows changes.
import type { NodeKind } from '../../model/index.ts';
import { formatWatermark } from '../lib/format.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';
import { useEngineRun, useEngineMode } from '../run/runStore.ts';
import { flinkColour, flinkShares, flinkState } from './status.ts';
import './machinery.css';

type Props = { id: string; kind: NodeKind };

export function NodeMachinery({ id, kind }: Props) {
  const mode = useEngineMode();
  return (
    <div className="op-machinery">
      <FailureBadge id={id} kind={kind} />
      {mode === 'dataflow' && <StatusShares id={id} />}
      {mode === 'dataflow' && kind === 'source' && <Partitions id={id} />}
      {mode === 'dataflow' && <Channels id={id} />}
      {mode === 'dataflow' && <CheckpointPart id={id} />}
      {mode === 'dataflow' && kind === 'sink' && <SinkTransaction id={id} />}
    </div>
  );
}

const sharesKey = (s: RunData, id: string) => {
  const sh = flinkShares(s.samples[id]);
  return sh ? `${sh.busy}|${sh.backpressured}|${sh.idle}|${sh.level}` : '';
};

/** Busy (red), back-pressured (black) and idle (blue) shares as a bar and in words, and the level. */
function StatusShares({ id }: { id: string }) {
  const key = useEngineRun((s) => sharesKey(s, id));
  if (!key) return null;
  const [busy, backpressured, idle, level] = key.split('|');
  const shares = { busy: Number(busy), backpressured: Number(backpressured), idle: Number(idle), level: level as 'OK' | 'LOW' | 'HIGH' };
  const state = flinkState(shares);
  return (
    <div className={`flink-status is-${state}`} data-flink-state={state} style={{ ['--flink-colour' as string]: flinkColour(shares) }}>
      <div className="flink-bar" aria-hidden="true">
        <span className="flink-busy" style={{ width: `${shares.busy}%` }} />
        <span className="flink-bp" style={{ width: `${shares.backpressured}%` }} />
        <span className="flink-idle" style={{ width: `${shares.idle}%` }} />
      </div>
      <div className="flink-figures" aria-label="Busy, back-pressured and idle time">
        <span className="fig-busy">busy {shares.busy}%</span>
        <span className="fig-bp">bp {shares.backpressured}%</span>
        <span className="fig-idle">idle {shares.idle}%</span>
        <span className={`bp-level bp-${shares.level}`} title="Back pressure level (Flink: OK ≤ 10 %, LOW ≤ 50 %, HIGH above)">{shares.level}</span>
      </div>
    </div>
  );
}

function Partitions({ id }: { id: string }) {
  const parts = useEngineRun((s) => s.machinery.partitions[id]);
  const until = useEngineRun((s) => s.machinery.replayUntil[id]);
  if (!parts || parts.length === 0) return null;
  return (
    <ul className="op-partitions" aria-label="Partitions">
      {parts.map((p, i) => {
        const mark = until?.[i];
        const replaying = mark !== undefined && p.offset < mark;
        const total = Math.max(1, p.offset + p.lag, mark ?? 0);
        return (
          <li key={i} className={replaying ? 'is-replaying' : undefined} data-replaying={replaying ? 'true' : undefined}>
            <span className="part-name">p{i}</span>
            <span>offset {p.offset}</span>
            <span>lag {p.lag}</span>
            <span>wm {formatWatermark(p.watermarkMs)}</span>
            <span className="offset-track" aria-hidden="true">
              <span className="offset-read" style={{ width: `${(100 * p.offset) / total}%` }} />
              {mark !== undefined && <span className="offset-before" style={{ left: `${(100 * mark) / total}%` }} />}
            </span>
            {replaying && <span className="replay-note">replaying to {mark}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function Channels({ id }: { id: string }) {
  const ch = useEngineRun((s) => s.machinery.channels[id]);
  if (!ch || ch.inputs.length < 2) return null;
  const held = ch.minIndex === null ? null : ch.inputs[ch.minIndex];
  return (
    <ul className="op-channels" aria-label="Input channels">
      {ch.inputs.map((c, i) => {
        const isMin = i === ch.minIndex;
        return (
          <li key={i} className={c.idle ? 'is-idle' : isMin ? 'is-min' : undefined} data-channel-state={c.idle ? 'idle' : isMin ? 'min' : 'active'}>
            <span className="chan-name">← {c.from} #{c.lane}</span>
            <span>wm {formatWatermark(c.watermarkMs)}</span>
            {c.idle ? <span className="chan-tag">idle, left out</span> : isMin ? <span className="chan-tag">min</span> : null}
          </li>
        );
      })}
      {held && <li className="chan-holds">{held.from} #{held.lane} holds the watermark back</li>}
    </ul>
  );
}

function CheckpointPart({ id }: { id: string }) {
  const n = useEngineRun((s) => s.machinery.nodes[id]);
  if (!n) return null;
  const what = `${n.savepoint ? 'savepoint' : 'checkpoint'} ${n.id}`;
  let text: string;
  let state: string;
  if (n.completedAtMs !== null) {
    text = `${what} complete`;
    state = 'complete';
  } else if (n.ackedAtMs !== null) {
    text = `${what}: snapshot taken, acknowledged${n.inflightRecords > 0 ? ` with ${n.inflightRecords} in-flight records` : ''}`;
    state = 'acknowledged';
  } else if (n.snapshotAtMs !== null) {
    text = `${what}: snapshot taken${n.unaligned ? ', storing overtaken records' : ''}`;
    state = 'snapshot';
  } else if (n.blocked.length > 0) {
    text = `${what}: aligning, ${n.blocked.map((b) => `${b.from} #${b.channel}`).join(', ')} blocked`;
    state = 'aligning';
  } else {
    text = `${what}: barrier arrived`;
    state = 'arrived';
  }
  return <div className={`op-checkpoint is-${state} ${n.savepoint ? 'is-savepoint' : ''}`} data-checkpoint-state={state} role="status">{text}</div>;
}

const txnText = (s: RunData, id: string): string => {
  const pre = s.machinery.precommitted[id];
  if (!pre) return '';
  const outcome = s.txns[id]?.[pre.txn];
  if (!outcome) return `txn ${pre.txn} pre-committed at barrier ${pre.checkpointId}`;
  return outcome.committed ? `txn ${pre.txn} committed: visible to read-committed readers` : `txn ${pre.txn} aborted`;
};

function SinkTransaction({ id }: { id: string }) {
  const text = useEngineRun((s) => txnText(s, id));
  if (!text) return null;
  return <div className={`op-txn ${text.includes('committed:') ? 'is-committed' : text.includes('aborted') ? 'is-aborted' : 'is-precommitted'}`}>{text}</div>;
}

/** How long after a restore the nodes say what was restored. */
const RESTORE_NOTE_MS = 4000;

const stateful = new Set<NodeKind>(['window', 'dedup', 'join']);

const failureText = (s: RunData, id: string, kind: NodeKind): string => {
  if (s.failedAtMs !== null) {
    const last = s.crashes[s.crashes.length - 1];
    if (last && (last.node === id || last.node === null)) return 'failed|task failed: its state is gone';
    return kind === 'source' || stateful.has(kind) ? 'failed|stopped: state gone' : '';
  }
  const f = s.failures[s.failures.length - 1];
  if (!f || f.resumedAtMs === null || s.nowMs - f.resumedAtMs > RESTORE_NOTE_MS) return '';
  const rerun = typeof f.rerunBatchId === 'number' ? f.rerunBatchId : null;
  if (rerun !== null) return kind === 'source' || stateful.has(kind) ? `restored|re-running batch ${rerun} with the same offsets` : '';
  const from = f.restoredFrom === null ? null : `checkpoint ${f.restoredFrom}`;
  if (kind === 'source') return `restored|offsets rewound to ${from ?? 'the beginning'}`;
  if (stateful.has(kind)) return `restored|${from ? `state reloaded from ${from}` : 'no checkpoint: state empty'}`;
  return '';
};

function FailureBadge({ id, kind }: Props) {
  const key = useEngineRun((s) => failureText(s, id, kind));
  if (!key) return null;
  const [state, text] = key.split('|');
  return <div className={`op-failure is-${state}`} data-failure={state} role="status">{state === 'failed' ? '✕ ' : '↺ '}{text}</div>;
}

