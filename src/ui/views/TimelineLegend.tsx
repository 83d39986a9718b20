// What the marks and bars of a processing-time track mean: a failure (red mark), a restore (green
// mark), and per timeline its kinds of bars. Its own component, so each timeline can show it.
import './batchProgress.css';

type Entry = { className: string; text: string; mark?: boolean };

export function TimelineLegend({ label, entries }: { label: string; entries: Entry[] }) {
  return (
    <div className="timeline-legend" role="group" aria-label={label}>
      <span className="lg"><span className="lg-mark mark-failure" aria-hidden="true" />failure</span>
      <span className="lg"><span className="lg-mark mark-restore" aria-hidden="true" />restore</span>
      {entries.map((e) => (
        <span key={e.text} className="lg"><span className={`${e.mark ? 'lg-mark' : 'lg-bar'} ${e.className}`} aria-hidden="true" />{e.text}</span>
      ))}
    </div>
  );
}
