// Every export parses: Flink SQL with dt-sql-parser's Flink grammar, Java with java-parser, Python
// with python3's ast module. Inputs: the scenarios, the representative jobs and the semantics cases.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../model/index.ts';
import { asGrammarKnowsIt, flinkSqlProblems, javaProblems, pythonProblems, sessionCalls } from './test-support/checkers.ts';
import { exportJob } from './index.ts';
import { caseInputs, fixtureInputs, scenarioInputs } from './test-support/inputs.ts';

const inputs = [...scenarioInputs(), ...fixtureInputs(), ...caseInputs()].flatMap((input) => {
  const parsed = parseJob(input.doc);
  return parsed.ok ? [{ name: input.name, job: parsed.job }] : [];
});
const exports = inputs.map((i) => ({
  name: i.name,
  sql: exportJob(i.job, 'flink-sql').code,
  java: exportJob(i.job, 'flink-java').code,
  python: exportJob(i.job, 'pyspark').code,
}));

describe('exported code parses', () => {
  it('has inputs from the scenarios, the representative jobs and the cases', () => {
    expect(inputs.filter((i) => i.name.startsWith('scenario-')).length).toBeGreaterThan(0);
    expect(inputs.filter((i) => i.name.startsWith('job-')).length).toBeGreaterThanOrEqual(6);
  });

  it('Flink SQL, with the Flink grammar of dt-sql-parser', () => {
    for (const e of exports) expect(flinkSqlProblems(e.sql), e.name).toEqual([]);
  }, 60_000);

  it('SESSION window TVFs, which that grammar lacks, have the Flink 1.19+ shape', () => {
    const calls = exports.flatMap((e) => sessionCalls(e.sql).map((c) => ({ ...c, name: e.name })));
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c.ok, `${c.name}: ${c.call}`).toBe(true);
    // The stand-in the grammar check reads keeps everything but the function name and PARTITION BY.
    expect(asGrammarKnowsIt("TABLE(SESSION(TABLE `v` PARTITION BY k, DESCRIPTOR(event_time), INTERVAL '3' SECOND))")).toBe(
      "TABLE(TUMBLE(TABLE `v`, DESCRIPTOR(event_time), INTERVAL '3' SECOND))",
    );
  });

  it('the SQL check finds broken statements', () => {
    const good = exports[0].sql;
    expect(flinkSqlProblems(good.replace('CREATE TABLE', 'CREATE TABEL'))).not.toEqual([]);
    expect(flinkSqlProblems(good.replace(/\) WITH \(/, ' WITH ('))).not.toEqual([]);
  });

  it('Java, with java-parser', () => {
    for (const e of exports) expect(javaProblems(e.java), e.name).toEqual([]);
    expect(javaProblems(exports[0].java.replace('public static void main', 'public static main'))).not.toEqual([]);
  }, 60_000);

  it('Python, with the ast module of python3', () => {
    const problems = pythonProblems([...exports.map((e) => e.python), 'x = (\n']);
    exports.forEach((e, i) => expect(problems[i], e.name).toEqual([]));
    expect(problems.at(-1)).not.toEqual([]);
  }, 60_000);
});

describe('awkward names and text', () => {
  // Ids that are keywords or names the programs use; labels with line breaks and a Java unicode
  // escape; fields that need quoting; string literals with quotes and comment markers.
  const label = 'line\nbreak \\u000a */ -- # """';
  const doc = {
    format: 'streamlab.job/v1',
    name: 'Awkward "names"\n\\u000a',
    nodes: [
      { id: 'class', kind: 'source', label, params: { records: [{ ts: 1, at: 1, 'a b': 1, 'x`y': 'q', select: true, 'dot.ted': 2 }] } },
      { id: 'from', kind: 'watermark', label, params: { delayMs: 0 } },
      { id: 'env', kind: 'filter', label, params: { predicate: "`a b` > 0 AND `x``y` <> 'it''s \"x\" */ -- #' AND `select`" } },
      { id: 'spark', kind: 'map', label, params: { fields: { 'new field': "`x``y` || 'é😀'", F: '`dot.ted` * 2', ts: 'ts' } } },
      { id: 'select', kind: 'keyBy', label, params: { key: 'new field' } },
      { id: 'out', kind: 'window', label, params: { assigner: { kind: 'session', gapMs: 1000 }, aggregate: [{ fn: 'sum', field: 'F', as: 'total sum' }] } },
      { id: 'print', kind: 'dedup', label, params: { key: ['key', 'total sum'] } },
      { id: 'r', kind: 'sink', label, params: { connector: 'file' } },
    ],
    edges: [
      { from: 'class', to: 'from' },
      { from: 'from', to: 'env' },
      { from: 'env', to: 'spark' },
      { from: 'spark', to: 'select' },
      { from: 'select', to: 'out' },
      { from: 'out', to: 'print' },
      { from: 'print', to: 'r' },
    ],
  };

  it('still exports code that parses, in every target', () => {
    const parsed = parseJob(doc);
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems)).toBe(true);
    if (!parsed.ok) return;
    const sql = exportJob(parsed.job, 'flink-sql').code;
    const java = exportJob(parsed.job, 'flink-java').code;
    const python = exportJob(parsed.job, 'pyspark').code;
    expect(flinkSqlProblems(sql)).toEqual([]);
    expect(javaProblems(java)).toEqual([]);
    expect(pythonProblems([python])[0]).toEqual([]);
    for (const code of [sql, java, python]) expect(code).not.toContain('line\nbreak');
    expect(java).not.toMatch(/[^\\]\\u000a/);
  });
});
