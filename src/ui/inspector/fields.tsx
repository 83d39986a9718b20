// Form controls for the inspector. Each control is labelled (a visible <label> or aria-label), keeps
// the text being typed locally, and reports a value only when it parses.
import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <small className="field-hint">{hint}</small>}
    </div>
  );
}

export function TextInput(props: { label: string; value: string | undefined; onChange: (v: string) => void; placeholder?: string; hint?: string; mono?: boolean }) {
  return (
    <Field label={props.label} hint={props.hint}>
      {(id) => (
        <input id={id} type="text" className={props.mono ? 'mono' : undefined} value={props.value ?? ''} placeholder={props.placeholder}
          onChange={(e) => props.onChange(e.target.value)} spellCheck={false} />
      )}
    </Field>
  );
}

export function NumberInput(props: { label: string; value: number | null | undefined; onChange: (v: number | undefined) => void; min?: number; step?: number; hint?: string; placeholder?: string }) {
  const [text, setText] = useSyncedText(props.value, (v) => (v === null || v === undefined ? '' : String(v)));
  return (
    <Field label={props.label} hint={props.hint}>
      {(id) => (
        <input id={id} type="number" inputMode="decimal" value={text} min={props.min} step={props.step ?? 1} placeholder={props.placeholder}
          onChange={(e) => {
            setText(e.target.value);
            const n = e.target.value === '' ? undefined : Number(e.target.value);
            if (n === undefined || Number.isFinite(n)) props.onChange(n);
          }} />
      )}
    </Field>
  );
}

export function Select<T extends string>(props: { label: string; value: T; options: readonly (T | [T, string])[]; onChange: (v: T) => void; hint?: string }) {
  return (
    <Field label={props.label} hint={props.hint}>
      {(id) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
          {props.options.map((o) => {
            const [v, text] = Array.isArray(o) ? o : [o, o];
            return <option key={v} value={v}>{text}</option>;
          })}
        </select>
      )}
    </Field>
  );
}

export function Checkbox(props: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

const units = [['ms', 1], ['s', 1000], ['min', 60_000]] as const;
type Unit = (typeof units)[number][0];
const factor = (u: Unit) => units.find(([n]) => n === u)![1];

function unitFor(ms: number | undefined | null): Unit {
  if (!ms) return 's';
  if (ms % 60_000 === 0) return 'min';
  return ms % 1000 === 0 || Math.abs(ms) >= 1000 ? 's' : 'ms';
}

/** A duration in milliseconds, typed in ms, s or min. Empty means "not set" when `optional`. */
export function DurationInput(props: { label: string; value: number | undefined | null; onChange: (ms: number | undefined) => void; optional?: boolean; allowNegative?: boolean; hint?: string }) {
  const [unit, setUnit] = useState<Unit>(() => unitFor(props.value));
  const [text, setText] = useSyncedText(props.value, (v) => (v === null || v === undefined ? '' : String(v / factor(unit))), unit);
  const commit = (t: string, u: Unit) => {
    if (t.trim() === '') return props.optional ? props.onChange(undefined) : undefined;
    const n = Number(t);
    if (!Number.isFinite(n) || (!props.allowNegative && n < 0)) return;
    props.onChange(Math.round(n * factor(u)));
  };
  return (
    <Field label={props.label} hint={props.hint}>
      {(id) => (
        <span className="duration">
          <input id={id} type="number" inputMode="decimal" step="any" value={text} placeholder={props.optional ? 'not set' : undefined}
            onChange={(e) => { setText(e.target.value); commit(e.target.value, unit); }} />
          <select aria-label={`${props.label} unit`} value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
            {units.map(([u]) => <option key={u} value={u}>{u}</option>)}
          </select>
        </span>
      )}
    </Field>
  );
}

/** Local text for a controlled value: follows outside changes (undo, load) but not its own echo. */
function useSyncedText<V>(value: V, show: (v: V) => string, dep?: unknown): [string, (t: string) => void] {
  const [text, setText] = useState(() => show(value));
  useEffect(() => {
    setText((t) => (sameValue(t, show(value)) ? t : show(value)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, dep]);
  return [text, setText];
}

const sameValue = (a: string, b: string) => a === b || (a.trim() !== '' && b !== '' && Number(a) === Number(b));
