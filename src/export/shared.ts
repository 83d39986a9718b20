// Helpers the three code exporters share: the result type, warnings, durations, names that are
// valid identifiers in the target language, and the header that lists what is simulation-only.
import type { Job, JobNode, NodeOf } from '../model/index.ts';
import { commentText, langOfPrefix, quoted, shownText } from './escape.ts';

export type ExportWarning = { node: string | null; message: string };
export type ExportResult = { code: string; warnings: ExportWarning[] };

/** Collects warnings; each is also written into the code as a comment by the caller. */
export class Notes {
  readonly warnings: ExportWarning[] = [];
  /** Records the warning and returns its message, for the `WARNING:` comment. */
  warn(node: string | null, message: string): string {
    this.add(node, message);
    return message;
  }
  /** Records the warning; false if the same node already has it. */
  add(node: string | null, message: string): boolean {
    if (this.warnings.some((w) => w.node === node && w.message === message)) return false;
    this.warnings.push({ node, message });
    return true;
  }
  /** Records the warning and returns its comment lines, or none if the node already has it. */
  lines(prefix: string, node: string | null, message: string, indent = ''): string[] {
    return this.add(node, message) ? warningLines(prefix, message, indent) : [];
  }
}

/** Splits a long comment text into lines of at most `width` characters (words kept whole). */
export function wrap(text: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Comment lines with a prefix (`-- `, `// `, `# `), a paragraph per `\n` of the text. Each line
 * goes through the language's commentText, so nothing in it can end the comment.
 */
export function commentLines(prefix: string, text: string, indent = ''): string[] {
  const lang = langOfPrefix(prefix);
  return text.split('\n').flatMap((para) => {
    const safe = commentText(lang, para);
    return safe.trim() === '' ? [`${indent}${prefix.trimEnd()}`] : wrap(safe).map((l) => `${indent}${prefix}${l}`);
  });
}

/** A `WARNING:` comment, which keeps its marker on every line (made safe as commentLines does). */
export function warningLines(prefix: string, message: string, indent = ''): string[] {
  const [first, ...rest] = wrap(commentText(langOfPrefix(prefix), `WARNING: ${message}`));
  return [`${indent}${prefix}${first}`, ...rest.map((l) => `${indent}${prefix}  ${l}`)];
}

/** A duration in the largest whole unit, e.g. `10 seconds`, `1500 milliseconds` (Spark interval strings). */
export function durationWords(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];
  for (const [size, name] of units) if (ms !== 0 && ms % size === 0) return plural(ms / size, name);
  return plural(ms, 'millisecond');
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A short human form for comments: `2 s`, `1.5 s`, `250 ms`, `10 min`. */
export function shortDuration(ms: number): string {
  if (ms !== 0 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/** Names already in use by the target (keywords, imports) plus those handed out. */
export class Namer {
  private readonly used: Set<string>;
  private readonly byKey = new Map<string, string>();
  constructor(
    reserved: Iterable<string>,
    private readonly sanitize: (raw: string) => string,
  ) {
    this.used = new Set(reserved);
  }
  /** A unique identifier for `key` (the same one each time), derived from `raw`. */
  name(key: string, raw = key): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const base = this.sanitize(raw);
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    this.byKey.set(key, name);
    return name;
  }
}

/** camelCase from an id such as `late-sink` or `by_key` (letters, digits, `_`, `-`). */
export function camel(raw: string): string {
  const parts = raw.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (parts.length === 0) return 'x';
  const s = parts.map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join('');
  return /^[0-9]/.test(s) ? `n${s}` : s;
}

/** snake_case for Python: `lateSink` → `late_sink`, `late-sink` → `late_sink`. */
export function snake(raw: string): string {
  const s = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return s === '' ? 'x' : /^[0-9]/.test(s) ? `n_${s}` : s;
}

/** PascalCase class name from the job's name. */
export function className(name: string | undefined): string {
  const c = camel((name ?? '').normalize('NFKD').replace(/[^\x20-\x7e]/g, ''));
  if (c === 'x' || c === '') return 'StreamlabJob';
  return c[0].toUpperCase() + c.slice(1);
}

/** One line describing the node for a comment: `window "count" (Count per 10 s)`. */
export const describe = (node: JobNode): string => `${node.kind} ${quoted(node.id)}${node.label ? ` (${shownText(node.label)})` : ''}`;

/** The first few scripted records of a source as JSON lines (without `at`/`partition`), for a comment. */
export function sampleRecords(node: NodeOf<'source'>, max = 3): string[] {
  const rows = (node.params.records ?? []).filter((r) => 'ts' in r);
  return rows.slice(0, max).map((r) => {
    const { at: _at, partition: _p, ...rest } = r as Record<string, unknown>;
    return JSON.stringify(rest);
  });
}

/** What describes the simulation rather than the job, and so is not exported (one comment line). */
export function simulationOnly(job: Job): string {
  const parts = ['settings.seed', 'settings.untilMs', 'layout', 'scripted records and generators (the code reads the topics)'];
  if (job.faults.length > 0) parts.push(`faults (${job.faults.length} injected crash${job.faults.length === 1 ? '' : 'es'} or savepoint${job.faults.length === 1 ? '' : 's'})`);
  if (job.nodes.some((n) => n.costMs !== undefined)) parts.push('costMs (simulated processing time per record)');
  return `Simulation-only, not exported: ${parts.join(', ')}.`;
}

/** Nodes that declare parallelism, for targets that only have one global setting. */
export function parallelismSummary(job: Job): { max: number; differs: boolean } {
  const values = job.nodes.map((n) => n.parallelism ?? 1);
  const max = Math.max(...values);
  return { max, differs: values.some((v) => v !== max) };
}
