// Where the Flink SQL export declares watermarks. SQL declares them on tables only, so each
// watermark node's delay goes onto the source tables behind it; a watermark node behind a window,
// join or dedup cannot be placed and says so.
import type { NodeOf } from '../model/index.ts';
import { hasPunctuatedWatermarks, isEventTimeWindow } from '../model/index.ts';
import { mapChangesTs, sourcesBehind, type Analysis } from './analysis.ts';
import { Notes } from './shared.ts';
import { quoted } from './escape.ts';

export type WatermarkPlan = {
  /** Source id → out-of-orderness delay (ms) declared on its table. */
  delayOf: Map<string, number>;
  /** Comment lines to write above a source's WATERMARK clause. */
  sourceNotes: Map<string, string[]>;
  /** Comment text for each watermark node. */
  notes: Map<string, string>;
  /** One idle timeout for all sources (`table.exec.source.idle-timeout`), or null. */
  idleTimeoutMs: number | null;
  /** Warning lines that belong before the first table. */
  lines: string[];
};

export function planWatermarks(a: Analysis, notes: Notes): WatermarkPlan {
  const plan: WatermarkPlan = { delayOf: new Map(), sourceNotes: new Map(), notes: new Map(), idleTimeoutMs: null, lines: [] };
  const addNote = (source: string, text: string) => plan.sourceNotes.set(source, [...(plan.sourceNotes.get(source) ?? []), text]);
  const idle: (number | undefined)[] = [];
  for (const node of a.order) {
    if (node.kind !== 'watermark') continue;
    const { sources, through } = sourcesBehind(a, node.id);
    const blocking = through.filter((n) => n.kind === 'window' || n.kind === 'join' || n.kind === 'dedup');
    if (blocking.length > 0) {
      const what = blocking.map((n) => `${n.kind} ${quoted(n.id)}`).join(', ');
      const message = `Flink SQL declares watermarks on source tables only, and this one follows ${what}: its delay of ${node.params.delayMs} ms is not applied; the rows keep the watermark of the tables upstream`;
      plan.notes.set(node.id, `WARNING: ${notes.warn(node.id, message)}`);
      continue;
    }
    idle.push(node.params.idleTimeoutMs);
    const tsMaps = through.filter((n): n is NodeOf<'map'> => n.kind === 'map' && mapChangesTs(n));
    if (tsMaps.length > 0) {
      const message = `map ${tsMaps.map((m) => `${quoted(m.id)}`).join(', ')} before it sets ts, but Flink SQL declares the watermark on the source table's ts`;
      plan.notes.set(node.id, `WARNING: ${notes.warn(node.id, message)}`);
    }
    for (const source of sources) {
      const before = plan.delayOf.get(source);
      if (before !== undefined && before !== node.params.delayMs) {
        const delay = Math.max(before, node.params.delayMs);
        const message = `source ${quoted(source)} is behind several watermark nodes with different delays; a table has one watermark, so it gets the largest, ${delay} ms`;
        plan.lines.push(...notes.lines('-- ', node.id, message));
        plan.delayOf.set(source, delay);
      } else plan.delayOf.set(source, node.params.delayMs);
      addNote(source, `watermark ${quoted(node.id)}: delay ${node.params.delayMs} ms + 1 ms, because a SQL watermark is the largest event time minus the interval, and Flink's forBoundedOutOfOrderness (which Streamlab simulates) subtracts 1 ms more.`);
    }
    if (!plan.notes.has(node.id)) {
      const tables = sources.map((s) => `${quoted(s)}`).join(', ');
      plan.notes.set(node.id, `Declared as the WATERMARK of source table${sources.length === 1 ? '' : 's'} ${tables} above.`);
    }
  }
  // An event-time window needs a rowtime attribute, so a source without a watermark behind it gets one.
  for (const node of a.order) {
    if (!isEventTimeWindow(node)) continue;
    for (const source of sourcesBehind(a, node.id).sources) {
      if (plan.delayOf.has(source)) continue;
      plan.delayOf.set(source, 0);
      const punctuated = hasPunctuatedWatermarks(a.graph.nodes.get(source)!);
      const why = punctuated ? 'its punctuated watermarks are scripted input of the simulation, not exported' : 'Streamlab fires such a window only when the input ends';
      const message = `no watermark node is between source ${quoted(source)} and window ${quoted(node.id)} (${why}); Flink SQL windows need a watermark, so source ${quoted(source)} declares one with no delay`;
      addNote(source, `WARNING: ${notes.warn(node.id, message)}`);
    }
  }
  const declared = idle.filter((v): v is number => v !== undefined);
  if (declared.length > 0) {
    plan.idleTimeoutMs = Math.min(...declared);
    if (declared.length < idle.length || declared.some((v) => v !== plan.idleTimeoutMs)) {
      const message = `watermark nodes set different idle timeouts; Flink SQL has one for all sources (table.exec.source.idle-timeout), set to the smallest, ${plan.idleTimeoutMs} ms`;
      plan.lines.push(...notes.lines('-- ', null, message));
    }
  }
  return plan;
}
