// Syntax checks for exported code, used by the tests: Flink SQL with dt-sql-parser's Flink grammar,
// Java with java-parser (prettier-plugin-java's parser), Python with the interpreter's `ast` module.
// Each returns the list of problems (empty when the code parses).
import { spawnSync } from 'node:child_process';
import { FlinkSQL } from 'dt-sql-parser';
import { parse as parseJava } from 'java-parser';

let flink: FlinkSQL | null = null;

/**
 * dt-sql-parser 4.5's Flink grammar knows the TUMBLE, HOP and CUMULATE window TVFs but not SESSION
 * (Flink 1.19+: `SESSION(TABLE t [PARTITION BY k], DESCRIPTOR(ts), gap)`), and no PARTITION BY in a
 * TVF argument. So that the rest of such a statement is still checked, each SESSION call is read as
 * the TUMBLE call with the same table, descriptor and interval; `sessionCalls` checks their shape.
 */
export function asGrammarKnowsIt(sql: string): string {
  return sql.replace(/\bSESSION\(TABLE ([^\s,()]+)(?: PARTITION BY [^,()]+)?, DESCRIPTOR\(/g, 'TUMBLE(TABLE $1, DESCRIPTOR(');
}

/** Every SESSION window TVF call in the SQL, and whether each has the Flink 1.19+ shape. */
export function sessionCalls(sql: string): { call: string; ok: boolean }[] {
  const calls = sql.match(/\bSESSION\([^;]*?\)\)?\)/g) ?? [];
  const shape = /^SESSION\(TABLE [^\s,()]+( PARTITION BY [^,()]+)?, DESCRIPTOR\([^()]+\), INTERVAL '[0-9.: ]+' [A-Z ]+\)/;
  return calls.map((call) => ({ call, ok: shape.test(call) }));
}

export function flinkSqlProblems(sql: string): string[] {
  flink ??= new FlinkSQL();
  return flink.validate(asGrammarKnowsIt(sql)).map((e) => `${e.startLine}:${e.startColumn}: ${e.message}`);
}

export function javaProblems(code: string): string[] {
  try {
    parseJava(code);
    return [];
  } catch (e) {
    return [e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e)];
  }
}

const PYTHON_CHECK = `
import ast, json, sys
out = []
for src in json.load(sys.stdin):
    try:
        ast.parse(src)
        out.append(None)
    except SyntaxError as e:
        out.append(f"{e.lineno}:{e.offset}: {e.msg}")
print(json.dumps(out))
`;

/** Parses each script with python3's ast module (one interpreter for the whole list). */
export function pythonProblems(scripts: readonly string[]): string[][] {
  const r = spawnSync('python3', ['-c', PYTHON_CHECK], { input: JSON.stringify(scripts), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.error?.message ?? r.stderr}`);
  return (JSON.parse(r.stdout) as (string | null)[]).map((p) => (p === null ? [] : [p]));
}
