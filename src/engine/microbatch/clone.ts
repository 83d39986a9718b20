// Deep copies of operator state, for the state-store versions a re-run batch restores (spec §1.1).
// Only taken when a job has faults, so failure-free runs pay nothing. Written out by hand because the
// engine has no DOM or Node globals (structuredClone is neither ECMAScript nor available here).
export function cloneState<T>(value: T): T {
  return copy(value) as T;
}

function copy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, copy(x)]));
  if (v instanceof Set) return new Set([...v].map(copy));
  if (v instanceof Float64Array) return v.slice();
  if (Array.isArray(v)) return v.map(copy);
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = copy((v as Record<string, unknown>)[k]);
    // A row's field named __proto__ is an own property: assigning it would set the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}
