// Property: whatever a user names things, the export is the same program. A random string, biased
// toward what ends comments and literals (line breaks of every kind, NUL, quotes, backslashes, `*/`,
// `--`, `#`, the text `\u000a`, triple quotes), is put in every name position of a representative
// job (job name and description, labels, record fields, map fields, keys, aggregates, expression
// literals and field references); the export must parse, and have the statements the same job has
// with a plain name: the SQL statements' kinds, Python's top-level nodes, the Java class's members
// (and the statements of each method).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJob } from '../model/index.ts';
import type { Job } from '../model/index.ts';
import { calciteIdentifierProblems, flinkSqlProblems, javacCheck, javaMembers, pythonTopLevel, sqlStatementKinds } from './test-support/checkers.ts';
import { exportJob, toJson } from './index.ts';
import { fixtureInputs } from './test-support/inputs.ts';

const HOSTILE = [
  '\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\u0000', '\u000b', '\u001b', '\u007f', '\u202e', '\ud800', '\t',
  "'", '"', '`', '\\', '*/', '/*', '--', '#', '\\u000a', '\\u000d', '\\\\u000a', '\\uzzzz', "'''", '"""', ';', '{', '}', '${x}', '%s',
  'DROP TABLE users;', 'import os; os.system("sh")', '}static{', ' ', 'é', '😀',
];

/** Strings made mostly of the hostile pieces, with some arbitrary characters between them. */
const hostileName = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))
  .filter((s) => s.length >= 1 && s.length <= 200);

type Doc = { nodes: { kind: string; label?: string; params: Record<string, unknown> }[] } & Record<string, unknown>;

const backquoted = (name: string) => `\`${name.replaceAll('`', '``')}\``;
/** Expression string literals hold no backslash (Spark and Flink read them differently). */
const literal = (text: string) => `'${text.replaceAll('\\', '/').replaceAll("'", "''")}'`;

/** The fixture with `name` in every place a user names something. */
function withNames(doc: unknown, name: string): unknown {
  const d = structuredClone(doc) as Doc;
  d.name = name;
  d.description = name;
  for (const node of d.nodes) {
    node.label = name;
    const p = node.params;
    switch (node.kind) {
      case 'source': {
        const records = p.records as Record<string, unknown>[] | undefined;
        for (const r of records ?? []) if ('ts' in r) r[name] = name;
        const generator = p.generator as { keys: unknown } | undefined;
        if (generator && Array.isArray(generator.keys)) generator.keys = [...generator.keys, name];
        break;
      }
      case 'keyBy':
        p.key = name;
        break;
      case 'filter':
        p.predicate = `(${p.predicate as string}) OR ${backquoted(name)} = ${literal(name)}`;
        break;
      case 'map':
        p.fields = { ...(p.fields as object), [name]: `${backquoted(name)} || ${literal(name)}` };
        break;
      case 'window': {
        const aggs = Array.isArray(p.aggregate) ? p.aggregate : [p.aggregate];
        p.aggregate = [...aggs, { fn: 'max', field: name, as: name }];
        break;
      }
      case 'dedup':
        p.key = [...(Array.isArray(p.key) ? p.key : [p.key]), name];
        break;
      case 'join':
        p.leftKey = name;
        p.rightKey = name;
        break;
    }
  }
  return d;
}

function jobOf(doc: unknown): Job {
  const parsed = parseJob(doc);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.job;
}

const fixtures = fixtureInputs();
const PLAIN = 'plain_name';
const plain = fixtures.map((f) => jobOf(withNames(f.doc, PLAIN)));
const RUNS = 50;
const params = { numRuns: RUNS, seed: 20261208 };
const cases = fc.tuple(fc.nat(fixtures.length - 1), hostileName);

describe('a name anywhere cannot change what an export does', () => {
  it('has the representative jobs, and a plain name in every place keeps them valid', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
    expect(plain.length).toBe(fixtures.length);
  });

  it('Flink SQL: parses (Flink grammar, Calcite identifiers) with the same statements', () => {
    const expected = plain.map((job) => sqlStatementKinds(exportJob(job, 'flink-sql').code));
    fc.assert(
      fc.property(cases, ([i, name]) => {
        const sql = exportJob(jobOf(withNames(fixtures[i].doc, name)), 'flink-sql').code;
        expect(flinkSqlProblems(sql)).toEqual([]);
        expect(calciteIdentifierProblems(sql)).toEqual([]);
        expect(sqlStatementKinds(sql)).toEqual(expected[i]);
      }),
      params,
    );
  }, 120_000);

  it('Flink Java: parses after javac\'s unicode translation, with the same class members and statements', () => {
    const expected = plain.map((job) => javaMembers(exportJob(job, 'flink-java').code));
    fc.assert(
      fc.property(cases, ([i, name]) => {
        const java = exportJob(jobOf(withNames(fixtures[i].doc, name)), 'flink-java').code;
        expect(javacCheck(java)).toEqual({ problems: [], members: expected[i] });
      }),
      params,
    );
  }, 120_000);

  it('PySpark: parses (python3 ast) with the same top-level statements', () => {
    // One interpreter for all runs: the cases are drawn first, then parsed together.
    const drawn = fc.sample(cases, { numRuns: RUNS, seed: params.seed });
    const scripts = drawn.map(([i, name]) => exportJob(jobOf(withNames(fixtures[i].doc, name)), 'pyspark').code);
    const results = pythonTopLevel([...plain.map((job) => exportJob(job, 'pyspark').code), ...scripts]);
    const expected = results.slice(0, plain.length);
    for (const e of expected) expect(e).toHaveProperty('nodes');
    drawn.forEach(([i, name], k) => expect(results[plain.length + k], `${fixtures[i].name} with the name ${JSON.stringify(name)}`).toEqual(expected[i]));
  }, 120_000);

  it('JSON: reads back as the same job', () => {
    fc.assert(
      fc.property(cases, ([i, name]) => {
        const job = jobOf(withNames(fixtures[i].doc, name));
        expect(jobOf(JSON.parse(toJson(job)))).toEqual(job);
      }),
      params,
    );
  }, 60_000);
});
