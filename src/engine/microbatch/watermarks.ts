// Spark's WatermarkTracker (spec §1.4): after each batch, every `watermark` node that saw rows moves
// to max(previous, batch max event time − delay); a node that has seen nothing counts as 0; the
// global watermark is the min (or max) over nodes and never goes back.
import type { Fact } from '../../model/index.ts';
import type { Plan } from '../plan.ts';

export type MbWatermarks = {
  globalMs(): number;
  /** Applies a finished batch's statistics; returns the facts of nodes whose watermark advanced. */
  update(maxEventTime: ReadonlyMap<string, number>, atMs: number): Fact[];
  /** After a restart: per-input watermarks are not in the checkpoint, the global one is. */
  resetInputs(): void;
};

export function createMbWatermarks(plan: Plan, policy: 'min' | 'max'): MbWatermarks {
  const delays = new Map<string, number>();
  for (const p of plan.nodes) if (p.node.kind === 'watermark') delays.set(p.id, p.node.params.delayMs);
  const values = new Map<string, number>();
  /** The last value reported per node, so that a fact means a real advance. */
  const reported = new Map<string, number>();
  let global = 0;
  return {
    globalMs: () => global,
    update(maxEventTime, atMs) {
      const facts: Fact[] = [];
      for (const [id, max] of maxEventTime) {
        const candidate = max - delays.get(id)!;
        const prev = values.get(id);
        if (prev === undefined || candidate > prev) values.set(id, candidate);
      }
      // "Populate 0 if we haven't seen any data yet for a given watermark node."
      for (const id of delays.keys()) if (!values.has(id)) values.set(id, 0);
      for (const [id, v] of values) {
        if (v > (reported.get(id) ?? 0)) {
          reported.set(id, v);
          facts.push({ type: 'watermark.advanced', atMs, node: id, watermarkMs: v });
        }
      }
      if (delays.size > 0) {
        const all = [...values.values()];
        const next = policy === 'min' ? Math.min(...all) : Math.max(...all);
        if (next > global) global = next;
      }
      return facts;
    },
    resetInputs() {
      values.clear();
    },
  };
}
