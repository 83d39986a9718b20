// Syntax checks for exported code, used by the tests: Flink SQL with dt-sql-parser's Flink grammar,
// Java with java-parser (prettier-plugin-java's parser), Python with the interpreter's `ast` module.
// Each returns the list of problems (empty when the code parses).
import { spawnSync } from 'node:child_process';
import { FlinkSQL } from 'dt-sql-parser';
import { parse as parseJava } from 'java-parser';

let flink: FlinkSQL | null = null;

/** A table or column name: back-quoted (any character, `` doubled) or bare. */
const NAME = '(?:`(?:[^`]|``)+`|[^\\s,()`]+)';

/**
 * dt-sql-parser 4.5's Flink grammar knows the TUMBLE, HOP and CUMULATE window TVFs but not SESSION
 * (Flink 1.19+: `SESSION(TABLE t [PARTITION BY k], DESCRIPTOR(ts), gap)`), and no PARTITION BY in a
 * TVF argument. So that the rest of such a statement is still checked, each SESSION call is read as
 * the TUMBLE call with the same table, descriptor and interval; `sessionCalls` checks their shape.
 */
export function asGrammarKnowsIt(sql: string): string {
  return sql.replace(new RegExp(`\\bSESSION\\(TABLE (${NAME})(?: PARTITION BY ${NAME})?, DESCRIPTOR\\(`, 'g'), 'TUMBLE(TABLE $1, DESCRIPTOR(');
}

/** Every SESSION window TVF call in the SQL, and whether each has the Flink 1.19+ shape. */
export function sessionCalls(sql: string): { call: string; ok: boolean }[] {
  const calls = sql.match(/\bSESSION\((?:`(?:[^`]|``)+`|[^;`])*?\)\)?\)/g) ?? [];
  const shape = new RegExp(`^SESSION\\(TABLE ${NAME}( PARTITION BY ${NAME})?, DESCRIPTOR\\([^()]+\\), INTERVAL '[0-9.: ]+' [A-Z ]+\\)`);
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
    except ValueError as e:  # a NUL byte in the source (Python before 3.12)
        out.append(str(e))
print(json.dumps(out))
`;

/** Parses each script with python3's ast module (one interpreter for the whole list). */
export function pythonProblems(scripts: readonly string[]): string[][] {
  const r = spawnSync('python3', ['-c', PYTHON_CHECK], { input: JSON.stringify(scripts), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.error?.message ?? r.stderr}`);
  return (JSON.parse(r.stdout) as (string | null)[]).map((p) => (p === null ? [] : [p]));
}

/**
 * Java source after the translation of unicode escapes that javac does before lexing (JLS §3.3): a
 * backslash preceded by an even number of backslashes, then one or more `u` and four hex digits, is
 * that character, in comments and literals alike (so `\u000a` ends a // comment). java-parser does not
 * do this step, so the checks run it first (for the ASCII characters, see below). An eligible `\u`
 * without four hex digits is an error.
 */
export function javaUnicodeTranslated(code: string): { code: string; problems: string[] } {
  const problems: string[] = [];
  const out = code.replace(/(\\+)(u+)([0-9A-Fa-f]{0,4})/g, (all, slashes: string, _u: string, hex: string) => {
    if (slashes.length % 2 === 0) return all;
    if (hex.length < 4) {
      problems.push(`illegal unicode escape ${JSON.stringify(all)}`);
      return all;
    }
    const code = parseInt(hex, 16);
    // java-parser rejects some non-ASCII characters inside literals that javac takes (U+0085, U+2028):
    // those stay escapes, which it reads as the same one character. Every character that can end a
    // comment or a literal, or be an operator, is ASCII, and is translated.
    if (code > 0x7f) return all;
    return slashes.slice(1) + String.fromCharCode(code);
  });
  return { code: out, problems };
}

/**
 * What javac would say about the code's syntax: its unicode escapes translated first, then
 * java-parser.
 */
export function javacSyntaxProblems(code: string): string[] {
  const t = javaUnicodeTranslated(code);
  return t.problems.length > 0 ? t.problems : javaProblems(t.code);
}

/**
 * Calcite's lexer (Flink SQL) takes no line break inside a back-quoted identifier, where
 * dt-sql-parser's grammar does: each back-quoted identifier that holds one, outside comments and
 * string literals.
 */
