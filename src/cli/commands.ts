// The `streamlab` command line (job-format.md, "Command line") as a pure function of its arguments
// and an injected file system, so that tests run it in-process. main.ts binds it to the real one.
//
// Exit codes: 0 success; 2 invalid input (unreadable file, invalid JSON, schema or graph errors,
// bad flags), with `path: message` lines on stderr and nothing written; 1 internal error.
import pkg from '../../package.json' with { type: 'json' };
import { parseJob, formatProblem, type Problem, SweepInputError } from '../model/index.ts';
import { runJob } from '../engine/index.ts';
import type { Job, Mode } from '../model/index.ts';
import { parseJson } from './json.ts';
import { EXPORT_TARGETS, exportJob, type ExportTarget, type ExportWarning } from '../export/index.ts';
import { sweepCommand } from './sweep.ts';

export type CliIO = {
  /** Returns the file's text; throws (with a Node-style `code` if it can) when it cannot. */
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment, for STREAMLAB_DEBUG=1 (stack traces on internal errors). */
  env?: Readonly<Record<string, string | undefined>>;
};

export const VERSION: string = pkg.version;

export { EXPORT_TARGETS };

/**
 * Exporters by target: the code and what the target cannot express. `raw` is the document as
 * given: `json` writes it unchanged (no defaults filled in), so export then import is the identity.
 */
const exporters: Record<ExportTarget, (job: Job, raw: unknown) => { code: string; warnings: ExportWarning[] }> = {
  json: (_job, raw) => ({ code: `${JSON.stringify(raw, null, 2)}\n`, warnings: [] }),
  'flink-sql': (job) => exportJob(job, 'flink-sql'),
  'flink-java': (job) => exportJob(job, 'flink-java'),
  pyspark: (job) => exportJob(job, 'pyspark'),
};

/** `warning: node "count": …` for each thing the target cannot express (also a WARNING comment in the code). */
const exportWarningLines = (warnings: ExportWarning[]) =>
  warnings.map((w) => `warning: ${w.node === null ? 'job' : `node ${JSON.stringify(w.node)}`}: ${oneLine(w.message)}\n`).join('');

export const USAGE = `streamlab ${VERSION}: simulate a streaming job as Spark Structured Streaming (microbatch) or Apache Flink (dataflow)

usage:
  streamlab run JOB.json [--mode microbatch|dataflow] [--until MS] [--out FILE]
      run the job; write the streamlab.result/v1 JSON to FILE or stdout
  streamlab validate JOB.json
      check the job; one "path: message" line per error on stderr
  streamlab export JOB.json --to ${EXPORT_TARGETS.join('|')} [--out FILE]
      write the job in another form
  streamlab sweep JOB.json --set PATH=V1,V2,… | --set PATH=FROM:TO:STEP [--mode microbatch|dataflow|both]
                 [--format json|csv] [--out FILE]
      run the job once per value of one parameter (PATH: a dotted path, nodes by id, e.g.
      nodes.wm.params.delayMs; at most 200 values) and write the streamlab.sweep/v1 metrics per
      value and mode (completeness, latency p50/p95, results, revisions, late records, state)
  streamlab --help | --version

exit status: 0 success, 2 invalid input (nothing written), 1 internal error
`;

/** Invalid input: exit 2 with these lines on stderr. (Not an Error: no stack trace to capture.) */
class InputError {
  constructor(readonly lines: string[]) {}
}

const fail = (...lines: string[]): never => {
  throw new InputError(lines);
};

type FlagSpec = Record<string, 'value'>;
const COMMANDS: Record<string, FlagSpec> = {
  run: { '--mode': 'value', '--until': 'value', '--out': 'value' },
  validate: {},
  export: { '--to': 'value', '--out': 'value' },
  sweep: { '--set': 'value', '--mode': 'value', '--format': 'value', '--out': 'value' },
};

type Parsed = { command: string; file: string; flags: Map<string, string> };

function parseArgs(argv: readonly string[]): Parsed | 'help' | 'version' {
  if (argv.length === 0) fail('usage: streamlab run|validate|export|sweep JOB.json ... (see streamlab --help)');
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return 'help';
  if (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version') return 'version';
  const [command, ...rest] = argv;
  const spec = COMMANDS[command];
  if (!spec) {
    const what = command.startsWith('-') ? `unknown option ${JSON.stringify(command)}` : `unknown command ${JSON.stringify(command)}`;
    fail(`streamlab: ${what}; expected run, validate, export or sweep (see streamlab --help)`);
  }
  const flags = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!(name in spec)) {
        const allowed = Object.keys(spec);
        fail(`${name}: unknown option for ${command}${allowed.length ? `; expected ${allowed.join(', ')}` : ''}`);
      }
      if (flags.has(name)) fail(`${name}: given more than once`);
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) value = rest[++i];
      if (value === undefined || value === '') fail(`${name}: needs a value`);
      flags.set(name, value!);
    } else if (arg.startsWith('-') && arg !== '-') {
      fail(`${arg}: unknown option for ${command} (see streamlab --help)`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) fail(`${command}: needs a job file: streamlab ${command} JOB.json`);
  if (files.length > 1) fail(`${command}: takes one job file, got ${files.length}: ${files.join(' ')}`);
  return { command, file: files[0], flags };
}

