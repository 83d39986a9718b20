// One or several aggregates over the same window: function, field, output name.
import { Select, TextInput } from '../fields.tsx';
import { withPatch } from './patch.ts';
import type { AnyParams } from './patch.ts';

const fns = ['count', 'sum', 'min', 'max', 'avg'] as const;

export function AggregateList({ value, onChange }: { value: AnyParams | AnyParams[] | undefined; onChange: (v: AnyParams | AnyParams[]) => void }) {
  const list: AnyParams[] = [value ?? { fn: 'count' }].flat();
  const write = (next: AnyParams[]) => onChange(next.length === 1 ? next[0]! : next);
  return (
    <fieldset>
      <legend>Aggregate</legend>
      {list.map((agg, i) => (
        <div className="aggregate-row" key={i}>
          <Select label={list.length > 1 ? `Function ${i + 1}` : 'Function'} value={agg.fn} options={fns}
            onChange={(fn) => write(list.map((a, j) => (j === i ? withPatch(a, { fn, field: fn === 'count' ? a.field : (a.field ?? 'value') }) : a)))} />
          <TextInput label="Field" mono value={agg.field} placeholder={agg.fn === 'count' ? '(rows)' : 'value'}
            onChange={(field) => write(list.map((a, j) => (j === i ? withPatch(a, { field: field || undefined }) : a)))} />
          <TextInput label="As" mono value={agg.as} placeholder={agg.fn}
            onChange={(as) => write(list.map((a, j) => (j === i ? withPatch(a, { as: as || undefined }) : a)))} />
          {list.length > 1 && (
            <button type="button" className="link" onClick={() => write(list.filter((_, j) => j !== i))}>Remove aggregate {i + 1}</button>
          )}
        </div>
      ))}
      <button type="button" className="link" onClick={() => write([...list, { fn: 'sum', field: 'value', as: `sum${list.length}` }])}>Add aggregate</button>
    </fieldset>
  );
}
