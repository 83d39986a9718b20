// The event-time figure's legend: every mark the figure draws, explained in words, with its count
// where a count tells something (late records and where they went).
import type { Mode } from '../../model/index.ts';

export type LegendFacts = {
  mode: Mode;
  stride: number;
  latenessMs: boolean;
  /** Late records by where they went: side-output names, and 'dropped'. */
  late: Record<string, number>;
  /** The window's side output for late records (dataflow), named even before any went there. */
  sideOutput: string | null;
  /** A window operator (bands and panes), or a drop-late one (records and watermark only). */
  windowed: boolean;
  /** Micro-batch without a watermark operator upstream: Spark has no watermark at all. */
  noWatermark: boolean;
  /** The run had a failure: the figure marks it and the restore. */
  failures?: boolean;
};

export function FigureLegend({ facts }: { facts: LegendFacts }) {
  const { mode, stride, late } = facts;
  const sideOutputs = Object.entries(late).filter(([to]) => to !== 'dropped');
  if (facts.sideOutput && !(facts.sideOutput in late)) sideOutputs.unshift([facts.sideOutput, 0]);
  const dropped = late.dropped ?? 0;
  return (
    <ul className="plot-legend" aria-label="Legend">
      <li><Swatch kind="dot" /> record at (event time, arrival){stride > 1 ? `, one per ${stride}` : ''}</li>
      {facts.noWatermark ? <li>no watermark: the job defines none for Spark</li>
        : <li><Swatch kind="watermark" /> watermark{mode === 'microbatch' ? ': the one each batch used' : ''}</li>}
      {!facts.windowed ? null : mode === 'dataflow' ? (
        <>
          <li><Swatch kind="band" /> window, filling until it fires</li>
          <li><Swatch kind="pane-early" /> early pane</li>
          <li><Swatch kind="pane-onTime" /> on-time pane</li>
          <li><Swatch kind="pane-late" /> late pane</li>
        </>
      ) : (
        <>
          <li><Swatch kind="band" /> window, filling until it fires</li>
          <li><Swatch kind="pane-batch" /> result written by a batch</li>
        </>
      )}
      {facts.windowed && <li className="plot-legend-note">numbers: the pane’s value, where it fired</li>}
      {facts.latenessMs && <li><Swatch kind="horizon" /> allowed-lateness horizon (state dropped)</li>}
      {mode === 'microbatch' && <li><Swatch kind="stripe" /> batches (processing time)</li>}
      {sideOutputs.map(([to, n]) => <li key={to}><Swatch kind="late" /> late → side output “{to}”: {n}</li>)}
      {(dropped > 0 || sideOutputs.length === 0) && <li><Swatch kind="dropped" /> late, dropped: {dropped}</li>}
      {facts.failures && <li><Swatch kind="crash" /> a task failed (its state is gone)</li>}
      {facts.failures && <li><Swatch kind="restore" /> the job resumed: {mode === 'dataflow' ? 'state and offsets from the last completed checkpoint' : 'the uncommitted batch runs again'}; records read again are above it</li>}
    </ul>
  );
}

/** A legend's sample of a mark: its own classes (sw-*), so that counting the figure's marks never counts the legend. */
function Swatch({ kind }: { kind: string }) {
  return (
    <svg className={`plot-swatch sw-${kind}`} width="22" height="12" viewBox="0 0 22 12" aria-hidden="true">
      {kind === 'dot' && <circle cx="11" cy="6" r="3.5" />}
      {kind === 'watermark' && <path d="M1,10 H8 V3 H21" />}
      {kind === 'band' && <rect x="2" y="1" width="18" height="10" />}
      {kind === 'stripe' && <rect x="0" y="1" width="22" height="10" />}
      {(kind === 'horizon' || kind.startsWith('pane-') || kind === 'crash' || kind === 'restore') && <path d="M1,6 H21" />}
      {(kind === 'late' || kind === 'dropped') && <path d="M7,2 l8,8 m0,-8 l-8,8" />}
    </svg>
  );
}
