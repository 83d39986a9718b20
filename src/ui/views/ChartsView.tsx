// Charts of the run (recharts, loaded only when this tab opens), refreshed four times a second.
import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useEditor } from '../editor/store.ts';
import { engineRuns, useEngineMode } from '../run/runStore.ts';
import { chartSeries, rateNames } from './chartSeries.ts';
import type { Point } from './chartSeries.ts';

const REFRESH_MS = 250;

export default function ChartsView() {
  const [points, setPoints] = useState<Point[]>([]);
  const mode = useEngineMode();
  useEffect(() => {
    const update = () => setPoints(chartSeries(useEditor.getState().job, mode, engineRuns[mode].getState()));
    update();
    const timer = setInterval(update, REFRESH_MS);
    return () => clearInterval(timer);
  }, [mode]);
  const names = rateNames(mode);
  if (points.length === 0) return <p className="muted">Charts fill in as the job runs (metrics samples in dataflow, batches in micro-batch).</p>;
  return (
    <div className="charts">
      <Chart title="Records per second" points={points} lines={[['inputPerS', names.input, '#2f7d6d'], ['outputPerS', names.output, '#2458c6']]} />
      <Chart title="Lag" points={points} lines={[['watermarkLagS', 'watermark lag (s)', '#7b5cc4'], ['sourceLag', 'source lag (records)', '#8a6100']]} />
      <Chart title="Late records (total)" points={points} lines={[['late', 'late', '#b45309']]} />
    </div>
  );
}

function Chart({ title, points, lines }: { title: string; points: Point[]; lines: [keyof Point, string, string][] }) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 4, right: 12, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="#eef0f3" />
          <XAxis dataKey="atS" type="number" domain={[0, 'dataMax']} unit=" s" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
          <Tooltip isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {lines.map(([key, name, color]) => (
            <Line key={key} dataKey={key} name={name} stroke={color} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
