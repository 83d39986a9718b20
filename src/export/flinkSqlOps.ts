// Flink SQL for the stateful operators: window aggregations (window TVFs, or GROUP BY for the
// global window), interval joins and ROW_NUMBER deduplication; and expressions via toSql.
import type { JobNode, NodeOf, AggSpec } from '../model/index.ts';
import { dedupKeys, downstreamOf, exprOf, joinSchema, typeIn, type Schema } from './analysis.ts';
import { dividesIntegers, missingFields } from './exprTypes.ts';
import { allColumns, inputRel, type Rel, type SqlCtx } from './flinkSqlRel.ts';
import { intervalOrWarn, plusInterval, sqlIdentifier } from './flinkSqlDdl.ts';
import { isEventTimeWindow, portOf } from '../model/index.ts';
import { quoted, sqlQuoted, ticked } from './escape.ts';
import { sqlExprText } from './flinkSqlNames.ts';

const warn = (ctx: SqlCtx, node: string, message: string) => ctx.out.push(...ctx.notes.lines('-- ', node, message));

export function exprSql(ctx: SqlCtx, node: JobNode, source: string, fields: Schema): string {
  const expr = exprOf(source);
  const missing = missingFields(expr, fields);
  if (missing.length > 0) {
    warn(ctx, node.id, `reads ${missing.map((m) => `${ticked(m)}`).join(', ')}, which its input does not have in this export (Streamlab reads a missing field as NULL; Flink SQL rejects the query)`);
  }
  if (dividesIntegers(expr, fields)) {
    warn(ctx, node.id, 'divides two integers: Flink SQL truncates (5 / 2 = 2), where Streamlab and Spark give 2.5; cast one side to DOUBLE if that matters');
  }
  return sqlExprText(expr);
}

function aggSql(a: AggSpec): string {
  if (a.fn === 'count') return a.field === undefined ? 'COUNT(*)' : `COUNT(${sqlIdentifier(a.field)})`;
  if (a.fn === 'avg') return `AVG(CAST(${sqlIdentifier(a.field!)} AS DOUBLE))`;
  return `${a.fn.toUpperCase()}(${sqlIdentifier(a.field!)})`;
}

/** What the window's trigger, lateness and side output ask for that a SQL window aggregation cannot do. */
function windowCaveats(ctx: SqlCtx, node: NodeOf<'window'>): void {
  const { trigger, allowedLatenessMs = 0, lateOutput, assigner } = node.params;
  const processing = assigner.time === 'processing';
  const kind = trigger?.kind ?? (processing ? 'processingTime' : 'eventTime');
  const fires = processing ? 'when processing time passes its end' : 'when the watermark passes its end';
  if (assigner.kind !== 'global') {
    if (kind === 'count') warn(ctx, node.id, `CountTrigger.of(${trigger!.kind === 'count' ? trigger!.count : ''}): Flink SQL has no triggers; this window fires once, ${fires}`);
    else if (kind !== (processing ? 'processingTime' : 'eventTime')) warn(ctx, node.id, `a ${kind} trigger on ${processing ? 'a processing' : 'an event'}-time window: Flink SQL has no triggers; this window fires once, ${fires}`);
  }
  if (trigger?.kind === 'eventTime' && trigger.early) {
    warn(ctx, node.id, `early firings (${trigger.early.kind}): Flink SQL has no custom triggers; each window is emitted once, ${fires}, with no early results`);
  }
  if (allowedLatenessMs > 0 && !processing) {
    const late = trigger?.kind === 'eventTime' && trigger.late && trigger.late.count > 1 ? `, nor late firings every ${trigger.late.count} elements` : ', nor late firings';
    warn(ctx, node.id, `allowed lateness of ${allowedLatenessMs} ms: a Flink SQL window aggregation drops rows that arrive after the watermark passed the window's end; there is no allowed lateness${late}`);
  }
  if (lateOutput !== undefined) {
    warn(ctx, node.id, `late side output ${quoted(lateOutput)}: Flink SQL has no side output for rows a window drops as late; they are dropped, and what reads ${quoted(lateOutput)} gets nothing`);
  }
}

