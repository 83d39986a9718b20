// One line under a node's title saying what it does, in the terms of the spec, and for the mode the
// canvas runs: the same sink is exactly-once in Flink and at-least-once in Spark (Spark's Kafka sink
// has no transactions; its file sink is exactly-once through the sink's commit log).
import { parseEdgeKey } from '../../model/index.ts';
import type { Mode, NodeKind } from '../../model/index.ts';
import { formatMs } from '../lib/format.ts';

type P = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function summarize(kind: NodeKind, params: unknown, mode?: Mode): string {
  const p = (params ?? {}) as P;
  switch (kind) {
    case 'source': {
      const from = p.records ? `${p.records.length} scripted records` : p.generator ? `${p.generator.ratePerSec}/s generated` : 'no input';
      return `${p.connector ?? 'kafka'} · ${from}${p.bounded === false ? ' · unbounded' : ''}`;
    }
    case 'watermark':
      return `delay ${formatMs(Number(p.delayMs ?? 0))}${p.idleTimeoutMs ? ` · idle ${formatMs(p.idleTimeoutMs)}` : ''}`;
    case 'filter':
      return String(p.predicate ?? '');
    case 'map':
      return Object.keys(p.fields ?? {}).join(', ');
    case 'keyBy':
      return `by ${p.key ?? '?'}`;
    case 'window':
      return `${assigner(p.assigner)} · ${aggregates(p.aggregate)}${p.allowedLatenessMs ? ` · lateness ${formatMs(p.allowedLatenessMs)}` : ''}`;
    case 'dropLate':
      return p.lateOutput ? `late → ${p.lateOutput}` : 'drop late records';
    case 'dedup':
      return `on ${[p.key].flat().join(', ')}${p.withinMs ? ` within ${formatMs(p.withinMs)}` : ''}`;
    case 'join':
      return `${p.type ?? 'inner'} · ${p.leftKey} = ${p.rightKey} · [${formatMs(p.lowerBoundMs ?? 0)}, ${formatMs(p.upperBoundMs ?? 0)}]`;
    case 'union':
      return 'merge inputs';
    case 'sink':
      return sinkSummary(p.connector ?? 'console', p.delivery ?? 'at-least-once', mode);
  }
}

function assigner(a: P | undefined): string {
  if (!a) return '?';
  switch (a.kind) {
    case 'tumbling': return `tumbling ${formatMs(a.sizeMs)}`;
    case 'sliding': return `sliding ${formatMs(a.sizeMs)} / ${formatMs(a.slideMs)}`;
    case 'session': return `session gap ${formatMs(a.gapMs)}`;
    default: return 'global';
  }
}

function aggregates(a: P | P[] | undefined): string {
  return [a ?? []].flat().map((x: P) => `${x.fn}${x.field ? `(${x.field})` : ''}`).join(', ');
}

/**
 * What a sink guarantees in `mode` (job-format `sink`): Spark's Kafka sink is at-least-once whatever
 * is asked (it writes a re-run batch again), its file sink exactly-once by its commit log; Flink does
 * what `delivery` says (exactly-once Kafka through two-phase commit). Without a mode: as configured.
 */
export function sinkSummary(connector: string, delivery: string, mode?: Mode): string {
  if (mode === 'microbatch') {
    if (connector === 'kafka') return `kafka · at-least-once in Spark${delivery === 'exactly-once' ? ' (no transactions)' : ''}`;
    if (connector === 'file') return 'file · exactly-once (commit log)';
    return `${connector} · at-least-once`;
  }
  if (mode === 'dataflow' && connector === 'kafka' && delivery === 'exactly-once') return 'kafka · exactly-once (two-phase commit)';
  return `${connector} · ${delivery}`;
}

/**
 * Records a node sent, counted once per output port: each record goes along every edge of its port,
 * so the flows (summed per edge, keyed `from:port->to`) of one port all carry the same records.
 */
export function recordsOut(flows: Record<string, number>, node: string): number {
  const perPort = new Map<string, number>();
  for (const [key, n] of Object.entries(flows)) {
    const edge = parseEdgeKey(key);
    if (!edge || edge.from !== node) continue;
    perPort.set(edge.fromPort, Math.max(perPort.get(edge.fromPort) ?? 0, n));
  }
  let total = 0;
  for (const n of perPort.values()) total += n;
  return total;
}
