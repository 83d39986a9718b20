// A horizontal processing-time track: bars (batches, checkpoints) and marks (failures, restores).
export type TrackBar = { key: string | number; startMs: number; endMs: number; className?: string; title: string };
export type TrackMark = { key: string | number; atMs: number; className: string; title: string };
/** What a colour on the track means: a bar's or a mark's class, and the words for it. */
export type LegendItem = { shape: 'bar' | 'mark'; className: string; text: string; color: string };

/** The swatches sit in the text, not on the track. */
const swatch = { bar: { display: 'inline-block', width: 16, height: 10, verticalAlign: 'middle', marginRight: 4 }, mark: { display: 'inline-block', width: 3, height: 12, verticalAlign: 'middle', marginRight: 4 } } as const;

/** A legend for a track: only the kinds that are on it. */
export function TrackLegend({ label, items }: { label: string; items: LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="track-legend" aria-label={`${label} legend`} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.3rem 1rem', listStyle: 'none', padding: 0, margin: '0.25rem 0', fontSize: 12 }}>
      {items.map((i) => (
        <li key={`${i.shape}-${i.className}`}>
          {/* The track's colours, not its classes: a swatch is no bar or mark of the track. */}
          <span aria-hidden="true" className="legend-swatch" style={{ ...swatch[i.shape], background: i.color }} />
          {i.text}
        </li>
      ))}
    </ul>
  );
}

export function TimeTrack({ label, endMs, bars, marks = [] }: { label: string; endMs: number; bars: TrackBar[]; marks?: TrackMark[] }) {
  const span = Math.max(1, endMs);
  const pct = (ms: number) => `${Math.min(100, (100 * ms) / span)}%`;
  return (
    <div className="time-track" role="img" aria-label={`${label}: ${bars.length} bars, ${marks.length} marks`}>
      {bars.map((b) => (
        <div key={b.key} className={`track-bar ${b.className ?? ''}`} title={b.title}
          style={{ left: pct(b.startMs), width: `max(3px, ${pct(Math.max(0, b.endMs - b.startMs))})` }} />
      ))}
      {marks.map((m) => (
        <div key={m.key} className={`track-mark ${m.className}`} title={m.title} style={{ left: pct(m.atMs) }} />
      ))}
    </div>
  );
}