export function windowStatements(ctx: SqlCtx, node: NodeOf<'window'>, input: Rel): void {
  const info = ctx.a.info.get(node.id)!;
  const { assigner } = node.params;
  const keyField = info.keyField;
  windowCaveats(ctx, node);
  if (input.updating) warn(ctx, node.id, 'its input is a changelog (updated rows); Flink SQL window aggregations take append-only input');
  const keyCol = keyField === null ? [] : [keyField === 'key' ? sqlIdentifier('key') : `${sqlIdentifier(keyField)} AS ${sqlIdentifier('key')}`];
  const aggs = info.aggs.map((a) => `${aggSql(a)} AS ${sqlIdentifier(a.as)}`);
  const self = sqlQuoted(node.id);
  if (assigner.kind === 'global') {
    const t = node.params.trigger;
    const how = t?.kind === 'count' ? `CountTrigger.of(${t.count})` : t?.kind === 'processingTime' ? 'a processing-time trigger' : 'an event-time trigger (fires at the end of input)';
    warn(ctx, node.id, `a global window with ${how}: Flink SQL has no global window or trigger; this is a GROUP BY aggregation that emits an updated row for every input row (a changelog)${t?.accumulation === 'discarding' ? ', accumulating, not discarding' : ''}`);
    const cols = [...keyCol, ...aggs];
    ctx.out.push(`CREATE TEMPORARY VIEW ${self} AS`, `SELECT ${cols.join(', ')}`, `FROM ${input.name}${keyField === null ? ';' : ''}`);
    if (keyField !== null) ctx.out.push(`GROUP BY ${sqlIdentifier(keyField)};`);
    ctx.out.push('');
    ctx.rels.set(node.id, { name: self, fields: info.schema, et: null, pt: false, updating: true });
    return;
  }
  const processing = assigner.time === 'processing';
  let source = input;
  if (processing && !input.pt) {
    const name = sqlQuoted(ctx.names.name(`${node.id}:proctime`, `${node.id}_input`));
    ctx.out.push(`CREATE TEMPORARY VIEW ${name} AS`, `SELECT *, PROCTIME() AS ${sqlIdentifier(ctx.PT)} FROM ${input.name};`);
    source = { ...input, name, pt: true };
  } else if (!processing && input.et !== 'rowtime') {
    warn(ctx, node.id, 'no watermark reaches it in this export, so its event-time column is no time attribute and Flink rejects the window');
  }
  const timeCol = sqlIdentifier(processing ? ctx.PT : ctx.ET);
  const at = (ms: number, what: string) => intervalOrWarn(ms, what, node.id, ctx.notes, ctx.out);
  let tvf: string;
  if (assigner.kind === 'tumbling') tvf = `TUMBLE(TABLE ${source.name}, DESCRIPTOR(${timeCol}), ${at(assigner.sizeMs, 'window size')})`;
  else if (assigner.kind === 'sliding') {
    if (assigner.sizeMs % assigner.slideMs !== 0) {
      warn(ctx, node.id, `window size ${assigner.sizeMs} ms is not a multiple of the slide ${assigner.slideMs} ms, which Flink SQL's HOP requires`);
    }
    tvf = `HOP(TABLE ${source.name}, DESCRIPTOR(${timeCol}), ${at(assigner.slideMs, 'window slide')}, ${at(assigner.sizeMs, 'window size')})`;
  } else {
    const partition = keyField === null ? '' : ` PARTITION BY ${sqlIdentifier(keyField)}`;
    tvf = `SESSION(TABLE ${source.name}${partition}, DESCRIPTOR(${timeCol}), ${at(assigner.gapMs, 'session gap')})`;
  }
  const cols = [...keyCol, 'window_start AS windowStart', 'window_end AS windowEnd', ...aggs, `window_time AS ${timeCol}`];
  ctx.out.push(
    `CREATE TEMPORARY VIEW ${self} AS`,
    'SELECT',
    ...cols.map((c, i) => `  ${c}${i < cols.length - 1 ? ',' : ''}`),
    `FROM TABLE(${tvf})`,
    `GROUP BY window_start, window_end, window_time${keyField === null ? '' : `, ${sqlIdentifier(keyField)}`};`,
    '',
  );
  ctx.rels.set(node.id, { name: self, fields: info.schema, et: processing ? null : 'rowtime', pt: processing, updating: false });
}

