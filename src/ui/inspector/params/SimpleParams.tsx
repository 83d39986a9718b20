// Editors for the kinds with a few flat parameters.
import { sinkSummary } from '../../nodes/summary.ts';
import { DurationInput, Select, TextInput } from '../fields.tsx';
import { useParamsPatch } from './patch.ts';
import type { ParamsEditorProps } from './patch.ts';

export function WatermarkParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  return (
    <>
      <DurationInput label="Delay (max out-of-orderness)" value={params.delayMs} onChange={(v) => set({ delayMs: v ?? 0 })} />
      <DurationInput label="Idle timeout" optional value={params.idleTimeoutMs} onChange={(v) => set({ idleTimeoutMs: v })}
        hint="Inputs idle this long stop holding the watermark back (dataflow)." />
    </>
  );
}

export function FilterParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  return <TextInput label="Predicate (SQL)" mono value={params.predicate} onChange={(v) => set({ predicate: v })} placeholder="value > 0 AND key <> 'x'" />;
}

export function KeyByParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  return <TextInput label="Key field" mono value={params.key} onChange={(v) => set({ key: v })} />;
}

export function DropLateParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  return <TextInput label="Late side output" mono value={params.lateOutput} onChange={(v) => set({ lateOutput: v || undefined })}
    placeholder="none: drop late records" />;
}

export function DedupParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  const key = [params.key ?? []].flat().join(', ');
  return (
    <>
      <TextInput label="Key fields (comma-separated)" mono value={key} onChange={(v) => {
        const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
        set({ key: parts.length <= 1 ? (parts[0] ?? '') : parts });
      }} />
      <DurationInput label="Within (event time)" optional value={params.withinMs} onChange={(v) => set({ withinMs: v })} />
    </>
  );
}

export function JoinParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  return (
    <>
      <Select label="Join type" value={params.type ?? 'inner'} options={['inner', 'leftOuter', 'rightOuter', 'fullOuter'] as const} onChange={(v) => set({ type: v })} />
      <TextInput label="Left key" mono value={params.leftKey} onChange={(v) => set({ leftKey: v })} />
      <TextInput label="Right key" mono value={params.rightKey} onChange={(v) => set({ rightKey: v })} />
      <DurationInput label="Lower bound" allowNegative value={params.lowerBoundMs} onChange={(v) => set({ lowerBoundMs: v ?? 0 })} />
      <DurationInput label="Upper bound" allowNegative value={params.upperBoundMs} onChange={(v) => set({ upperBoundMs: v ?? 0 })}
        hint="right.ts within [left.ts + lower, left.ts + upper]" />
    </>
  );
}

export function SinkParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  return (
    <>
      <Select label="Connector" value={params.connector ?? 'console'} options={['console', 'kafka', 'file'] as const} onChange={(v) => set({ connector: v })} />
      <Select label="Delivery" value={params.delivery ?? 'at-least-once'} options={['at-least-once', 'exactly-once'] as const} onChange={(v) => set({ delivery: v })}
        hint={`What each engine does: Flink, ${sinkSummary(params.connector ?? 'console', params.delivery ?? 'at-least-once', 'dataflow')}; Spark, ${sinkSummary(params.connector ?? 'console', params.delivery ?? 'at-least-once', 'microbatch')}.`} />
    </>
  );
}

export function MapParams({ id, params }: ParamsEditorProps) {
  const set = useParamsPatch(id, params);
  const fields: Record<string, string> = params.fields ?? {};
  const text = Object.entries(fields).map(([k, v]) => `${k} = ${v}`).join('\n');
  return (
    <div className="field">
      <label htmlFor={`${id}-fields`}>Fields (one per line: name = expression)</label>
      <textarea id={`${id}-fields`} className="mono" rows={4} defaultValue={text} key={text} spellCheck={false}
        onBlur={(e) => set({ fields: parseFields(e.target.value) })} />
    </div>
  );
}

export function parseFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i <= 0) continue;
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}
