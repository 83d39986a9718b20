// Flink SQL pieces that do not depend on the graph walk: identifiers, types, interval literals,
// connector options and the SET statements for the job's dataflow settings.
import type { Job, NodeOf } from '../model/index.ts';
import { quoteIdentifier } from '../model/index.ts';
import type { FieldType } from './exprTypes.ts';
import { endsInput } from './analysis.ts';
import { sqlName, sqlString } from './escape.ts';
import { Notes, parallelismSummary } from './shared.ts';

export { sqlString };

/** A column name, back-quoted when Flink or Spark reserve it (toSql's rule), as SQL can hold it (sqlName). */
export const sqlIdentifier = (name: string): string => quoteIdentifier(sqlName(name));
// Table and view names go through sqlQuoted (escape.ts), always back-quoted: node ids such as `views` or `out` are keywords in Flink SQL.

export const BOOTSTRAP = 'localhost:9092';

export function sqlType(t: FieldType): string {
  switch (t) {
    case 'int':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'timestamp':
      return 'TIMESTAMP(3)';
    default:
      return 'STRING';
  }
}


/**
 * An interval literal Flink accepts without a precision clause (its leading field holds at most two
 * digits by default, and dt-sql-parser reads no precision clause): one unit when the amount fits,
 * else `DAY TO SECOND`. Returns null when even that cannot hold it (100 days or more).
 */
export function sqlInterval(ms: number): string | null {
  const units: [number, string][] = [[86_400_000, 'DAY'], [3_600_000, 'HOUR'], [60_000, 'MINUTE']];
  for (const [size, name] of units) if (ms > 0 && ms % size === 0 && ms / size < 100) return `INTERVAL '${ms / size}' ${name}`;
  if (ms < 100_000) return `INTERVAL '${seconds(ms)}' SECOND`;
  return ms < 100 * 86_400_000 ? dayToSecond(ms) : null;
}

function dayToSecond(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const rest = ms - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = seconds(rest % 60_000);
  return `INTERVAL '${days} ${pad(h)}:${pad(m)}:${rest % 60_000 < 10_000 ? '0' : ''}${s}' DAY TO SECOND`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const seconds = (ms: number) => (ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3).replace(/0+$/, ''));

/** An interval for a duration of the job; one of 100 days or more gets a warning (see sqlInterval). */
export function intervalOrWarn(ms: number, what: string, node: string, notes: Notes, out: string[]): string {
  const literal = sqlInterval(ms);
  if (literal !== null) return literal;
  const digits = String(Math.floor(ms / 86_400_000)).length;
  const message = `${what} of ${ms} ms is 100 days or more: Flink needs a precision clause for it, DAY(${digits}) TO SECOND, which this export leaves out so that common SQL tools parse the file; add it before running`;
  out.push(...notes.lines('-- ', node, message));
  return dayToSecond(ms);
}

/** `+ INTERVAL …` / `- INTERVAL …` / nothing, for `column + offset`. */
export function plusInterval(ms: number, what: string, node: string, notes: Notes, out: string[]): string {
  if (ms === 0) return '';
  return ` ${ms < 0 ? '-' : '+'} ${intervalOrWarn(Math.abs(ms), what, node, notes, out)}`;
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'job';
export const jobSlug = (job: Job): string => slug(job.name ?? 'streamlab-job').toLowerCase();

export function sourceOptions(node: NodeOf<'source'>, job: Job): [string, string][] {
  return [
    ['connector', 'kafka'],
    ['topic', node.id],
    ['properties.bootstrap.servers', BOOTSTRAP],
    ['properties.group.id', `${jobSlug(job)}-${node.id}`],
    ['scan.startup.mode', 'earliest-offset'],
    // A bounded source reads what the topic holds when the job starts, then ends (spec: `bounded`).
    ...(endsInput(node) ? [['scan.bounded.mode', 'latest-offset'] as [string, string]] : []),
    ['format', 'json'],
  ];
}

export function sinkOptions(node: NodeOf<'sink'>, job: Job, updating: boolean): [string, string][] {
  const { connector, delivery } = node.params;
  if (connector === 'console') return [['connector', 'print']];
  if (connector === 'file') return [['connector', 'filesystem'], ['path', `file:///tmp/streamlab/${jobSlug(job)}/${node.id}`], ['format', 'json']];
  const options: [string, string][] = [
    ['connector', updating ? 'upsert-kafka' : 'kafka'],
    ['topic', node.id],
    ['properties.bootstrap.servers', BOOTSTRAP],
  ];
  if (updating) options.push(['key.format', 'json'], ['value.format', 'json']);
  else options.push(['format', 'json']);
  options.push(['sink.delivery-guarantee', delivery]);
  if (delivery === 'exactly-once') {
    options.push(['sink.transactional-id-prefix', `${jobSlug(job)}-${node.id}`]);
    // Above the longest checkpoint plus restart time, or Kafka aborts a pre-committed transaction.
    options.push(['properties.transaction.timeout.ms', '900000']);
  }
  return options;
}

export const withClause = (options: [string, string][]): string[] => [
  ') WITH (',
  ...options.map(([k, v], i) => `  ${sqlString(k)} = ${sqlString(v)}${i < options.length - 1 ? ',' : ''}`),
  ');',
];

const set = (key: string, value: string) => `SET ${sqlString(key)} = ${sqlString(value)};`;

/** SET statements for the dataflow settings (checkpointing, restarts, watermark interval, parallelism). */
export function settingsStatements(job: Job, idleTimeoutMs: number | null, notes: Notes): string[] {
  const { autoWatermarkIntervalMs, checkpointing, restart } = job.settings.dataflow;
  const out = ["SET 'execution.runtime-mode' = 'streaming';", set('pipeline.auto-watermark-interval', `${autoWatermarkIntervalMs} ms`)];
  if (idleTimeoutMs !== null) out.push(set('table.exec.source.idle-timeout', `${idleTimeoutMs} ms`));
  const par = parallelismSummary(job);
  if (par.max > 1) {
    if (par.differs) {
      out.push(`-- WARNING: ${notes.warn(null, `nodes set different parallelism; Flink SQL has one default for every operator, so all run with the largest, ${par.max}`)}`);
    }
    out.push(set('parallelism.default', String(par.max)));
  }
  if (checkpointing) {
    out.push(set('execution.checkpointing.interval', `${checkpointing.intervalMs} ms`));
    out.push(set('execution.checkpointing.mode', 'EXACTLY_ONCE'));
    if (checkpointing.mode === 'unaligned') out.push(set('execution.checkpointing.unaligned.enabled', 'true'));
    out.push(set('execution.checkpointing.min-pause', `${checkpointing.minPauseMs} ms`));
    out.push(set('execution.checkpointing.timeout', `${checkpointing.timeoutMs} ms`));
    out.push(set('execution.checkpointing.max-concurrent-checkpoints', String(checkpointing.maxConcurrent)));
    const retention = checkpointing.externalized === 'retain' ? 'RETAIN_ON_CANCELLATION' : 'DELETE_ON_CANCELLATION';
    out.push(set('execution.checkpointing.externalized-checkpoint-retention', retention));
  } else {
    out.push('-- Checkpointing is off (settings.dataflow.checkpointing is not set).');
  }
  if (restart.kind === 'none') out.push(set('restart-strategy.type', 'none'));
  else {
    out.push(set('restart-strategy.type', 'fixed-delay'));
    out.push(set('restart-strategy.fixed-delay.attempts', String(restart.attempts)));
    out.push(set('restart-strategy.fixed-delay.delay', `${restart.delayMs} ms`));
  }
  return out;
}
