// One line under a node's title saying what it does, in the terms of the spec.
import type { NodeKind } from '../../model/index.ts';
import { formatMs } from '../lib/format.ts';

type P = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function summarize(kind: NodeKind, params: unknown): string {
  const p = (params ?? {}) as P;
  switch (kind) {
    case 'source': {
      const from = p.records ? `${p.records.length} scripted records` : p.generator ? `${p.generator.ratePerSec}/s generated` : 'no input';
      return `${p.connector ?? 'kafka'} · ${from}`;
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
      return `${p.connector ?? 'console'} · ${p.delivery ?? 'at-least-once'}`;
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
