// Relations (tables and views) of the Flink SQL export and the context the statement builders share.
import type { Job, JobEdge, JobNode } from '../model/index.ts';
import { fromPortOf } from '../model/index.ts';
import { mergeSchemas, type Analysis, type Schema } from './analysis.ts';
import { sqlIdentifier, sqlType } from './flinkSqlDdl.ts';
import type { WatermarkPlan } from './flinkSqlWatermarks.ts';
import { Namer, Notes } from './shared.ts';
import { quoted, sqlQuoted } from './escape.ts';

/** A table or view in the generated SQL and what it holds. */
export type Rel = {
  /** Quoted SQL name. */
  name: string;
  /** Streamlab's record fields. */
  fields: Schema;
  /** The event-time column: a rowtime attribute (a watermark is declared), a plain timestamp, or absent. */
  et: 'rowtime' | 'plain' | null;
  /** Has the processing-time attribute column. */
  pt: boolean;
  /** A changelog (updates), not append-only. */
  updating: boolean;
};

export type SqlCtx = {
  job: Job;
  a: Analysis;
  notes: Notes;
  /** Helper column names no record field uses. */
  ET: string;
  PT: string;
  RN: string;
  out: string[];
  inserts: string[][];
  rels: Map<string, Rel>;
  lateRels: Map<string, Rel>;
  names: Namer;
  wm: WatermarkPlan;
};

/** The relation an edge delivers, or null (a late output SQL cannot produce). */
function relOfEdge(ctx: SqlCtx, e: JobEdge): Rel | null {
  return fromPortOf(e) === 'late' ? (ctx.lateRels.get(e.from) ?? null) : (ctx.rels.get(e.from) ?? null);
}

/** The node's input as one relation: its single input, or a UNION ALL view of several. */
export function inputRel(ctx: SqlCtx, node: JobNode, edges: readonly JobEdge[], unionName?: string): Rel | null {
  const rels: Rel[] = [];
  for (const e of edges) {
    const rel = relOfEdge(ctx, e);
    if (rel) rels.push(rel);
    else {
      const message = `its input from ${fromPortOf(e) === 'late' ? 'the late output of ' : ''}${quoted(e.from)} does not exist in Flink SQL (see the warning there), so it receives nothing from it`;
      ctx.out.push(...ctx.notes.lines('-- ', node.id, message));
    }
  }
  if (rels.length === 0) return null;
  if (rels.length === 1 && unionName === undefined) return rels[0];
  return unionView(ctx, unionName ?? sqlQuoted(ctx.names.name(`${node.id}:input`, `${node.id}_input`)), rels);
}

function unionView(ctx: SqlCtx, name: string, rels: Rel[]): Rel {
  const fields = mergeSchemas(rels.map((r) => r.fields));
  const et = rels.every((r) => r.et !== null) ? (rels.every((r) => r.et === 'rowtime') ? 'rowtime' : 'plain') : null;
  const pt = rels.every((r) => r.pt);
  const selects = rels.map((r) => {
    const cols = fields.map((f) => {
      const have = r.fields.find((x) => x.name === f.name);
      if (!have) return `CAST(NULL AS ${sqlType(f.type)}) AS ${sqlIdentifier(f.name)}`;
      return have.type === f.type || sqlType(have.type) === sqlType(f.type) ? sqlIdentifier(f.name) : `CAST(${sqlIdentifier(f.name)} AS ${sqlType(f.type)}) AS ${sqlIdentifier(f.name)}`;
    });
    if (et) cols.push(sqlIdentifier(ctx.ET));
    if (pt) cols.push(sqlIdentifier(ctx.PT));
    return `SELECT ${cols.join(', ')} FROM ${r.name}`;
  });
  ctx.out.push(`CREATE TEMPORARY VIEW ${name} AS`, selects.join('\nUNION ALL\n') + ';', '');
  return { name, fields, et, pt, updating: rels.some((r) => r.updating) };
}

/** Columns of a relation for SELECT lists: the record fields plus the time columns it carries. */
export const allColumns = (ctx: SqlCtx, rel: Rel): string[] => [
  ...rel.fields.map((f) => sqlIdentifier(f.name)),
  ...(rel.et ? [sqlIdentifier(ctx.ET)] : []),
  ...(rel.pt ? [sqlIdentifier(ctx.PT)] : []),
];

