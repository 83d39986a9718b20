import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Fact } from '../model/index.ts';
import { applyPatch, diff, splitPatch, weightOf } from './patch.ts';
import { emptyRunData, KEEP_ROWS, reduceFacts } from './reduceFacts.ts';

describe('patches', () => {
  it('sends nothing for what did not change, and keys or tails for what did', () => {
    const rows = [{ a: 1 }, { a: 2 }];
    const prev = { n: 1, same: { x: 1 }, counts: { a: { in: 1 }, b: { in: 2 } }, rows };
    const next = { n: 2, same: prev.same, counts: { ...prev.counts, b: { in: 3 }, c: { in: 0 } }, rows: [...rows.slice(1), { a: 3 }] };
    expect(diff(prev, next)).toEqual({
      keys: {
        n: { set: 2 },
        counts: { keys: { b: { keys: { in: { set: 3 } } }, c: { set: { in: 0 } } } },
        rows: { keep: [1, 2], append: [{ a: 3 }] },
      },
    });
    expect(diff(prev, { ...structuredClone(prev), rows })).toBeUndefined(); // equal values, other objects
    expect(diff({ a: 1, b: 2 }, { a: 1 })).toEqual({ keys: {}, removed: ['b'] });
    expect(diff([1, 2, 3, 4, 5], [1, 3, 4, 6])).toEqual({ keep: [0, 1, 2, 4], append: [6] }); // thinned, then appended
    expect(diff([1, 2], [3, 1])).toEqual({ set: [3, 1] }); // rebuilt
  });

  it('keeps the identity of everything the patch does not reach', () => {
    const prev = { counts: { a: { in: 1 }, b: { in: 2 } }, rows: [{ a: 1 }] };
    const got = applyPatch(structuredClone(prev), diff(prev, { ...prev, counts: { ...prev.counts, a: { in: 5 } } })!);
    const page = structuredClone(prev);
    const again = applyPatch(page, diff(prev, { ...prev, counts: { ...prev.counts, a: { in: 5 } } })!);
    expect(got.counts.a).toEqual({ in: 5 });
    expect(again.counts.b).toBe(page.counts.b);
    expect(again.rows).toBe(page.rows);
    // A fresh object with the same values is no change for the page (a metrics sample that repeats).
    const same = applyPatch(page, diff(prev, { ...prev, counts: { a: { in: 1 }, b: { in: 2 } } }) ?? { keys: {} });
    expect(same.counts.a).toBe(page.counts.a);
  });

  it('rebuilds the fold on the page, delivery after delivery, through a structured clone', () => {
    const fact = fc.oneof(
      fc.record({ type: fc.constant('record.emitted' as const), atMs: fc.nat(10_000), from: fc.constantFrom('a', 'b'), to: fc.constantFrom('b', 'c'), fromPort: fc.constant('out' as const), count: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ type: fc.constant('watermark.advanced' as const), atMs: fc.nat(10_000), node: fc.constantFrom('a', 'b', 'w'), watermarkMs: fc.nat(10_000) }),
      fc.record({ type: fc.constant('record.written' as const), atMs: fc.nat(10_000), node: fc.constantFrom('s1', 's2'), write: fc.record({ record: fc.record({ v: fc.nat(9) }), atMs: fc.nat(10_000), visibleAtMs: fc.nat(10_000) }) }),
      fc.record({ type: fc.constant('record.late' as const), atMs: fc.nat(10_000), node: fc.constant('w'), record: fc.record({ ts: fc.nat(9) }), watermarkMs: fc.nat(10_000), to: fc.constantFrom('dropped', 'late') }),
      fc.record({ type: fc.constant('metrics.sampled' as const), atMs: fc.nat(10_000), periodMs: fc.constant(1000), operators: fc.constant({ a: { busyMsPerSecond: 1, backPressuredMsPerSecond: 0, idleMsPerSecond: 999, status: 'OK' as const, recordsIn: 1, recordsOut: 1, queued: 0 } }), edges: fc.constant({}), sourceLag: fc.record({ a: fc.nat(5) }) }),
    ) as fc.Arbitrary<Fact>;
    fc.assert(fc.property(fc.array(fc.array(fact, { maxLength: 40 }), { maxLength: 12 }), (deliveries) => {
      let worker = emptyRunData();
      let sent = worker;
      let page = emptyRunData();
      for (const facts of deliveries) {
        worker = reduceFacts(worker, facts);
        const patch = diff(sent, worker);
        sent = worker;
        if (patch) page = applyPatch(page, structuredClone(patch));
        expect(page).toEqual(worker);
      }
    }), { numRuns: 200 });
  });

  it('sends a trimmed list as what it keeps and its new tail, not whole', () => {
    const write = (i: number): Fact => ({ type: 'record.written', atMs: i, node: 's', write: { record: { i }, atMs: i, visibleAtMs: i } });
    const a = reduceFacts(emptyRunData(), Array.from({ length: KEEP_ROWS }, (_, i) => write(i)));
    const b = reduceFacts(a, [write(KEEP_ROWS), write(KEEP_ROWS + 1)]);
    expect(diff(a, b)).toMatchObject({ keys: { sinks: { keys: { s: { keep: [2, KEEP_ROWS], append: [b.sinks.s!.at(-2), b.sinks.s!.at(-1)] } } } } });
  });

  it('cuts a big patch into parts that, applied in turn, do the same', () => {
    const prev = { a: [1, 2], b: { x: 1 }, c: 0, gone: 1 };
    const next = { a: [1, 2, ...Array.from({ length: 50 }, (_, i) => i)], b: { x: 2, y: Array.from({ length: 40 }, (_, i) => i) }, c: 1 };
    const patch = diff(prev, next)!;
    expect(weightOf(patch)).toBe(51 + 42 + 1 + 1);
    const parts = splitPatch(patch, 60);
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => weightOf(p) <= 60 || Object.keys((p as { keys: object }).keys).length === 1)).toBe(true);
    expect(parts.reduce((s, p) => applyPatch(s, p), prev)).toEqual(next);
    expect(splitPatch(patch, 1000)).toEqual([patch]);
    // Down through nested keys: one key's many lists go in several parts.
    const many = { lists: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`n${i}`, Array.from({ length: 30 }, (_, j) => j)])) };
    const nested = diff({ lists: {} }, many)!;
    const cut = splitPatch(nested, 70);
    expect(cut.length).toBeGreaterThan(2);
    expect(cut.reduce((s, p) => applyPatch(s, p), { lists: {} })).toEqual(many);
  });
});
