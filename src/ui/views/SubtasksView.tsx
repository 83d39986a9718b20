// The Subtasks tab (issue 11). Dataflow: the subtasks of the node selected on the canvas, each
// with its records, its time busy / back-pressured / idle (ms and share, Flink's colours), its
// watermark and, on a source, the partitions it reads; and Flink's data-skew score over their
// records. Micro-batch: the tasks of each stateful stage of one batch (the latest unless another is
// picked), the straggler marked, and how much longer the stage took than its median task.
import { useState } from 'react';
import type { SubtaskEntry } from '../../model/index.ts';
import { useEditor } from '../editor/store.ts';
import { formatMs, formatWatermark } from '../lib/format.ts';
import { useEngineMode, useEngineRun } from '../run/runStore.ts';
import '../nodes/machinery.css';
import './subtasks.css';
import { describeSkew, sharesOf, skewScore, stagesOf, stretchOf } from './subtaskStats.ts';
import type { StageTasks } from './subtaskStats.ts';

const pct = (n: number) => `${Math.round(n)} %`;

export function SubtasksView() {
  return useEngineMode() === 'microbatch' ? <BatchTasks /> : <NodeSubtasks />;
}

/** The selected node's id and title, or null (none, or several selected). */
function useSelectedNode(): { id: string; title: string } | null {
  const key = useEditor((s) => {
    if (s.selection.length !== 1) return '';
    const node = s.job.nodes.find((n) => n.id === s.selection[0]);
    return node ? `${node.id}\u0000${node.label ?? ''}` : '';
  });
  if (key === '') return null;
  const [id, label] = key.split('\u0000') as [string, string];
  return { id, title: label ? `${label} (${id})` : id };
}

function NodeSubtasks() {
  const node = useSelectedNode();
  const parallel = useEditor((s) => s.job.nodes.filter((n) => (n.parallelism ?? 1) > 1).map((n) => n.id).join(', '));
  const subtasks = useEngineRun((s) => (node ? s.subtasks[node.id] : undefined));
  const hint = parallel ? ` Nodes with more than one subtask: ${parallel}.` : ' No node has a parallelism above 1.';
  if (!node) return <p className="muted">Select a node on the canvas to see its subtasks.{hint}</p>;
  if (!subtasks || subtasks.length === 0) return <p className="muted">No subtasks of {node.title} sampled yet: they are sampled every second while the job runs.</p>;
  return (
    <div className="subtasks">
      <p className="view-summary">
        Subtasks of <strong>{node.title}</strong>: {subtasks.length}, over the run so far.
      </p>
      {subtasks.length === 1 ? (
        <p className="muted">It runs as one subtask, so there is no skew to measure: set its parallelism above 1 in the inspector to split its records by key.{hint}</p>
      ) : (
        <SkewScore subtasks={subtasks} />
      )}
      <SubtaskTable subtasks={subtasks} />
      <div className="legend" role="group" aria-label="Subtask time legend">
        <span className="legend-item"><span className="legend-swatch is-busy" aria-hidden="true" />busy</span>
        <span className="legend-item"><span className="legend-swatch is-backpressured" aria-hidden="true" />back-pressured</span>
        <span className="legend-item"><span className="legend-swatch is-idle" aria-hidden="true" />idle</span>
      </div>
    </div>
  );
}

function SkewScore({ subtasks }: { subtasks: readonly SubtaskEntry[] }) {
  const score = skewScore(subtasks.map((s) => s.records));
  if (score === null) return <p className="muted">Data skew: no records yet.</p>;
  return (
    <p className="st-skew">
      Data skew <strong className="st-score">{pct(score)}</strong>: {describeSkew(score, subtasks.length)}.{' '}
      <span className="muted">(Flink’s data-skew score: how far the subtask with the most records is above the mean, (max − mean) / mean; at most {pct((subtasks.length - 1) * 100)} with {subtasks.length} subtasks.)</span>
    </p>
  );
}

