// One engine mode's telemetry where the engine runs (the worker): its facts folded into RunData as
// they come, and what the page has not been sent yet, as a patch. Folding here rather than on the
// page means a fast-forward that makes a million facts a second costs the page one patch per
// delivery, not the facts. The page's copy is lighter where it does not look, in what holds
// hundreds of items: metrics samples in `sampleLog` keep only what the charts read (the records in
// and out of `chartNodes`, sources and sinks; a sample of a 300-node graph is ~55 KB whole);
// watermark histories are those of `historyNodes` only (the ones drawn); and checkpoints keep
// their per-operator breakdown only if they arrive among the last DETAILED_CHECKPOINTS (the ones
// the checkpoint table shows; a fast-forward completes hundreds between two deliveries).
import type { CheckpointEntry, Fact } from '../model/index.ts';
import { diff } from './patch.ts';
import type { Patch } from './patch.ts';
import { emptyRunData, reduceFacts } from './reduceFacts.ts';
import type { ChartSample, RunData } from './reduceFacts.ts';

/** Checkpoints the page shows in detail: the last this many. */
export const DETAILED_CHECKPOINTS = 100;

export type RunFeed = ReturnType<typeof createRunFeed>;

/**
 * A list mapped item by item for the page: each item once (so that a patch finds the items it sent
 * before by reference), the whole list again only when the fold made a new one.
 */
function pageList<T extends object>(map: (item: T, index: number, list: readonly T[]) => T) {
  const mapped = new WeakMap<T, T>();
  let of: readonly T[] = [];
  let out: T[] = [];
  return (list: T[]): T[] => {
    if (list === of) return out;
    of = list;
    out = list.map((item, i) => {
      let m = mapped.get(item);
      if (!m) mapped.set(item, (m = map(item, i, list)));
      return m;
    });
    return out;
  };
}

export function createRunFeed(chartNodes: ReadonlySet<string>, historyNodes: ReadonlySet<string>) {
  let state = emptyRunData();
  let sent = emptyRunData();
  const sampleLog = pageList<ChartSample>((s) => {
    const operators: ChartSample['operators'] = {};
    for (const id of chartNodes) {
      const op = s.operators[id];
      if (op) operators[id] = { recordsIn: op.recordsIn, recordsOut: op.recordsOut };
    }
    return { atMs: s.atMs, periodMs: s.periodMs, sourceLag: s.sourceLag, operators };
  });
  const checkpoints = pageList<CheckpointEntry>((c, i, list) => {
    if (i >= list.length - DETAILED_CHECKPOINTS || !('operators' in c)) return c;
    const { operators: _, ...rest } = c;
    return rest as CheckpointEntry;
  });
  let historiesOf: RunData['watermarkHistory'] = {};
  let histories: RunData['watermarkHistory'] = {};
  const drawnHistories = (all: RunData['watermarkHistory']) => {
    if (all !== historiesOf) {
      historiesOf = all;
      histories = {};
      for (const id of historyNodes) if (all[id]) histories[id] = all[id];
    }
    return histories;
  };
  const pageView = (): RunData => ({
    ...state,
    sampleLog: sampleLog(state.sampleLog),
    checkpoints: checkpoints(state.checkpoints),
    watermarkHistory: drawnHistories(state.watermarkHistory),
  });
  return {
    add(facts: readonly Fact[]): void {
      state = reduceFacts(state, facts);
    },
    /** The plot's record dots (not facts: they come from the job, once per load). */
    setSourceRecords(sourceRecords: RunData['sourceRecords']): void {
      state = { ...state, sourceRecords };
    },
    state: (): RunData => state,
    /** What changed for the page since the last call (undefined: nothing). */
    take(): Patch | undefined {
      const view = pageView();
      const patch = diff(sent, view);
      sent = view;
      return patch;
    },
  };
}