export function calciteIdentifierProblems(sql: string): string[] {
  const problems: string[] = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n' && sql[i] !== '\r') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === "'" || c === '`') {
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) j++;
          else break;
        }
      }
      const body = sql.slice(i + 1, j);
      if (c === '`' && /[\n\r]/.test(body)) problems.push(`line break in the identifier \`${JSON.stringify(body)}\``);
      i = j;
    }
  }
  return problems;
}

/** The kind of each statement (dt-sql-parser's parse tree, three levels below the statement). */
export function sqlStatementKinds(sql: string): string[] {
  flink ??= new FlinkSQL();
  type Node = { constructor: { name: string }; children?: Node[] | null };
  const tree = flink.parse(asGrammarKnowsIt(sql)) as unknown as Node;
  const kind = (n: Node, depth: number): string => {
    const name = n.constructor.name.replace(/\$\d+$/, '').replace(/Context$/, '');
    const first = n.children?.[0];
    return depth === 0 || !first ? name : `${name}/${kind(first, depth - 1)}`;
  };
  return (tree.children ?? []).filter((c) => c.constructor.name.startsWith('SingleStatement')).map((s) => kind(s, 4));
}

type CstNode = { name: string; children: Record<string, (CstNode | { image: string })[]> };
const cstKids = (n: CstNode, key: string): CstNode[] => (n.children[key] ?? []) as CstNode[];
const cstFind = (n: CstNode, name: string): CstNode[] => {
  const found: CstNode[] = [];
  const stack = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.name === name) found.push(x);
    else for (const list of Object.values(x.children ?? {})) for (const c of list) if ('name' in c) stack.push(c as CstNode);
  }
  return found;
};
const cstText = (n: CstNode | { image: string }): string =>
  'image' in n ? n.image : Object.values(n.children).flat().map(cstText).join(' ');

/**
 * The members of the top-level class (after javac's unicode translation): each field, method and
 * nested class by kind and name, and for each method the number of statements in its body.
 */
export function javaMembers(code: string): string[] {
  const checked = javacCheck(code);
  if (checked.problems.length > 0) throw new Error(checked.problems.join('\n'));
  return checked.members;
}

/** javacSyntaxProblems and javaMembers with one parse: the problems, and the members if none. */
export function javacCheck(code: string): { problems: string[]; members: string[] } {
  const t = javaUnicodeTranslated(code);
  if (t.problems.length > 0) return { problems: t.problems, members: [] };
  let cst: CstNode;
  try {
    cst = parseJava(t.code) as unknown as CstNode;
  } catch (e) {
    return { problems: [e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e)], members: [] };
  }
  return { problems: [], members: membersOf(cst) };
}

function membersOf(cst: CstNode): string[] {
  const body = cstFind(cst, 'classBody')[0];
  return cstKids(body, 'classBodyDeclaration').map((decl) => {
    const member = cstKids(decl, 'classMemberDeclaration')[0];
    if (!member) return Object.keys(decl.children).join('+');
    const [kind, node] = Object.entries(member.children)[0] as [string, CstNode[]];
    if (kind === 'fieldDeclaration') return `field ${cstText(cstFind(node[0], 'variableDeclaratorId')[0])}`;
    if (kind === 'methodDeclaration') {
      const name = cstText(cstFind(node[0], 'methodDeclarator')[0]).split(' ')[0];
      const statements = cstFind(node[0], 'blockStatements')[0];
      return `method ${name} ${statements ? cstKids(statements, 'blockStatement').length : 0} statements`;
    }
    if (kind === 'classDeclaration') return `class ${cstText(cstFind(node[0], 'typeIdentifier')[0])}`;
    return kind;
  });
}

const PYTHON_STRUCTURE = `
import ast, json, sys
out = []
for src in json.load(sys.stdin):
    try:
        out.append({"nodes": [type(n).__name__ for n in ast.parse(src).body]})
    except (SyntaxError, ValueError) as e:
        out.append({"error": f"{getattr(e, 'lineno', '?')}:{getattr(e, 'offset', '?')}: {e}"})
print(json.dumps(out))
`;

/** For each script: the types of its top-level statements (Python's ast), or the parse error. */
export function pythonTopLevel(scripts: readonly string[]): ({ nodes: string[] } | { error: string })[] {
  const r = spawnSync('python3', ['-c', PYTHON_STRUCTURE], { input: JSON.stringify(scripts), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout) as ({ nodes: string[] } | { error: string })[];
}
