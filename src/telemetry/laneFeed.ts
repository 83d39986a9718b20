// One engine mode's telemetry where the engine runs (the worker): its facts folded into RunData as
// they come, and what the page has not been sent yet, as a patch. Folding here rather than on the
// page means a fast-forward that makes a million facts a second costs the page one small patch per
// delivery, not the facts. The page's copy differs in one respect: metrics samples in `sampleLog`
// keep only the operators the charts read (`chartNodes`: sources and sinks); a sample of a 300-node
// graph is ~55 KB whole, and the log holds hundreds.
import type { Fact, FactOf } from '../engine/index.ts';
import { diff } from './patch.ts';
import type { Patch } from './patch.ts';
import { emptyRunData, reduceFacts } from './reduceFacts.ts';
import type { RunData } from './reduceFacts.ts';

type Sample = FactOf<'metrics.sampled'>;

export type LaneFeed = ReturnType<typeof createLaneFeed>;

export function createLaneFeed(chartNodes: ReadonlySet<string>) {
  let state = emptyRunData();
  let sent = emptyRunData();
  // The page's sample log, mapped item by item (and kept while the log is), so that a patch finds
  // the items it was sent before by reference.
  const slim = new WeakMap<Sample, Sample>();
  let logOf: Sample[] = state.sampleLog;
  let log: Sample[] = [];
  const slimmed = (s: Sample): Sample => {
    let out = slim.get(s);
    if (!out) {
      const operators: Sample['operators'] = {};
      for (const id of chartNodes) if (s.operators[id]) operators[id] = s.operators[id];
      out = { ...s, operators, edges: {} };
      slim.set(s, out);
    }
    return out;
  };
  const pageView = (): RunData => {
    if (state.sampleLog !== logOf) (logOf = state.sampleLog), (log = logOf.map(slimmed));
    return { ...state, sampleLog: log };
  };
  return {
    add(facts: readonly Fact[]): void {
      state = reduceFacts(state, facts);
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
