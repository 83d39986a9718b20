// Scenario 7c, savepoints and retained checkpoints: periodic checkpoints (retained on cancel with
// externalized = retain) and two savepoints on demand; a crash after the second savepoint restores
// the latest *checkpoint*, not the newer savepoint — savepoints are the user's, not used for failover
// (spec §2.9, §2.10; Flink 1.15+).
import { describe, expect, it } from 'vitest';
import type { Result } from '../../model/index.ts';
import { runScenario, withoutFaults, type Patch } from '../test-support/scenarios.ts';

const ID = 'savepoints';
type Entry = Result['checkpoints'][number] & { retainedOnCancel?: boolean };
const entries = (r: Result) => r.checkpoints as Entry[];
/** What a read-committed consumer of the Kafka sink sees in the end. */
const visible = (r: Result) =>
  r.sinks.out
    .filter((w) => w.visibleAtMs !== null)
    .map((w) => `${w.record.key}[${w.record.windowStart}]=${w.record.revenue}`)
    .sort();

describe(`scenario ${ID}`, () => {
  const run = runScenario(ID, 'dataflow').result;

  it('savepoints are taken when asked (7 s, 14.5 s), checkpoints every 4 s; all are retained on cancel', () => {
    const savepoints = entries(run).filter((c) => c.kind === 'savepoint');
    expect(savepoints.map((c) => [c.triggeredAtMs, c.status])).toEqual([
      [7000, 'completed'],
      [14_500, 'completed'],
    ]);
    const checkpoints = entries(run).filter((c) => c.kind === 'checkpoint' && c.status === 'completed');
    for (const c of checkpoints) expect(c.triggeredAtMs % 4000).toBe(0);
    for (const c of entries(run)) expect(c.retainedOnCancel).toBe(true);
  });

  it('after the crash at 15 s the job restores checkpoint 4 (12 s), not the savepoint taken at 14.5 s', () => {
    const [failure] = run.failures;
    const savepoint = entries(run).find((c) => c.triggeredAtMs === 14_500)!;
    const lastCheckpoint = entries(run)
      .filter((c) => c.kind === 'checkpoint' && c.status === 'completed' && c.completedAtMs! <= 15_000)
      .at(-1)!;
    expect(lastCheckpoint.triggeredAtMs).toBe(12_000);
    expect(failure).toMatchObject({ atMs: 15_000, restoredFrom: lastCheckpoint.id, stateLost: false });
    expect(savepoint.id).toBeGreaterThan(lastCheckpoint.id);
  });

  it('the read-committed output equals a run without the crash', () => {
    expect(visible(run)).toEqual(visible(runScenario(ID, 'dataflow', withoutFaults).result));
  });

  it('“try” — externalized: delete: checkpoints are dropped on cancel, savepoints are kept', () => {
    const r = runScenario(ID, 'dataflow', (doc) => void (doc.settings.dataflow.checkpointing.externalized = 'delete')).result;
    for (const c of entries(r)) expect(c.retainedOnCancel).toBe(c.kind === 'savepoint');
  });

  // Spec §2.12: checkpoint EXACTLY_ONCE + 2PC sink + read_committed consumer is exactly-once, also
  // around savepoints: intermediate savepoints commit no side effects and are not used for failover
  // (Flink 1.15+, FLINK-25191). Window [10 s, 15 s) fires at 16.6 s, after checkpoint 4 (16 s); the
  // savepoint at 17 s must not commit it, since the crash at 18 s restores checkpoint 4 and replays it.
  const savepointThenCrash: Patch = (doc) => {
    doc.faults = [
      { atMs: 17_000, kind: 'savepoint' },
      { atMs: 18_000, kind: 'crash' },
    ];
  };
  it('exactly-once survives a crash right after a savepoint (no duplicates for read-committed readers)', () => {
    const r = runScenario(ID, 'dataflow', savepointThenCrash).result;
    expect(visible(r)).toEqual(visible(runScenario(ID, 'dataflow', withoutFaults).result));
  });
});
