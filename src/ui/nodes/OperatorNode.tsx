// The body every operator node shares: title, one-line summary, live watermark and counts, the
// first problem, and the handles of its kind (a distinct `late` output on window and dropLate,
// `left`/`right` inputs on join). Each node subscribes to its own slice of the stores only.
// Zoomed out so far that the numbers could not be read, a node shows its status alone (the level of
// detail React Flow's "contextual zoom" example shows): a big graph then updates no text at all.
import { Handle, Position, useStore } from '@xyflow/react';
import type { NodeKind } from '../../model/index.ts';
import { inputPortsOf, kindTitles, outputPortsOf } from '../editor/defaults.ts';
import { useEditor } from '../editor/store.ts';
import { formatWatermark } from '../lib/format.ts';
import type { RunData } from '../../telemetry/reduceFacts.ts';
import { useEngineRun, useEngineMode } from '../run/runStore.ts';
import { NodeMachinery } from './NodeMachinery.tsx';
import { SubtaskStrip } from './SubtaskStrip.tsx';
import { describeStatus, statusOf } from './status.ts';
import { recordsOut, summarize } from './summary.ts';

type Props = { id: string; kind: NodeKind; params: unknown; label?: string; selected: boolean };

export function OperatorNode({ id, kind, params, label, selected }: Props) {
  const problem = useEditor((s) => s.problems.find((p) => p.nodeId === id && p.severity === 'error')?.message ?? null);
  const warning = useEditor((s) => s.problems.find((p) => p.nodeId === id)?.message ?? null);
  const inputs = inputPortsOf(kind);
  const outputs = outputPortsOf(kind);
  const mode = useEngineMode();
  const cls = ['op', `op-${kind}`, selected ? 'is-selected' : '', problem ? 'has-error' : warning ? 'has-warning' : ''];
  return (
    <div className={cls.join(' ')}>
      {inputs.map((port, i) => (
        <Handle key={port} type="target" position={Position.Left} id={port} style={{ top: spread(i, inputs.length) }}>
          {port !== 'in' && <span className="handle-label handle-label-in">{port}</span>}
        </Handle>
      ))}
      <div className="op-head">
        <span className="op-kind">{kindTitles[kind]}</span>
        <span className="op-name">{label || id}</span>
      </div>
      <div className="op-summary">{summarize(kind, params, mode)}</div>
      <NodeStats id={id} kind={kind} />
      <SubtaskStrip id={id} />
      {(problem ?? warning) && <div className="op-problem" role="note">{problem ?? warning}</div>}
      <NumericWarnings id={id} />
      {outputs.map((port, i) => (
        <Handle
          key={port}
          type="source"
          position={Position.Right}
          id={port}
          className={port === 'late' ? 'handle-late' : undefined}
          style={{ top: spread(i, outputs.length) }}
        >
          {port === 'late' && <span className="handle-label">late</span>}
        </Handle>
      ))}
    </div>
  );
}

/** Divisions by zero, Infinity, bad timestamps this node met in the run (engine/faults.ts). */
function NumericWarnings({ id }: { id: string }) {
  const text = useEngineRun((s) => {
    const byKind = s.nodeWarnings?.[id];
    return byKind ? Object.values(byKind).join('\n') : null;
  });
  if (text === null) return null;
  return (
    <div className="op-problem op-numeric-warning" role="note" aria-label="Numeric warnings" title={text}>
      ⚠ {text.split('\n')[0]}
    </div>
  );
}

const spread = (i: number, n: number) => `${((i + 1) * 100) / (n + 1)}%`;

/** Below this zoom the live numbers are not drawn. */
export const DETAIL_ZOOM = 0.45;

function NodeStats({ id, kind }: { id: string; kind: NodeKind }) {
  const detailed = useStore((s) => s.transform[2] >= DETAIL_ZOOM);
  return detailed ? <NodeLive id={id} kind={kind} /> : <NodeStatusOnly id={id} />;
}

/**
 * The status and its description are worked out in the selectors, so a new metrics sample (every
 * simulated second; hundreds a second in fast-forward) re-renders a node only if what it shows
 * changed.
 */
const statusIn = (s: RunData, id: string) => statusOf(s.samples[id], s.failedAtMs !== null, s.counts[id] !== undefined);
const titleIn = (s: RunData, id: string) => describeStatus(statusIn(s, id), s.samples[id]);

function NodeStatusOnly({ id }: { id: string }) {
  const status = useEngineRun((s) => statusIn(s, id));
  const title = useEngineRun((s) => titleIn(s, id));
  return (
    <div className="op-live">
      <span className={`op-status op-status-${status}`} title={title} />
      <span className="op-zoom-hint">{status}</span>
    </div>
  );
}

function NodeLive({ id, kind }: { id: string; kind: NodeKind }) {
  const watermark = useEngineRun((s) => s.watermarks[id]);
  const counts = useEngineRun((s) => s.counts[id]);
  // Records per output, not per edge: a record sent along two edges is one record read or emitted.
  const out = useEngineRun((s) => recordsOut(s.flows, id));
  const sinkRows = useEngineRun((s) => (kind === 'sink' ? (s.sinks[id]?.length ?? 0) : 0));
  const status = useEngineRun((s) => statusIn(s, id));
  const title = useEngineRun((s) => titleIn(s, id));
  const countsText = [
    kind === 'sink' ? `${sinkRows} written` : counts ? `${out} ${kind === 'source' ? 'read' : 'out'}` : '',
    counts && counts.late > 0 ? `${counts.late} late` : '',
    counts && counts.fired > 0 ? `${counts.fired} fired` : '',
  ].filter(Boolean).join(' · ');
  return (
    <div className="op-live">
      <span className={`op-status op-status-${status}`} title={title} />
      <span className="op-wm-label" aria-hidden="true">wm</span>
      <output className="op-wm" aria-label="Watermark" aria-live="off">
        {formatWatermark(watermark)}
      </output>
      <span className="op-counts" title={countsText || undefined}>{countsText}</span>
      <NodeMachinery id={id} kind={kind} />
    </div>
  );
}
