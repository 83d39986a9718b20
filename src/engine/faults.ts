// Quiet numeric faults, counted per node: a division by zero (SQL's NULL), a number that overflowed
// to Infinity or is NaN, a `ts` that is not a finite number (after a map). Each gives the engine's
// usual answer (null, a record no event-time operator can place) but is no longer silent: the first
// of a kind on a node is a `node.warned` fact, and the run's end repeats it with the total count.
import { faultCounters } from '../model/index.ts';
import type { RowFn } from './plan.ts';
import type { Row, Expr } from '../model/index.ts';

export type FaultKind = 'divisionByZero' | 'nonFiniteNumber' | 'badTimestamp';
export const FAULT_KINDS: readonly FaultKind[] = ['divisionByZero', 'nonFiniteNumber', 'badTimestamp'];

/** Counts of one node, and the log every node of a plan shares (dirty: a new kind appeared). */
export type NodeFaults = Record<FaultKind, number> & { readonly log: FaultLog };
export type FaultLog = { dirty: boolean };

export const createFaults = (log: FaultLog): NodeFaults => ({ divisionByZero: 0, nonFiniteNumber: 0, badTimestamp: 0, log });

function count(faults: NodeFaults, kind: FaultKind, n: number) {
  if (faults[kind] === 0) faults.log.dirty = true;
  faults[kind] += n;
}

/** What an expression can do wrong: divide (by zero), compute (a non-finite number). Calls may do both. */
export function exprTraits(expr: Expr): { divides: boolean; computes: boolean } {
  let divides = false;
  let computes = false;
  const walk = (e: unknown): void => {
    if (Array.isArray(e)) return e.forEach(walk);
    if (typeof e !== 'object' || e === null) return;
    const node = e as { kind?: string; op?: string };
    if (node.kind === 'call') divides = computes = true;
    if (node.kind === 'binary' && (node.op === '/' || node.op === '%')) divides = computes = true;
    if ((node.kind === 'binary' && (node.op === '+' || node.op === '-' || node.op === '*')) || (node.kind === 'unary' && node.op === '-')) computes = true;
    for (const v of Object.values(e)) if (typeof v === 'object') walk(v);
  };
  walk(expr);
  return { divides, computes };
}

/** An expression that counts its divisions by zero on `faults`. */
export function watchDivisions(fn: RowFn, faults: NodeFaults, expr?: Expr): RowFn {
  if (expr && !exprTraits(expr).divides) return fn; // nothing to count: no wrapper on the hot path
  return (row: Row) => {
    const before = faultCounters.divisionByZero;
    const v = fn(row);
    if (faultCounters.divisionByZero !== before) count(faults, 'divisionByZero', faultCounters.divisionByZero - before);
    return v;
  };
}

/** A map field's expression that also counts non-finite numbers (and, for `ts`, anything not a finite number). */
export function watchField(name: string, fn: RowFn, faults: NodeFaults, expr: Expr): RowFn {
  const watched = watchDivisions(fn, faults, expr);
  if (name === 'ts') {
    return (row: Row) => {
      const v = watched(row);
      if (typeof v !== 'number' || v - v !== 0) count(faults, 'badTimestamp', 1);
      return v;
    };
  }
  // A field reference or a literal passes on what it reads; only arithmetic makes Infinity or NaN.
  if (!exprTraits(expr).computes) return watched;
  return (row: Row) => {
    const v = watched(row);
    if (typeof v === 'number' && v - v !== 0) count(faults, 'nonFiniteNumber', 1); // Infinity or NaN
    return v;
  };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What a node's warning says (the CLI prints it as `warning: nodes[i]: …`). */
export function faultMessage(kind: FaultKind, n: number): string {
  switch (kind) {
    case 'divisionByZero':
      return `${plural(n, 'division', 'divisions')} by zero gave null (a filter drops the record, a map writes null)`;
    case 'nonFiniteNumber':
      return `${plural(n, 'value', 'values')} overflowed to Infinity or came out as NaN; JSON writes null for ${n === 1 ? 'it' : 'them'}`;
    case 'badTimestamp':
      return `${plural(n, 'record', 'records')} got a ts that is not a finite number (NaN, Infinity, a string or null); event-time operators cannot place them`;
  }
}
