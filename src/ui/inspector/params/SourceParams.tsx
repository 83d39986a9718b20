// The source: connector, partitions, and its input, either scripted records or a generator.
import { useState } from 'react';
import { defaultParams } from '../../editor/defaults.ts';
import { Checkbox, DurationInput, NumberInput, Select, TextInput } from '../fields.tsx';
import { useParamsPatch, withPatch } from './patch.ts';
import type { AnyParams, ParamsEditorProps } from './patch.ts';

export function SourceParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  const scripted = Array.isArray(params.records);
  return (
    <>
      <Select label="Connector" value={params.connector ?? 'kafka'} options={['kafka', 'socket', 'rate'] as const} onChange={(v) => set({ connector: v })} />
      <NumberInput label="Partitions" min={1} value={params.partitions ?? 1} onChange={(v) => set({ partitions: v })} />
      <Select label="Input" value={scripted ? 'records' : 'generator'} options={[['records', 'scripted records'], ['generator', 'generator']] as const}
        onChange={(v) => set(v === 'records'
          ? { records: [{ ts: 1000, at: 1200, key: 'a', value: 1 }], generator: undefined }
          : { records: undefined, generator: structuredClone(defaultParams.source.generator) })} />
      <Checkbox label="Bounded" checked={params.bounded !== false} onChange={(v) => set({ bounded: v ? undefined : false })}
        hint={params.bounded === false
          ? 'Unbounded: after its last record the source is idle, not finished (a Kafka source without setBounded); no end-of-input watermark, so its last windows stay open in both engines.'
          : 'Bounded: after its last record the source is finished; in dataflow it sends the end-of-input watermark (+∞), which fires every window still open. Spark has no such watermark.'} />
      {scripted ? <RecordsEditor id={id} records={params.records} onChange={(records) => set({ records })} />
        : <GeneratorEditor value={params.generator ?? {}} onChange={(generator) => set({ generator })} />}
    </>
  );
}

function RecordsEditor({ id, records, onChange }: { id: string; records: unknown[]; onChange: (r: unknown[]) => void }) {
  const text = records.map((r) => JSON.stringify(r)).join('\n');
  const [error, setError] = useState<string | null>(null);
  const apply = (value: string) => {
    try {
      const items = value.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
      setError(null);
      onChange(items);
    } catch (e) {
      setError(`not JSON: ${(e as Error).message}`);
    }
  };
  return (
    <div className="field">
      <label htmlFor={`${id}-records`}>Records (one JSON object per line: ts, at, key, value)</label>
      <textarea id={`${id}-records`} className="mono" rows={8} defaultValue={text} key={text} spellCheck={false}
        onBlur={(e) => apply(e.target.value)} aria-invalid={error ? true : undefined} />
      {error && <small className="field-error" role="alert">{error}</small>}
    </div>
  );
}

function GeneratorEditor({ value, onChange }: { value: AnyParams; onChange: (g: AnyParams) => void }) {
  const set = (patch: AnyParams) => onChange(withPatch(value, patch));
  const keys = Array.isArray(value.keys) ? value.keys.join(', ') : String(value.keys ?? '');
  const dist: AnyParams = value.value ?? { kind: 'constant', value: 1 };
  return (
    <fieldset>
      <legend>Generator</legend>
      <NumberInput label="Records per second" min={0} step={0.5} value={value.ratePerSec} onChange={(v) => set({ ratePerSec: v })} />
      <TextInput label="Keys (list, or a number N for k0…kN−1)" mono value={keys}
        onChange={(v) => set({ keys: /^\s*\d+\s*$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim()).filter(Boolean) })} />
      <Select label="Value" value={dist.kind} options={[['constant', 'constant'], ['uniform', 'uniform']] as const}
        onChange={(k) => set({ value: k === 'constant' ? { kind: k, value: 1 } : { kind: k, min: 1, max: 10 } })} />
      {dist.kind === 'constant'
        ? <NumberInput label="Constant value" value={dist.value} onChange={(v) => set({ value: { ...dist, value: v } })} />
        : <>
            <NumberInput label="Minimum" value={dist.min} onChange={(v) => set({ value: { ...dist, min: v } })} />
            <NumberInput label="Maximum" value={dist.max} onChange={(v) => set({ value: { ...dist, max: v } })} />
          </>}
      <DurationInput label="Max out-of-orderness" optional value={value.maxOutOfOrdernessMs} onChange={(v) => set({ maxOutOfOrdernessMs: v })} />
      <NumberInput label="Late fraction (0–1)" min={0} step={0.01} value={value.late?.fraction}
        onChange={(v) => set({ late: v === undefined ? undefined : { byMs: value.late?.byMs ?? 10_000, fraction: v } })} />
      {value.late && <DurationInput label="Late by" value={value.late.byMs} onChange={(v) => set({ late: { ...value.late, byMs: v ?? 0 } })} />}
      <DurationInput label="Start (event time)" optional value={value.startMs} onChange={(v) => set({ startMs: v })} />
      <DurationInput label="End (event time)" optional value={value.endMs} onChange={(v) => set({ endMs: v })} />
    </fieldset>
  );
}
