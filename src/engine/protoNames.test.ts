// Names that Object.prototype also has (`__proto__`, `constructor`, `prototype`, `hasOwnProperty`,
// `toString`) in every place a job names something — node ids, record fields, map outputs, keyBy
// keys, aggregate names and fields, side outputs, dedup and join keys — in both modes, through
// parseJob (from JSON text, as the CLI reads it) and runJob: every one is an ordinary name.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../model/index.ts';
import type { Mode } from '../model/index.ts';
import { runJob } from './simulation.ts';
import { runCli } from '../cli/commands.ts';
import { createMemoryIo } from '../cli/memory-io.ts';

const NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

/** The job as JSON text: a name spelled as a key must reach JSON.parse, not an object literal. */
function jobText(name: string, mode: Mode): string {
  const ref = name === '__proto__' ? '`__proto__`' : name;
  const rec = (ts: number, at: number, k: string, v: number) => `{"ts":${ts},"at":${at},"${name}":"${k}","v":${v}}`;
  return `{"format":"streamlab.job/v1","mode":"${mode}","settings":{"microbatch":{"outputMode":"append","trigger":{"kind":"processingTime","intervalMs":1000}}},
  "nodes":[
    {"id":"${name}","kind":"source","params":{"records":[${rec(1000, 0, 'a', 1)},${rec(2000, 10, 'b', 2)},${rec(3000, 20, 'a', 3)},${rec(30000, 5000, 'a', 0)},${rec(1500, 9000, 'a', 9)},${rec(60000, 12000, 'a', 0)}]}},
    {"id":"wm","kind":"watermark","params":{"delayMs":0}},
    {"id":"m","kind":"map","params":{"fields":{"${name}":"${ref}","v":"v"}}},
    {"id":"kb","kind":"keyBy","params":{"key":"${name}"}},
    {"id":"win","kind":"window","params":{"assigner":{"kind":"tumbling","sizeMs":10000},"aggregate":[{"fn":"count","as":"${name}"},{"fn":"sum","field":"v","as":"total"},{"fn":"max","field":"${name}","as":"maxName"}],"lateOutput":"${name}"}},
    {"id":"dd","kind":"dedup","params":{"key":"${name}"}},
    {"id":"out","kind":"sink","params":{}},
    {"id":"late${name === '__proto__' ? '' : ''}","kind":"sink","params":{}},
    {"id":"${name}_sink","kind":"sink","params":{}}
  ],
  "edges":[{"from":"${name}","to":"wm"},{"from":"wm","to":"m"},{"from":"m","to":"kb"},{"from":"kb","to":"win"},{"from":"win","to":"out"},
    {"from":"win","to":"late","fromPort":"late"},{"from":"m","to":"dd"},{"from":"dd","to":"${name}_sink"}]}`;
}

describe('names that Object.prototype has', () => {
  for (const name of NAMES) {
    for (const mode of ['dataflow', 'microbatch'] as const) {
      it(`${name} (${mode})`, () => {
        const parsed = parseJob(JSON.parse(jobText(name, mode)));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        const source = parsed.job.nodes[0];
        expect(source.kind === 'source' && Object.hasOwn(source.params.records![0], name)).toBe(true);
        const r = runJob(parsed.job);
        // The window: keyed by the field's own value, the aggregate named `name` present.
        const rows = r.sinks.out.map((w) => w.record);
        const byKey = new Map(rows.filter((row) => row.windowStart === 0).map((row) => [row.key, row]));
        expect(byKey.get('a')).toMatchObject({ total: 4 });
        expect(byKey.get('b')).toMatchObject({ total: 2 });
        for (const row of rows) {
          expect(Object.hasOwn(row, name), JSON.stringify(row)).toBe(true);
          expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
        }
        expect(byKey.get('a')![name]).toBe(2);
        // max over a string field is null (not a number), never Object's function.
        expect(byKey.get('a')!.maxName).toBeNull();
        // The sinks and node maps of the result are keyed by the ids as given.
        expect(Object.keys(r.sinks).sort()).toEqual(['late', 'out', `${name}_sink`].sort());
        expect(r.watermarks.wm.length).toBeGreaterThan(0);
        // Dedup on the field: one row per distinct value (a and b).
        expect(r.sinks[`${name}_sink`].map((w) => w.record[name])).toEqual(['a', 'b']);
        if (mode === 'dataflow') {
          // The late record (ts 1500 after the watermark passed 10 s) went to the side output named `name`.
          expect(Object.hasOwn(r.sideOutputs, `win:${name}`)).toBe(true);
          expect(r.sinks.late.map((w) => w.record.v)).toEqual([9]);
        }
        const json = JSON.parse(JSON.stringify(r));
        expect(Object.hasOwn(json.sinks.out[0].record, name)).toBe(true);
      });
    }
  }

  it('through the CLI: the result JSON keeps such fields and names', () => {
    for (const name of NAMES) {
      const mem = createMemoryIo({ 'job.json': jobText(name, 'dataflow') });
      expect(runCli(['run', 'job.json', '--out', 'r.json'], mem.io), mem.stderr()).toBe(0);
      const result = JSON.parse(mem.files.get('r.json')!);
      expect(Object.hasOwn(result.sinks, `${name}_sink`)).toBe(true);
      expect(result.sinks.out.every((w: { record: object }) => Object.hasOwn(w.record, name))).toBe(true);
      expect(mem.files.get('r.json')).toContain(`"${name}": 2`);
    }
  });

  it('node ids `__proto__` and `constructor` key the result maps', () => {
    for (const id of ['__proto__', 'constructor']) {
      const parsed = parseJob(JSON.parse(`{"format":"streamlab.job/v1","nodes":[{"id":"s","kind":"source","params":{"records":[{"ts":1,"at":0}]}},{"id":"${id}","kind":"watermark","params":{"delayMs":0}},{"id":"k","kind":"sink","params":{}}],"edges":[{"from":"s","to":"${id}"},{"from":"${id}","to":"k"}]}`));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const r = runJob(parsed.job);
      expect(Object.hasOwn(r.watermarks, id)).toBe(true);
      expect((r.metrics.recordsPerEdge as Record<string, number>)[`s->${id}`]).toBe(1);
    }
  });
});