function SubtaskTable({ subtasks }: { subtasks: readonly SubtaskEntry[] }) {
  const withPartitions = subtasks.some((s) => s.partitions !== undefined);
  const max = Math.max(...subtasks.map((s) => s.records));
  const busiest = subtasks.length > 1 && max > 0 ? subtasks.find((s) => s.records === max)!.index : null;
  return (
    <table className="data-table st-table">
      <caption className="sr-only">Subtasks</caption>
      <thead>
        <tr>
          <th scope="col">subtask</th><th scope="col">records</th><th scope="col">busy</th><th scope="col">back-pressured</th><th scope="col">idle</th>
          <th scope="col">time</th><th scope="col">watermark</th>{withPartitions && <th scope="col">partitions</th>}
        </tr>
      </thead>
      <tbody>
        {subtasks.map((s) => {
          const sh = sharesOf(s);
          const hot = s.index === busiest;
          return (
            <tr key={s.index} className={hot ? 'st-busiest' : undefined}>
              <th scope="row">#{s.index}{hot && <span className="st-tag"> busiest</span>}</th>
              <td>{s.records}</td>
              <td className="fig-busy">{formatMs(s.busyMs)} ({pct(sh.busy)})</td>
              <td className="fig-bp">{formatMs(s.backpressuredMs)} ({pct(sh.backpressured)})</td>
              <td className="fig-idle">{formatMs(s.idleMs)} ({pct(sh.idle)})</td>
              <td>
                <span className="st-bar" role="img" aria-label={`subtask ${s.index}: busy ${pct(sh.busy)}, back-pressured ${pct(sh.backpressured)}, idle ${pct(sh.idle)}`}>
                  <span className="flink-busy" style={{ width: `${sh.busy}%` }} />
                  <span className="flink-bp" style={{ width: `${sh.backpressured}%` }} />
                  <span className="flink-idle" style={{ width: `${sh.idle}%` }} />
                </span>
              </td>
              <td>{formatWatermark(s.watermarkMs)}</td>
              {withPartitions && <td>{s.partitions ? s.partitions.join(', ') || '—' : '—'}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function BatchTasks() {
  const batches = useEngineRun((s) => s.batches);
  const partitions = useEditor((s) => s.job.settings.microbatch.shufflePartitions);
  const [chosen, setChosen] = useState<number | null>(null);
  const done = batches.filter((b) => b.status !== 'failed');
  if (done.length === 0) return <p className="muted">No batches yet: the tasks of each batch’s stateful stages appear when it ends.</p>;
  const batch = done.find((b) => b.batchId === chosen) ?? done[done.length - 1]!;
  const stages = stagesOf(batch);
  return (
    <div className="subtasks">
      <p className="view-summary">
        <label>
          Tasks of batch{' '}
          <select aria-label="Batch" value={batch.batchId} onChange={(e) => setChosen(Number(e.target.value))}>
            {done.slice(-100).map((b) => <option key={`${b.batchId}-${b.startMs}`} value={b.batchId}>{b.batchId}</option>)}
          </select>
        </label>{' '}
        ({chosen === null ? 'the latest' : 'picked'}; {formatMs(batch.endMs - batch.startMs)}, {batch.inputRecords} records). Each stateful stage runs as {partitions} shuffle {partitions === 1 ? 'task' : 'tasks'} (shufflePartitions); a stage ends when its slowest task ends.
      </p>
      {stages.length === 0 ? (
        <p className="muted">This batch has no stateful stage (aggregation, deduplication or join), so it has no shuffle tasks.</p>
      ) : stages.map((s) => <StageTable key={s.stage} stage={s} />)}
      {partitions === 1 && <p className="muted">With shufflePartitions 1 every stage is one task; set settings.microbatch.shufflePartitions above 1 to see how rows spread across tasks.</p>}
    </div>
  );
}

function StageTable({ stage }: { stage: StageTasks }) {
  const { ratio, extraMs } = stretchOf(stage);
  const many = stage.tasks.length > 1;
  return (
    <section className="st-stage" aria-label={`Stage ${stage.stage}`}>
      <p>
        Stage <strong>{stage.stage}</strong>:{' '}
        {many ? (
          <>
            straggler task {stage.straggler} took {formatMs(stage.maxMs)}, the median task {formatMs(stage.medianMs)}
            {ratio !== null ? <>: <strong className="st-stretch">{ratio.toFixed(1)}× the median</strong>, the stage took {formatMs(extraMs)} longer than its median task</> : <>: the other tasks had almost nothing to do</>}.
          </>
        ) : <>one task, {formatMs(stage.maxMs)}.</>}
      </p>
      <table className="data-table st-table">
        <caption className="sr-only">Tasks of stage {stage.stage}</caption>
        <thead><tr><th scope="col">task (partition)</th><th scope="col">rows</th><th scope="col">duration</th><th scope="col">time</th></tr></thead>
        <tbody>
          {stage.tasks.map((t) => {
            const straggler = many && t.partition === stage.straggler;
            return (
              <tr key={t.partition} className={straggler ? 'st-busiest' : undefined}>
                <th scope="row">{t.partition}{straggler && <span className="st-tag"> straggler</span>}</th>
                <td>{t.rows}</td>
                <td>{formatMs(t.durationMs)}</td>
                <td>
                  <span className="st-bar" role="img" aria-label={`task ${t.partition}: ${formatMs(t.durationMs)}`}>
                    <span className="flink-busy" style={{ width: `${stage.maxMs > 0 ? (100 * t.durationMs) / stage.maxMs : 0}%` }} />
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
