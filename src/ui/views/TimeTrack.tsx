// A horizontal processing-time track: bars (batches, checkpoints) and marks (failures, restores).
export type TrackBar = { key: string | number; startMs: number; endMs: number; className?: string; title: string };
export type TrackMark = { key: string | number; atMs: number; className: string; title: string };

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
