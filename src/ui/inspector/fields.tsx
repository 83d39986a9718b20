// Form controls for the inspector. Each control is labelled (a visible <label> or aria-label), keeps
// the text being typed locally, and reports a value only when it parses.
import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import { formatDuration, inUnit, parseDuration, unitFor } from './duration.ts';
import type { DurationUnit } from './duration.ts';

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

export function Checkbox(props: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} aria-describedby={props.hint ? hintId : undefined} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <small id={hintId} className="field-hint">{props.hint}</small>}
    </div>
  );
}

const units: DurationUnit[] = ['ms', 's', 'min', 'h'];

/**
 * A duration in milliseconds, typed as people write it ("1.5 s", "1500ms", "2 min", "1h 30m"), or as
 * a bare number in the unit chosen beside it. The unit belongs to the number in the box: picking
 * another one re-reads that number (1500 typed with "s", then "ms" picked, is 1500 ms). What the field
 * holds is said in words under it. Empty means "not set" when `optional`.
 */
export function DurationInput(props: { label: string; value: number | undefined | null; onChange: (ms: number | undefined) => void; optional?: boolean; allowNegative?: boolean; hint?: string }) {
  const [unit, setUnit] = useState<DurationUnit>(() => unitFor(props.value));
  const [text, setText] = useState(() => shown(props.value, unit));
  const [error, setError] = useState<string | null>(null);
  const wordsId = useId();
  // Follow outside changes (undo, load), not the echo of what was typed.
  useEffect(() => {
    setText((t) => {
      const r = parseDuration(t, unit, props.allowNegative);
      const same = t.trim() === '' ? props.value === undefined || props.value === null : r.ok && r.ms === props.value;
      return same ? t : shown(props.value, unit);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  const commit = (t: string, u: DurationUnit) => {
    if (t.trim() === '') {
      setError(props.optional ? null : 'required');
      if (props.optional) props.onChange(undefined);
      return;
    }
    const r = parseDuration(t, u, props.allowNegative);
    setError(r.ok ? null : r.message);
    if (r.ok) props.onChange(r.ms);
  };
  const words = error ?? (props.value === null || props.value === undefined ? (props.optional ? 'not set' : '') : `= ${formatDuration(props.value)}`);
  return (
    <Field label={props.label} hint={props.hint}>
      {(id) => (
        <>
          <span className="duration">
            <input id={id} type="text" inputMode="text" value={text} placeholder={props.optional ? 'not set' : 'e.g. 1.5 s'} spellCheck={false}
              aria-describedby={wordsId} aria-invalid={error ? true : undefined}
              onChange={(e) => { setText(e.target.value); commit(e.target.value, unit); }} />
            <select aria-label={`${props.label} unit`} value={unit} onChange={(e) => { const u = e.target.value as DurationUnit; setUnit(u); commit(text, u); }}>
              {units.map((u) => <option key={u} value={u}>{u}</option>)}
            </select>
          </span>
          <small id={wordsId} className={error ? 'field-error' : 'field-hint'} aria-live="polite">{words}</small>
        </>
      )}
    </Field>
  );
}

const shown = (v: number | undefined | null, unit: DurationUnit) => (v === null || v === undefined ? '' : inUnit(v, unit));

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
