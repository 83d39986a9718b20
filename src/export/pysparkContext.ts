// What the PySpark export's node emitters share: the context they write into and its small helpers.
import type { Job } from '../model/index.ts';
import type { Analysis, Schema } from './analysis.ts';
import type { Namer, Notes } from './shared.ts';
import { lineComment, pyString, sparkName } from './escape.ts';

export type PyVar = { name: string; fields: Schema; watermarked: boolean };

export type PyCtx = {
  job: Job;
  a: Analysis;
  notes: Notes;
  /** The event-time (timestamp) column's name. */
  ET: string;
  names: Namer;
  body: string[];
  vars: Map<string, PyVar>;
  queries: string[];
};

/** One `# ` comment line, made safe (escape.ts). */
export const pyComment = (text: string): string => lineComment('python', text);
/** A column reference for F.col / select: back-quoted when the name has a dot or a back-quote. */
export const colName = sparkName;
/** `F.col("name")`: a column reference in PySpark. */
export const sparkCol = (name: string): string => `F.col(${pyString(colName(name))})`;

export function warnPy(ctx: PyCtx, node: string | null, message: string): void {
  ctx.body.push(...ctx.notes.lines('# ', node, message));
}

/** `(\n    first\n    .call()\n)` — Spark's chained style. */
export function chain(name: string, first: string, calls: string[]): string[] {
  return [`${name} = (`, `    ${first}`, ...calls.map((c) => `    ${c}`), ')', ''];
}
