// What the Flink DataStream export's node emitters share: the context they write into and its small helpers.
import type { Job, JobNode } from '../model/index.ts';
import type { Analysis } from './analysis.ts';
import { javaString } from './javaExpr.ts';
import type { Helper } from './javaRuntime.ts';
import { lineComment } from './escape.ts';
import type { Namer, Notes } from './shared.ts';

export type JavaVar = { name: string; keyed: boolean };

export type JavaCtx = {
  job: Job;
  a: Analysis;
  notes: Notes;
  names: Namer;
  imports: Set<string>;
  helpers: Set<Helper>;
  /** Lines of main(), indented four spaces. */
  body: string[];
  vars: Map<string, JavaVar>;
  lateVars: Map<string, string>;
};

/** main()'s statement indent, and a continuation line's. */
export const indent = '    ';
export const indent2 = '        ';

/** One `// ` comment line in main(), made safe (escape.ts). */
export const javaComment = (text: string, lineIndent = indent): string => lineComment('java', text, lineIndent);

export function warnJava(ctx: JavaCtx, node: string | null, message: string): void {
  ctx.body.push(...ctx.notes.lines(`${indent}// `, node, message));
}

/** Adds Java imports to the program's import list. */
export const addImports = (ctx: JavaCtx, ...imports: string[]) => imports.forEach((i) => ctx.imports.add(i));
export const keyBy = (fields: string[]) => `keyBy(r -> Sql.key(r, ${fields.map(javaString).join(', ')}), Types.STRING)`;
/** A java.time.Duration of n milliseconds. */
export const javaDuration = (n: number) => `Duration.ofMillis(${n})`;

/** `.name(…).uid(…)` and the node's parallelism, for an operator's statement. */
export function naming(node: JobNode): string {
  const par = node.parallelism !== undefined ? `.setParallelism(${node.parallelism})` : '';
  return `.name(${javaString(node.label ?? node.id)}).uid(${javaString(node.id)})${par}`;
}
