// Job settings: name, mode, and the settings of both engines (kept side by side, so switching the
// mode loses nothing).
import type { Settings } from '../../model/index.ts';
import { useEditor } from '../editor/store.ts';
import { FaultList } from './FaultList.tsx';
import { Checkbox, DurationInput, NumberInput, Select, TextInput } from './fields.tsx';
import type { AnyParams } from './params/patch.ts';
import { withPatch } from './params/patch.ts';

export function SettingsInspector() {
  // Narrow subscriptions: dragging a node changes the job's layout, which this panel does not show.
  const name = useEditor((st) => st.job.name);
  const mode = useEditor((st) => st.job.mode);
  const s = useEditor((st) => st.job.settings);
  const { updateSettings, updateJobMeta, setMode } = useEditor.getState();
  const mb = s.microbatch as AnyParams;
  const df = s.dataflow as AnyParams;
  const setMb = (patch: AnyParams) => updateSettings((x) => ({ ...x, microbatch: withPatch(x.microbatch, patch) as Settings['microbatch'] }));
  const setDf = (patch: AnyParams) => updateSettings((x) => ({ ...x, dataflow: withPatch(x.dataflow, patch) as Settings['dataflow'] }));
  const trig = mb.trigger as AnyParams;
  const cp = df.checkpointing as AnyParams | undefined;
  return (
    <form className="inspector-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="settings-title">
      <h2 className="panel-title" id="settings-title">Job settings</h2>
      <TextInput label="Name" value={name} onChange={(v) => updateJobMeta({ name: v })} />
      <Select label="Engine" value={mode} options={[['dataflow', 'Dataflow (Flink)'], ['microbatch', 'Micro-batch (Spark)']] as const} onChange={setMode} />
      <DurationInput label="Stop the run at" optional value={s.untilMs}
        onChange={(v) => updateSettings((x) => withPatch(x, { untilMs: v }) as Settings)} hint="Processing time. Empty: when scripted input has drained." />
      <NumberInput label="Seed" min={0} value={s.seed} onChange={(v) => updateSettings((x) => ({ ...x, seed: v ?? 1 }))} />
      <fieldset>
        <legend>Micro-batch (Spark)</legend>
        <Select label="Trigger" value={trig.kind} options={[['processingTime', 'processing time'], ['once', 'once'], ['availableNow', 'available now'], ['continuous', 'continuous']] as const}
          onChange={(kind) => setMb({ trigger: kind === 'processingTime' ? { kind, intervalMs: 1000 } : kind === 'continuous' ? { kind, checkpointIntervalMs: 1000 } : { kind } })} />
        {trig.kind === 'processingTime' && <DurationInput label="Trigger interval" value={trig.intervalMs} onChange={(v) => setMb({ trigger: { ...trig, intervalMs: v ?? 0 } })} hint="0: next batch as soon as the last ends" />}
        {trig.kind === 'continuous' && <DurationInput label="Checkpoint interval" value={trig.checkpointIntervalMs} onChange={(v) => setMb({ trigger: { ...trig, checkpointIntervalMs: v } })} />}
        <Select label="Output" hint="Spark's outputMode: which rows each batch emits" value={mb.outputMode} options={['append', 'update', 'complete'] as const} onChange={(v) => setMb({ outputMode: v })} />
        <NumberInput label="Max records per trigger" min={1} placeholder="no limit" value={mb.maxRecordsPerTrigger} onChange={(v) => setMb({ maxRecordsPerTrigger: v ?? null })} />
        <DurationInput label="Batch overhead" value={mb.batchOverheadMs} onChange={(v) => setMb({ batchOverheadMs: v ?? 0 })} />
      </fieldset>
      <fieldset>
        <legend>Dataflow (Flink)</legend>
        <DurationInput label="Periodic emit interval" hint="Flink's autoWatermarkInterval" value={df.autoWatermarkIntervalMs} onChange={(v) => setDf({ autoWatermarkIntervalMs: v ?? 0 })} />
        <NumberInput label="Buffer capacity (records per edge)" min={1} value={df.bufferCapacity} onChange={(v) => setDf({ bufferCapacity: v })} />
        <Checkbox label="Checkpointing" checked={!!cp}
          onChange={(on) => setDf({ checkpointing: on ? { intervalMs: 5000, mode: 'aligned', minPauseMs: 0, timeoutMs: 60000, maxConcurrent: 1, externalized: 'retain' } : undefined })} />
        {cp && (
          <>
            <DurationInput label="Checkpoint interval" value={cp.intervalMs} onChange={(v) => setDf({ checkpointing: { ...cp, intervalMs: v } })} />
            <Select label="Barrier alignment" value={cp.mode} options={['aligned', 'unaligned'] as const} onChange={(v) => setDf({ checkpointing: { ...cp, mode: v } })} />
          </>
        )}
        <Select label="Restart strategy" value={df.restart.kind} options={[['fixedDelay', 'fixed delay'], ['none', 'none']] as const}
          onChange={(kind) => setDf({ restart: { ...df.restart, kind } })} />
        {df.restart.kind === 'fixedDelay' && (
          <>
            <DurationInput label="Restart delay" value={df.restart.delayMs} onChange={(v) => setDf({ restart: { ...df.restart, delayMs: v ?? 0 } })} />
            <NumberInput label="Restart attempts" min={0} value={df.restart.attempts} onChange={(v) => setDf({ restart: { ...df.restart, attempts: v ?? 0 } })} />
          </>
        )}
      </fieldset>
      <FaultList />
    </form>
  );
}
