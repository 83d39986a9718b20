// The window operator: assigner, aggregates, trigger, allowed lateness and late side output.
import { DurationInput, NumberInput, Select, TextInput } from '../fields.tsx';
import { useParamsPatch, withPatch } from './patch.ts';
import type { AnyParams, ParamsEditorProps } from './patch.ts';
import { AggregateList } from './AggregateList.tsx';

const assignerDefaults: Record<string, AnyParams> = {
  tumbling: { kind: 'tumbling', sizeMs: 10_000 },
  sliding: { kind: 'sliding', sizeMs: 10_000, slideMs: 5_000 },
  session: { kind: 'session', gapMs: 3_000 },
  global: { kind: 'global' },
};

export function WindowParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  const a: AnyParams = params.assigner ?? assignerDefaults.tumbling;
  const setA = (patch: AnyParams) => set({ assigner: withPatch(a, patch) });
  return (
    <>
      <fieldset>
        <legend>Windows</legend>
        <Select label="Assigner" value={a.kind} options={['tumbling', 'sliding', 'session', 'global'] as const}
          onChange={(kind) => set({ assigner: { ...assignerDefaults[kind], time: a.time } })} />
        {(a.kind === 'tumbling' || a.kind === 'sliding') && <DurationInput label="Size" value={a.sizeMs} onChange={(v) => setA({ sizeMs: v })} />}
        {a.kind === 'sliding' && <DurationInput label="Slide" value={a.slideMs} onChange={(v) => setA({ slideMs: v })} />}
        {a.kind === 'session' && <DurationInput label="Gap" value={a.gapMs} onChange={(v) => setA({ gapMs: v })} />}
        <Select label="Time" value={a.time ?? 'event'} options={[['event', 'event time'], ['processing', 'processing time']] as const}
          onChange={(t) => setA({ time: t === 'event' ? undefined : t })} />
      </fieldset>
      <AggregateList value={params.aggregate} onChange={(aggregate) => set({ aggregate })} />
      <TriggerEditor value={params.trigger} onChange={(trigger) => set({ trigger })} />
      <fieldset>
        <legend>Lateness</legend>
        <DurationInput label="Allowed lateness" value={params.allowedLatenessMs ?? 0} onChange={(v) => set({ allowedLatenessMs: v })} />
        <TextInput label="Late side output" mono value={params.lateOutput} placeholder="none: drop late records"
          onChange={(v) => set({ lateOutput: v || undefined })} hint="Dataflow routes late records here; micro-batch drops them." />
      </fieldset>
    </>
  );
}

function TriggerEditor({ value, onChange }: { value: AnyParams | undefined; onChange: (t: AnyParams | undefined) => void }) {
  const t: AnyParams = value ?? { kind: 'eventTime' };
  const set = (patch: AnyParams) => onChange(withPatch(t, patch));
  return (
    <fieldset>
      <legend>Trigger (dataflow)</legend>
      <Select label="Trigger" value={t.kind} options={[['eventTime', 'event time (default)'], ['processingTime', 'processing time'], ['count', 'count']] as const}
        onChange={(kind) => onChange(kind === 'eventTime' ? undefined : kind === 'count' ? { kind, count: 3 } : { kind })} />
      {t.kind === 'count' && <NumberInput label="Count" min={1} value={t.count} onChange={(v) => set({ count: v })} />}
      {t.kind === 'eventTime' && (
        <>
          <Select label="Early firings" value={t.early?.kind ?? 'none'}
            options={[['none', 'none'], ['processingTimeDelay', 'after a processing-time delay'], ['processingTimeInterval', 'every processing-time interval'], ['eventTimeInterval', 'every event-time interval']] as const}
            onChange={(k) => set({ early: k === 'none' ? undefined : k === 'processingTimeDelay' ? { kind: k, delayMs: 5000 } : { kind: k, intervalMs: 5000 } })} />
          {t.early && (
            <DurationInput label={t.early.kind === 'processingTimeDelay' ? 'Early delay' : 'Early interval'}
              value={t.early.delayMs ?? t.early.intervalMs}
              onChange={(v) => set({ early: t.early.kind === 'processingTimeDelay' ? { ...t.early, delayMs: v } : { ...t.early, intervalMs: v } })} />
          )}
          <NumberInput label="Late firing every N late elements" min={1} placeholder="every element" value={t.late?.count}
            onChange={(v) => set({ late: v ? { kind: 'count', count: v } : undefined })} />
        </>
      )}
      <Select label="Accumulation" value={t.accumulation ?? 'accumulating'} options={['accumulating', 'discarding'] as const}
        onChange={(v) => set({ accumulation: v === 'accumulating' ? undefined : v })} />
    </fieldset>
  );
}
