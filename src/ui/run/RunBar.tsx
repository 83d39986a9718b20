// Run controls: Play/Pause, Step, Reset, Speed, Mode, the processing-time clock, and the line that
// narrates the last significant fact.
import type { Mode } from '../../model/index.ts';
import type { RunMode } from '../../worker/api.ts';
import { useEditor } from '../editor/store.ts';
import { runModeOf } from '../editor/viewSlice.ts';
import { formatClock } from '../lib/format.ts';
import { runController } from './runController.ts';
import { engineNames } from './engineNames.ts';
import { contextOf, explain, waitingLine } from './explain.ts';
import { heldBackSentence } from './heldBack.ts';
import type { ExplainContext } from './explain.ts';
import { FaultButtons } from './FaultButtons.tsx';
import { Timeline } from './Timeline.tsx';
import { FAST_FORWARD } from './player.ts';
import { engineRuns, useRun } from './runStore.ts';

const speeds: [number, string][] = [
  [0.1, '0.1×'], [0.25, '0.25×'], [0.5, '0.5×'], [1, '1×'], [2, '2×'], [5, '5×'], [10, '10×'], [FAST_FORWARD, 'Fast-forward'],
];

export function RunBar() {
  const phase = useRun((s) => s.phase);
  const speed = useRun((s) => s.speed);
  const view = useEditor(runModeOf);
  const playing = phase === 'playing';
  const canRun = phase === 'ready' || phase === 'paused';
  return (
    <div className="runbar" role="toolbar" aria-label="Run controls">
      {playing ? (
        <button type="button" className="primary" onClick={() => runController.pause()}>Pause</button>
      ) : (
        <button type="button" className="primary" onClick={() => runController.play()} disabled={!canRun}>Play</button>
      )}
      <button type="button" onClick={() => void runController.step()} disabled={!canRun && !playing}>Step</button>
      <button type="button" onClick={() => void runController.nextEvent()} disabled={!canRun && !playing}
        title="Skip idle processing time: run on to the next event that changes something shown">Next event</button>
      <button type="button" onClick={() => void runController.reset()} disabled={phase === 'idle' || phase === 'invalid' || phase === 'loading'}>Reset</button>
      <label className="inline-field">
        <span>Speed</span>
        <select aria-label="Speed" value={String(speed)} onChange={(e) => runController.setSpeed(Number(e.target.value))}>
          {speeds.map(([v, text]) => <option key={text} value={String(v)}>{text}</option>)}
        </select>
      </label>
      <label className="inline-field">
        <span>Mode</span>
        <select aria-label="Mode" value={view} onChange={(e) => useEditor.getState().setView(e.target.value as RunMode)}>
          <option value="microbatch">Micro-batch</option>
          <option value="dataflow">Dataflow</option>
          <option value="compare">Compare</option>
        </select>
      </label>
      <FaultButtons />
      <Timeline />
      <Clock />
      <PhaseBadge />
    </div>
  );
}

function Clock() {
  const clockMs = useRun((s) => s.clockMs);
  return (
    <span className="clock">
      <span className="clock-label" aria-hidden="true">processing time</span>
      <output aria-label="Processing time" aria-live="off">{formatClock(clockMs)}</output>
    </span>
  );
}

function PhaseBadge() {
  const phase = useRun((s) => s.phase);
  return <span className={`phase phase-${phase}`}>{phase}</span>;
}

export { engineNames };

/** The narration of the last significant thing: one line, or one per engine in compare mode. */
export function ExplanationLine() {
  const message = useRun((s) => s.message);
  const phase = useRun((s) => s.phase);
  const stepNote = useRun((s) => s.stepNote);
  const view = useEditor(runModeOf);
  const sparkQuiet = engineRuns.microbatch((s) => s.lastSignificant === null);
  const flinkQuiet = engineRuns.dataflow((s) => s.lastSignificant === null);
  const quiet = sparkQuiet && flinkQuiet; // nothing to tell yet: one line, not the same line twice
  const alert = phase === 'error' || phase === 'invalid';
  if (message && alert) return <p className="explanation is-alert" role="alert">{message}</p>;
  if (stepNote) return <p className="explanation" role="status" aria-label="Narration">{stepNote}</p>;
  if (view !== 'compare' || quiet) return <p className="explanation" role="status" aria-label="Narration"><Narrated mode={view === 'compare' ? 'dataflow' : view} fallback={message} /></p>;
  return (
    <div className="explanation is-compare" role="status" aria-label="Narration">
      {(['microbatch', 'dataflow'] as const).map((m) => (
        <p key={m}><strong className={`engine-tag engine-${m}`}>{engineNames[m]}</strong> <Narrated mode={m} fallback={message} /></p>
      ))}
    </div>
  );
}

function Narrated({ mode, fallback }: { mode: Mode; fallback: string | null }) {
  const narration = engineRuns[mode]((s) => s.lastSignificant);
  const nodes = useEditor((s) => s.job.nodes);
  const clockMs = useRun((s) => s.clockMs);
  const started = useRun((s) => s.phase !== 'ready' && s.phase !== 'idle' && s.phase !== 'loading');
  const flows = engineRuns[mode]((s) => s.flows);
  const currentBatch = engineRuns[mode]((s) => s.currentBatch);
  if (!narration && fallback) return <>{fallback}</>;
  const ctx: ExplainContext = contextOf({ nodes });
  // Before anything worth narrating, say what is true of the run so far, never the stale hint.
  // Which input holds a window's watermark back, when none has fired (input channels, §2.2).
  const held = engineRuns[mode]((s) => heldBackSentence(s, nodes.filter((n) => n.kind === 'window').map((n) => n.id)));
  return <>{narration ? explain(narration, ctx) : waitingLine({ flows, currentBatch }, clockMs, started, mode, ctx)}{held ? ` ${held}` : ''}</>;
}
