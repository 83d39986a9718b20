// Every export parses: Flink SQL with dt-sql-parser's Flink grammar, Java with java-parser, Python
// with python3's ast module. Inputs: the scenarios, the representative jobs and the semantics cases.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../engine/job/validate.ts';
import { asGrammarKnowsIt, flinkSqlProblems, javaProblems, pythonProblems, sessionCalls } from './checkers.ts';
import { exportJob } from './index.ts';
import { caseInputs, fixtureInputs, scenarioInputs } from './inputs.ts';

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
