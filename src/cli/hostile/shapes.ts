// The hostile jobs too large or too repetitive to keep as files (a 2,000-filter chain, 40 stacked
// diamonds, 5,000 sinks, a 5 MB string, JSON nested 100,000 deep), built here and written to a
// temporary folder by hostile.test.ts beside the *.json files of this folder. Each has the same
// `attack` line the files carry, saying what it tries.
export type HostileShape = { name: string; attack: string; text: string };

type Doc = Record<string, unknown>;
const one = { ts: 1000, at: 0, key: 'a', value: 1 };

const doc = (attack: string, mode: string, nodes: Doc[], edges: Doc[], settings: Doc = {}): string =>
  JSON.stringify({ attack, format: 'streamlab.job/v1', mode, settings, nodes, edges });

function filterChain(n: number, mode: string): HostileShape {
  const nodes: Doc[] = [{ id: 'src', kind: 'source', params: { records: [one, { ...one, ts: 2000, at: 5 }] } }];
  const edges: Doc[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `f${i}`, kind: 'filter', params: { predicate: 'value >= 0' } });
    edges.push({ from: i === 0 ? 'src' : `f${i - 1}`, to: `f${i}` });
  }
  nodes.push({ id: 'out', kind: 'sink', params: {} });
  edges.push({ from: `f${n - 1}`, to: 'out' });
  return { name: `filter-chain-${n}-${mode}`, attack: `a chain of ${n} filters in ${mode} mode`, text: doc(`a chain of ${n} filters (${mode})`, mode, nodes, edges) };
}

function diamonds(n: number): HostileShape {
  // Each diamond splits a stream in two and unions it again: 2^n paths from the source to the sink.
  const nodes: Doc[] = [{ id: 'src', kind: 'source', params: { records: [one] } }];
  const edges: Doc[] = [];
  let last = 'src';
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `a${i}`, kind: 'filter', params: { predicate: 'true' } }, { id: `b${i}`, kind: 'filter', params: { predicate: 'true' } }, { id: `u${i}`, kind: 'union', params: {} });
    edges.push({ from: last, to: `a${i}` }, { from: last, to: `b${i}` }, { from: `a${i}`, to: `u${i}` }, { from: `b${i}`, to: `u${i}` });
    last = `u${i}`;
  }
  nodes.push({ id: 'out', kind: 'sink', params: {} });
  edges.push({ from: last, to: 'out' });
  const attack = `${n} stacked diamonds: 2^${n} paths from the source to the sink`;
  return { name: `diamonds-${n}`, attack, text: doc(attack, 'dataflow', nodes, edges) };
}

function fanOut(n: number): HostileShape {
  const nodes: Doc[] = [{ id: 'src', kind: 'source', params: { connector: 'rate', generator: { ratePerSec: 1000, keys: 10, endMs: 60_000 } } }];
  const edges: Doc[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `out${i}`, kind: 'sink', params: {} });
    edges.push({ from: 'src', to: `out${i}` });
  }
  const attack = `one source of 60,000 records fanned out to ${n} sinks`;
  return { name: `fan-out-${n}-sinks`, attack, text: doc(attack, 'dataflow', nodes, edges) };
}

function hugeString(): HostileShape {
  const attack = 'a 5,000,000-character label, field value and expression';
  const big = 'x'.repeat(5_000_000);
  const text = doc(attack, 'dataflow', [
    { id: 'src', kind: 'source', label: big, params: { records: [{ ...one, note: big }] } },
    { id: 'f', kind: 'filter', params: { predicate: `note = '${big}'` } },
    { id: 'out', kind: 'sink', params: {} },
  ], [{ from: 'src', to: 'f' }, { from: 'f', to: 'out' }]);
  return { name: 'huge-strings', attack, text };
}

function deepJson(depth: number): HostileShape {
  const attack = `a record field nested ${depth} arrays deep`;
  const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const text = `{"attack":"${attack}","format":"streamlab.job/v1","nodes":[{"id":"src","kind":"source","params":{"records":[{"ts":1,"at":0,"deep":${nested}}]}},{"id":"out","kind":"sink","params":{}}],"edges":[{"from":"src","to":"out"}]}`;
  return { name: `nested-${depth}-deep`, attack, text };
}

/** User names that are also names of Object.prototype, in every place a job names something. */
function prototypeNames(name: string, mode: string): HostileShape {
  const attack = `"${name}" as a node id, field, map output, key, aggregate and side output name (${mode})`;
  const ref = name === '__proto__' ? '`__proto__`' : name;
  const records = [1, 2, 3].map((i) => ({ ts: i * 1000, at: i * 100, [name]: `k${i % 2}`, value: i }));
  const text = JSON.stringify({
    attack,
    format: 'streamlab.job/v1',
    mode,
    settings: { microbatch: { outputMode: 'update' } },
    nodes: [
      { id: name, kind: 'source', params: { records } },
      { id: 'wm', kind: 'watermark', params: { delayMs: 0 } },
      { id: 'm', kind: 'map', params: { fields: { [name]: ref, value: 'value' } } },
      { id: 'kb', kind: 'keyBy', params: { key: name } },
      { id: 'win', kind: 'window', params: { assigner: { kind: 'tumbling', sizeMs: 10_000 }, aggregate: [{ fn: 'count', as: name }, { fn: 'sum', field: 'value', as: 'total' }], lateOutput: name } },
      { id: 'out', kind: 'sink', params: {} },
    ],
    edges: [{ from: name, to: 'wm' }, { from: 'wm', to: 'm' }, { from: 'm', to: 'kb' }, { from: 'kb', to: 'win' }, { from: 'win', to: 'out' }],
  });
  return { name: `names-${name.replace(/_/g, '')}-${mode}`, attack, text };
}

export function hostileShapes(): HostileShape[] {
  return [
    filterChain(2000, 'dataflow'),
    filterChain(2000, 'microbatch'),
    filterChain(4998, 'dataflow'),
    filterChain(4998, 'microbatch'),
    diamonds(40),
    fanOut(4999),
    hugeString(),
    deepJson(100_000),
    ...['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'].flatMap((n) => [prototypeNames(n, 'dataflow'), prototypeNames(n, 'microbatch')]),
  ];
}
