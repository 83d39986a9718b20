// Issue-3 workloads for `npm run bench`: what backpressure and checkpointing cost.
// - backpressure-slow-branch: a 1M-record source feeding a fast map and a map that can take only
//   half the input rate; its per-record cost beside tumbling-1M-dataflow's (target: at most 2×).
// - checkpoint-every-1s-with-failure: tumbling-1M-dataflow with aligned barriers every simulated
//   second and a crash at 6.5 s; its time beside the same run without checkpoints (target: at most
//   1.3×), and the read-committed output must equal the failure-free run's.
//
// Every job runs in a fresh process of its own (run.ts spawns `faults.ts JOB`): run after another
// job in the same process, a job pays for the other's type feedback in V8's inline caches (the slow
// branch ran 2× slower after the tumbling job, and the tumbling job 1.4× slower after the slow
// branch), which would measure the order of the runs rather than the engine.
import type { Fact } from '../model/index.ts';
import { jobSchema, type Job } from '../model/index.ts';
import { createSimulation } from '../engine/index.ts';
import { findWorkload, jobOf } from './workloads.ts';

export const faultWorkloads = ['backpressure-slow-branch', 'checkpoint-every-1s-with-failure'] as const;
export type FaultWorkload = (typeof faultWorkloads)[number];

/** The jobs the two workloads measure; each runs in its own process. */
export const faultJobs = ['tumbling', 'eos', 'eos-checkpointed', 'eos-checkpointed-crash', 'slow-branch'] as const;
export type FaultJob = (typeof faultJobs)[number];

/** What a workload compares: the measured job, its baseline, and jobs whose output must agree. */
export const faultPlan: Record<FaultWorkload, { measured: FaultJob; baseline: FaultJob; also: FaultJob[]; target: number }> = {
  'backpressure-slow-branch': { measured: 'slow-branch', baseline: 'tumbling', also: [], target: 2 },
  'checkpoint-every-1s-with-failure': { measured: 'eos-checkpointed-crash', baseline: 'eos', also: ['eos-checkpointed'], target: 1.3 },
};

export type JobReport = {
  job: FaultJob;
  /** Source records. */
  records: number;
  /** The faster of two runs. */
  seconds: number;
  /** Sink writes, and what a read-committed reader sees, as sorted `key → count` digests. */
  writes: number;
  committed: number;
  committedDigest: string;
  /** slow-branch: writes per sink. */
  perSink: Record<string, number>;
};

export type FaultReport = {
  name: FaultWorkload;
  records: number;
  seconds: number;
  baselineSeconds: number;
  /** seconds ÷ baselineSeconds (per record, for the slow branch). */
  ratio: number;
  target: number;
  checks: { ok: boolean; detail: string };
};

function tumbling(patch: (doc: Record<string, any>) => void): Job {
  const doc = JSON.parse(JSON.stringify(jobOf(findWorkload('tumbling-1M-dataflow')))) as Record<string, any>;
  patch(doc);
  return jobSchema.parse(doc);
}

const eos = (doc: Record<string, any>) => {
  doc.nodes.find((n: { id: string }) => n.id === 'out').params = { connector: 'kafka', delivery: 'exactly-once' };
};
const checkpointed = (doc: Record<string, any>) => {
  eos(doc);
  doc.settings.dataflow.checkpointing = { intervalMs: 1000, mode: 'aligned' };
};

function slowBranch(): Job {
  const base = findWorkload('tumbling-1M-dataflow');
  return jobSchema.parse({
    format: 'streamlab.job/v1',
    name: 'backpressure-slow-branch',
    mode: 'dataflow',
    settings: { seed: 1, dataflow: { bufferCapacity: 8 } },
    nodes: [
      { id: 'src', kind: 'source', params: { connector: 'rate', generator: { ratePerSec: base.ratePerSec, keys: base.keys, endMs: (base.records * 1000) / base.ratePerSec } } },
      { id: 'fast', kind: 'map', params: { fields: { key: 'key', value: 'value' } } },
      // 0.02 ms a record: 50k records/s against a 100k/s source.
      { id: 'slow', kind: 'map', costMs: 0.02, params: { fields: { key: 'key', value: 'value' } } },
      { id: 'fastOut', kind: 'sink', params: {} },
      { id: 'slowOut', kind: 'sink', params: {} },
    ],
    edges: [
      { from: 'src', to: 'fast' },
      { from: 'src', to: 'slow' },
      { from: 'fast', to: 'fastOut' },
      { from: 'slow', to: 'slowOut' },
    ],
  });
}

