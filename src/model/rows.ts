// Rows and maps whose keys are names a user chose (fields, map outputs, aggregate names, node ids):
// such a name may be `__proto__`, `constructor` or `toString`. On a plain object, assigning
// `__proto__` sets the prototype instead of a field, and reading `constructor` of a row without
// that field finds Object's. These helpers keep such names ordinary; the hot paths test the name
// once, when they are compiled, not per record.
import type { Row } from './result.ts';

/** True for names that a plain object answers without having them (`constructor`, `__proto__`, …). */
export const isPrototypeName = (name: string): boolean => name in Object.prototype;

/** Sets `row[name]`, as an own data property also when `name` is `__proto__`. */
export function setField(row: Row, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(row, name, { value, writable: true, enumerable: true, configurable: true });
  else row[name] = value;
}

/** The row's own field `name` (undefined when absent), never one inherited from Object.prototype. */
export function getField(row: Row, name: string): unknown {
  return Object.hasOwn(row, name) ? row[name] : undefined;
}

/** A reader for field `name`: a plain property read unless the name is one Object.prototype has. */
export function fieldReader(name: string): (row: Row) => unknown {
  return isPrototypeName(name) ? (row) => getField(row, name) : (row) => row[name];
}

/** An empty object for user-named keys (node ids, side outputs): no prototype, so no inherited names. */
export function nameMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