export function joinStatements(ctx: SqlCtx, node: NodeOf<'join'>): void {
  const info = ctx.a.info.get(node.id)!;
  const left = inputRel(ctx, node, info.inputs.filter((e) => portOf(e) === 'left'));
  const right = inputRel(ctx, node, info.inputs.filter((e) => portOf(e) === 'right'));
  if (!left || !right) {
    warn(ctx, node.id, 'one of its inputs does not exist in this export, so the join is left out');
    return;
  }
  const { leftKey, rightKey, lowerBoundMs, upperBoundMs } = node.params;
  const type = node.params.type ?? 'inner';
  const ET = sqlIdentifier(ctx.ET);
  const fields = joinSchema(left.fields, right.fields, typeIn(left.fields, leftKey));
  const exprs = new Map<string, string>();
  const leftNames = new Set(left.fields.map((f) => f.name));
  for (const f of left.fields) exprs.set(f.name, `l.${sqlIdentifier(f.name)}`);
  for (const f of right.fields) exprs.set(leftNames.has(f.name) ? `right_${f.name}` : f.name, `r.${sqlIdentifier(f.name)}`);
  exprs.set('key', `COALESCE(l.${sqlIdentifier(leftKey)}, r.${sqlIdentifier(rightKey)})`);
  exprs.set('ts', 'CASE WHEN r.ts IS NULL OR l.ts >= r.ts THEN l.ts ELSE r.ts END');
  const side = type === 'rightOuter' ? 'r' : 'l';
  const cols = [...[...exprs].map(([name, e]) => (e === `l.${sqlIdentifier(name)}` || e === `r.${sqlIdentifier(name)}` ? e : `${e} AS ${sqlIdentifier(name)}`))];
  const timed = left.et !== null && right.et !== null;
  if (timed) cols.push(`${side}.${ET} AS ${ET}`);
  const later = downstreamOf(ctx.a, node.id).filter((n) => isEventTimeWindow(n) || n.kind === 'dropLate');
  if (timed && later.length > 0 && (upperBoundMs > 0 || type !== 'inner')) {
    warn(ctx, node.id, `its result's event time (${ctx.ET}, for ${later.map((n) => `${quoted(n.id)}`).join(', ')} downstream) is the ${side === 'l' ? 'left' : 'right'} row's; Streamlab uses the later of the two rows' times`);
  }
  if (!timed) warn(ctx, node.id, 'an input has no event-time column here, so this is a regular join on the keys without the time bounds');
  const bounds = timed
    ? ` AND r.${ET} BETWEEN l.${ET}${plusInterval(lowerBoundMs, 'join lower bound', node.id, ctx.notes, ctx.out)} AND l.${ET}${plusInterval(upperBoundMs, 'join upper bound', node.id, ctx.notes, ctx.out)}`
    : '';
  const joinKw = { inner: 'JOIN', leftOuter: 'LEFT JOIN', rightOuter: 'RIGHT JOIN', fullOuter: 'FULL OUTER JOIN' }[type];
  const self = sqlQuoted(node.id);
  ctx.out.push(
    `-- Interval join: right.ts within [left.ts ${lowerBoundMs < 0 ? '-' : '+'} ${Math.abs(lowerBoundMs)} ms, left.ts ${upperBoundMs < 0 ? '-' : '+'} ${Math.abs(upperBoundMs)} ms].`,
    `CREATE TEMPORARY VIEW ${self} AS`,
    'SELECT',
    ...cols.map((c, i) => `  ${c}${i < cols.length - 1 ? ',' : ''}`),
    `FROM ${left.name} AS l`,
    `${joinKw} ${right.name} AS r`,
    `  ON l.${sqlIdentifier(leftKey)} = r.${sqlIdentifier(rightKey)}${bounds};`,
    '',
  );
  ctx.rels.set(node.id, { name: self, fields, et: timed ? (left.et === 'rowtime' && right.et === 'rowtime' ? 'rowtime' : 'plain') : null, pt: false, updating: left.updating || right.updating });
}

export function dedupStatements(ctx: SqlCtx, node: NodeOf<'dedup'>, input: Rel): void {
  const keys = dedupKeys(node);
  const PT = sqlIdentifier(ctx.PT);
  if (node.params.withinMs !== undefined) {
    warn(ctx, node.id, `withinMs ${node.params.withinMs}: Flink SQL deduplication keeps each key for ever (or for 'table.exec.state.ttl', which counts processing time and applies to every operator); forgetting a key ${node.params.withinMs} ms of event time after its first record is not expressed`);
  }
  const missing = keys.filter((k) => !input.fields.some((f) => f.name === k));
  if (missing.length > 0) warn(ctx, node.id, `its key ${missing.map((m) => `${ticked(m)}`).join(', ')} is not a field of its input in this export`);
  const from = input.pt ? input.name : `(SELECT *, PROCTIME() AS ${PT} FROM ${input.name})`;
  const cols = allColumns(ctx, input);
  ctx.out.push(
    '-- Keeps the first record of each key in arrival order (ROW_NUMBER over processing time: append-only).',
    `CREATE TEMPORARY VIEW ${sqlQuoted(node.id)} AS`,
    `SELECT ${cols.join(', ')}`,
    'FROM (',
    `  SELECT *, ROW_NUMBER() OVER (PARTITION BY ${keys.map(sqlIdentifier).join(', ')} ORDER BY ${PT} ASC) AS ${sqlIdentifier(ctx.RN)}`,
    `  FROM ${from}`,
    ')',
    `WHERE ${sqlIdentifier(ctx.RN)} = 1;`,
    '',
  );
  ctx.rels.set(node.id, { ...input, name: sqlQuoted(node.id) });
}