function jobFor(job: FaultJob): Job {
  switch (job) {
    case 'tumbling':
      return jobOf(findWorkload('tumbling-1M-dataflow'));
    case 'eos':
      return tumbling(eos);
    case 'eos-checkpointed':
      return tumbling(checkpointed);
    case 'eos-checkpointed-crash':
      return tumbling((doc) => {
        checkpointed(doc);
        doc.faults = [{ kind: 'crash', atMs: 6500 }];
      });
    case 'slow-branch':
      return slowBranch();
  }
}

/** Runs one job twice (keeping the faster time, the last run's counts). */
export function runFaultJob(name: FaultJob): JobReport {
  const job = jobFor(name);
  let seconds = Infinity;
  let counts: ReturnType<typeof runOnce> | null = null;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    counts = runOnce(job);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  const { writes, committed, perSink } = counts!;
  const sorted = [...committed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    job: name,
    records: findWorkload('tumbling-1M-dataflow').records,
    seconds,
    writes: total(writes),
    committed: total(committed),
    committedDigest: fnv(sorted.map(([k, n]) => `${k}=${n}`).join('\n')),
    perSink,
  };
}

/** Sink counts only: every write, and what read-committed readers see. */
function runOnce(job: Job) {
  const writes = new Map<string, number>();
  const committed = new Map<string, number>();
  const pending = new Map<string, string[]>();
  const perSink: Record<string, number> = {};
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const keyed = job.nodes.some((n) => n.kind === 'window');
  // The slow branch's sinks see a million rows each: counted, not kept, in as light a loop as can be
  // (the harness's own work is inside the measured time).
  let fast = 0;
  let slow = 0;
  const countSinks = (facts: Fact[]) => {
    for (let i = 0; i < facts.length; i++) {
      const f = facts[i];
      if (f.type === 'record.written') {
        if (f.node === 'fastOut') fast++;
        else slow++;
      }
    }
  };
  const onFacts = (facts: Fact[]) => {
    for (const f of facts) {
      if (f.type === 'record.written') {
        perSink[f.node] = (perSink[f.node] ?? 0) + 1;
        const r = f.write.record;
        const k = `${f.node}|${r.key}|${r.windowStart}|${r.count ?? ''}`;
        add(writes, k);
        if (f.write.txn === undefined) add(committed, k);
        else {
          const t = `${f.node}:${f.write.txn}`;
          const list = pending.get(t);
          if (list) list.push(k);
          else pending.set(t, [k]);
        }
      } else if (f.type === 'transaction.committed' || f.type === 'transaction.aborted') {
        const t = `${f.node}:${f.txn}`;
        if (f.type === 'transaction.committed') for (const k of pending.get(t) ?? []) add(committed, k);
        pending.delete(t);
      }
    }
  };
  createSimulation(job, { buildResult: false, onFacts: keyed ? onFacts : countSinks }).runToEnd();
  if (!keyed) Object.assign(perSink, { fastOut: fast, slowOut: slow });
  return { writes, committed, perSink };
}

const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Puts a workload's row together from the reports of its jobs (each from its own process). */
export function faultReport(name: FaultWorkload, jobs: ReadonlyMap<FaultJob, JobReport>): FaultReport {
  const plan = faultPlan[name];
  const measured = jobs.get(plan.measured)!;
  const baseline = jobs.get(plan.baseline)!;
  const row = {
    name,
    records: measured.records,
    seconds: measured.seconds,
    baselineSeconds: baseline.seconds,
    ratio: measured.seconds / baseline.seconds,
    target: plan.target,
  };
  if (name === 'backpressure-slow-branch') {
    const fast = measured.perSink.fastOut ?? 0;
    const slow = measured.perSink.slowOut ?? 0;
    const ok = fast === measured.records && slow === measured.records;
    return { ...row, checks: { ok, detail: `${ok ? 'ok' : 'LOST RECORDS'}: ${fast} fast + ${slow} slow of ${measured.records} each` } };
  }
  const also = jobs.get('eos-checkpointed')!;
  const ok = measured.committedDigest === baseline.committedDigest && also.committedDigest === baseline.committedDigest && measured.committed === baseline.committed;
  return {
    ...row,
    checks: {
      ok,
      detail: `${ok ? 'ok' : 'MISMATCH'}: ${measured.committed} committed window results = failure-free ${baseline.committed} (checkpoints without the crash: ${(also.seconds / baseline.seconds).toFixed(2)}×; ${measured.writes - measured.committed} aborted writes)`,
    },
  };
}

// As a child process: `tsx src/bench/faults.ts JOB` prints one JSON line.
if (process.argv[1]?.endsWith('faults.ts') && process.argv[2]) {
  console.log(JSON.stringify(runFaultJob(process.argv[2] as FaultJob)));
}
