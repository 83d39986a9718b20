// `streamlab sweep JOB.json --set PATH=V1,V2,… | --set PATH=FROM:TO:STEP [--mode microbatch|dataflow|both]
// [--format json|csv] [--out FILE]`: the flags read into a sweep plan, the runs, the output text.
// Bad input is a SweepInputError (commands.ts turns it into `path: message` lines and exit 2)
// raised before any run starts, so nothing is written.
import { parseSetFlag, SweepInputError, planSweep, sweepCsv, sweepJson, type SweepModes } from '../model/index.ts';
import { runSweep } from '../engine/index.ts';

export const SWEEP_FORMATS = ['json', 'csv'] as const;
export type SweepFormat = (typeof SWEEP_FORMATS)[number];

const bad = (path: string, message: string): never => {
  throw new SweepInputError([{ path, message }]);
};

function parseSweepMode(value: string | undefined): SweepModes | null {
  if (value === undefined) return null;
  if (value === 'microbatch' || value === 'dataflow' || value === 'both') return value;
  return bad('--mode', `expected microbatch, dataflow or both, got ${JSON.stringify(value)}`);
}

function parseFormat(value: string | undefined): SweepFormat {
  if (value === undefined) return 'json';
  if ((SWEEP_FORMATS as readonly string[]).includes(value)) return value as SweepFormat;
  return bad('--format', `expected json or csv, got ${JSON.stringify(value)}`);
}

/** The sweep's output text for a job document and the command's flags. */
export function sweepCommand(raw: unknown, flags: ReadonlyMap<string, string>): string {
  const set = flags.get('--set');
  if (set === undefined) bad('--set', 'required: --set PATH=V1,V2,… or --set PATH=FROM:TO:STEP');
  const modes = parseSweepMode(flags.get('--mode'));
  const format = parseFormat(flags.get('--format'));
  const { path, values } = parseSetFlag(set!);
  const plan = planSweep(raw, path, values, modes);
  const doc = runSweep(plan);
  return format === 'csv' ? sweepCsv(doc) : sweepJson(doc);
}