function readJobDocument(file: string, io: CliIO): unknown {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    return fail(`${file}: cannot read: ${describeFsError(e)}`);
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return fail(`${file}:${parsed.line}:${parsed.column}: invalid JSON: ${parsed.message}`);
  return parsed.value;
}

function describeFsError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return oneLine(e instanceof Error ? e.message : String(e));
  }
}

const oneLine = (text: string) => text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim() || 'unknown error';

function parseMode(value: string | undefined): Mode | undefined {
  if (value === undefined) return undefined;
  if (value === 'microbatch' || value === 'dataflow') return value;
  return fail(`--mode: expected microbatch or dataflow, got ${JSON.stringify(value)}`);
}

function parseUntil(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[0-9]{1,13}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 1e12)) fail(`--until: expected a whole number of milliseconds from 0 to 1000000000000, got ${JSON.stringify(value)}`);
  return n;
}

function parseTarget(value: string | undefined): ExportTarget {
  const list = EXPORT_TARGETS.join(', ');
  if (value === undefined) fail(`--to: required; one of ${list}`);
  if (!(EXPORT_TARGETS as readonly string[]).includes(value!)) fail(`--to: expected one of ${list}; got ${JSON.stringify(value)}`);
  return value as ExportTarget;
}

/** Validates; on errors, exit 2 with errors (then warnings); returns the job and its warnings. */
function validated(raw: unknown, options: { mode?: Mode; untilMs?: number }): { job: Job; warnings: Problem[] } {
  const result = parseJob(raw, options);
  if (!result.ok) return fail(...result.problems.map(formatProblem).map(oneLine));
  return { job: result.job, warnings: result.warnings };
}

const warningLines = (warnings: Problem[]) => warnings.map((w) => `warning: ${oneLine(formatProblem(w))}\n`).join('');

function write(io: CliIO, out: string | undefined, text: string): void {
  if (out === undefined) return io.stdout(text);
  try {
    io.writeFile(out, text);
  } catch (e) {
    fail(`--out: cannot write ${out}: ${describeFsError(e)}`);
  }
}

function execute(argv: readonly string[], io: CliIO): number {
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed === 'version') {
    io.stdout(`streamlab ${VERSION}\n`);
    return 0;
  }
  const { command, file, flags } = parsed;
  switch (command) {
    case 'validate': {
      const { warnings } = validated(readJobDocument(file, io), {});
      io.stderr(warningLines(warnings));
      return 0;
    }
    case 'run': {
      const mode = parseMode(flags.get('--mode'));
      const untilMs = parseUntil(flags.get('--until'));
      const { job, warnings } = validated(readJobDocument(file, io), { mode, untilMs });
      io.stderr(warningLines(warnings));
      const result = runJob(job, { ...(mode ? { mode } : {}), ...(untilMs !== undefined ? { untilMs } : {}) });
      // A run that stopped at its budget (engine/job/limits.ts) is partial: refused, nothing written.
      if (result.limitReached) fail(`${untilMs !== undefined ? '--until' : 'settings.untilMs'}: ${oneLine(result.limitReached.message)}`);
      // Quiet numeric faults (division by zero, Infinity, a ts that is not a number): said, not fatal.
      const faultLines = (result.warnings ?? []).map((w) => `warning: nodes[${job.nodes.findIndex((n) => n.id === w.node)}]: ${oneLine(w.message)}\n`);
      write(io, flags.get('--out'), `${JSON.stringify(result, null, 2)}\n`);
      io.stderr(faultLines.join(''));
      return 0;
    }
    case 'export': {
      const target = parseTarget(flags.get('--to'));
      const raw = readJobDocument(file, io);
      const { job, warnings } = validated(raw, {});
      const exported = exporters[target](job, raw);
      io.stderr(warningLines(warnings) + exportWarningLines(exported.warnings));
      write(io, flags.get('--out'), exported.code);
      return 0;
    }
    case 'sweep': {
      const raw = readJobDocument(file, io);
      let text: string;
      try {
        text = sweepCommand(raw, flags);
      } catch (e) {
        if (e instanceof SweepInputError) return fail(...e.problems.map((p) => oneLine(`${p.path}: ${p.message}`)));
        throw e;
      }
      write(io, flags.get('--out'), text);
      return 0;
    }
    default:
      throw new Error(`unhandled command ${command}`);
  }
}

/** Runs the command line; returns the exit code. Never throws. */
export function runCli(argv: readonly string[], io: CliIO): number {
  try {
    return execute(argv, io);
  } catch (e) {
    try {
      if (e instanceof InputError) {
        io.stderr(e.lines.map((l) => `${l}\n`).join(''));
        return 2;
      }
      const debug = io.env?.STREAMLAB_DEBUG === '1';
      const message = e instanceof Error ? e.message : String(e);
      io.stderr(`internal error: ${oneLine(message)}\n`);
      if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    } catch {
      // stderr itself failed: nothing left to tell.
    }
    return 1;
  }
}
