// A small fluent harness over the engine's public entry points (`createSimulation`, the result
// document and the facts), so that a test reads as the rule it checks:
//
//   const run = harness(j).mode('dataflow').run();
//   run.expectWatermark('win', 9999);
//   expect(run.windows('out')).toEqual([...]);
import { expect } from 'vitest';
import type { Fact, FactOf, FactType, Job, Mode, BatchEntry, LateRecord, Result, Row, SideOutputEntry, SinkWrite } from '../../model/index.ts';
import { createSimulation } from '../simulation.ts';

export type WindowRow = { key?: unknown; windowStart: number; windowEnd: number; count: number; pane?: unknown; paneIndex?: unknown };

export class Harness {
  private modeOverride: Mode | undefined;
  private untilOverride: number | undefined;
  constructor(private readonly job: Job) {}

  mode(mode: Mode): this {
    this.modeOverride = mode;
    return this;
  }

  until(ms: number): this {
    this.untilOverride = ms;
    return this;
  }

  run(): Run {
    const facts: Fact[] = [];
    const sim = createSimulation(this.job, {
      mode: this.modeOverride,
      untilMs: this.untilOverride,
      onFacts: (batch) => {
        for (const f of batch) facts.push(f);
      },
    });
    sim.runToEnd();
    const result = sim.result();
    sim.dispose();
    return new Run(result, facts);
  }
}

export const harness = (job: Job): Harness => new Harness(job);

export class Run {
  constructor(
    readonly result: Result,
    readonly allFacts: readonly Fact[],
  ) {}

  get mode(): Mode {
    return this.result.mode;
  }

  get batches(): BatchEntry[] {
    return this.result.batches;
  }

  /** Every write of a sink, in write order. */
  sinkWrites(id = 'out'): SinkWrite[] {
    const writes = this.result.sinks[id];
    if (writes === undefined) throw new Error(`no sink ${id} in the result (sinks: ${Object.keys(this.result.sinks).join(', ')})`);
    return writes;
  }

  sinkRecords(id = 'out'): Row[] {
    return this.sinkWrites(id).map((w) => w.record);
  }

  /** The records a sink wrote with processing time in [fromMs, toMs). */
  sinkRecordsBetween(id: string, fromMs: number, toMs: number): Row[] {
    return this.sinkWrites(id)
      .filter((w) => w.atMs >= fromMs && w.atMs < toMs)
      .map((w) => w.record);
  }

  /** Window results of a sink reduced to key, bounds and `count` (plus pane fields in dataflow mode). */
  windows(id = 'out', opts: { withPane?: boolean } = {}): WindowRow[] {
    return this.sinkRecords(id).map((r) => windowRow(r, opts.withPane ?? false));
  }

  /** Window results with the processing time they were written at. */
  windowWrites(id = 'out', opts: { withPane?: boolean } = {}): (WindowRow & { atMs: number; batchId?: number })[] {
    return this.sinkWrites(id).map((w) => {
      const row: WindowRow & { atMs: number; batchId?: number } = { ...windowRow(w.record, opts.withPane ?? false), atMs: w.atMs };
      if (w.batchId !== undefined) row.batchId = w.batchId;
      return row;
    });
  }

  /** Records a node found late (dropped or side-output). */
  late(node: string): LateRecord[] {
    return this.result.lateRecords.filter((l) => l.node === node);
  }

  /** Entries of the side output `node:name` ([] when none). */
  sideOutput(node: string, name: string): SideOutputEntry[] {
    return this.result.sideOutputs[`${node}:${name}`] ?? [];
  }

  /** droppedLate.<node> (0 when absent). */
  dropped(node: string): number {
    return this.result.droppedLate[node] ?? 0;
  }

  watermarks(node: string): [number, number][] {
    return this.result.watermarks[node] ?? [];
  }

  /** The node's watermark as of processing time `atMs` (its last advance at or before), or null. */
  watermarkAt(node: string, atMs: number): number | null {
    let wm: number | null = null;
    for (const [at, ms] of this.watermarks(node)) if (at <= atMs) wm = ms;
    return wm;
  }

  /** The first processing time at which the node's watermark reached `ms`, or null. */
  firstReached(node: string, ms: number): number | null {
    for (const [at, v] of this.watermarks(node)) if (v >= ms) return at;
    return null;
  }

  lastWatermark(node: string): number | null {
    const list = this.watermarks(node);
    return list.length === 0 ? null : list[list.length - 1][1];
  }

  /** Asserts the node's last watermark (or, with `atMs`, its watermark as of that time). */
  expectWatermark(node: string, ms: number | null, atMs?: number): this {
    const actual = atMs === undefined ? this.lastWatermark(node) : this.watermarkAt(node, atMs);
    expect(actual, `watermark of ${node}${atMs === undefined ? '' : ` at ${atMs}`}`).toBe(ms);
    return this;
  }

  facts<T extends FactType>(type: T): FactOf<T>[] {
    return this.allFacts.filter((f): f is FactOf<T> => f.type === type);
  }

  notes(node?: string): string[] {
    return this.result.notes.filter((n) => node === undefined || n.node === node).map((n) => n.message);
  }

  /** The batch that started at `startMs` (micro-batch). */
  batchAt(startMs: number): BatchEntry | undefined {
    return this.batches.find((b) => b.startMs === startMs);
  }
}

export function windowRow(r: Row, withPane: boolean): WindowRow {
  const row: WindowRow = { windowStart: r.windowStart as number, windowEnd: r.windowEnd as number, count: r.count as number };
  if ('key' in r) row.key = r.key;
  if (withPane) {
    row.pane = r.pane;
    row.paneIndex = r.paneIndex;
  }
  return row;
}

/** Sorts window rows by (windowStart, windowEnd, key) so that tests can compare lists. */
export function byWindow<T extends { windowStart: number; windowEnd: number; key?: unknown }>(rows: T[]): T[] {
  return [...rows].sort(
    (a, b) => a.windowStart - b.windowStart || a.windowEnd - b.windowEnd || String(a.key).localeCompare(String(b.key)),
  );
}
