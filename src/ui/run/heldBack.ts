// Why a window has not fired (issue 13): an operator's watermark is the minimum over its input
// channels, idle ones left out (spec §2.2), so one lagging input holds every window back. Says
// which one, for the explanation line.
import type { RunData } from '../../telemetry/reduceFacts.ts';
import { formatWatermark } from '../lib/format.ts';

export function heldBackSentence(s: RunData, windowNodes: readonly string[]): string {
  for (const id of windowNodes) {
    const ch = s.machinery.channels[id];
    const counts = s.counts[id];
    if (!ch || ch.minIndex === null || !counts || counts.in === 0 || counts.fired > 0) continue;
    const held = ch.inputs[ch.minIndex]!;
    const ahead = ch.inputs.filter((c, i) => i !== ch.minIndex && !c.idle && c.watermarkMs > held.watermarkMs);
    if (ahead.length === 0) continue;
    const idle = ch.inputs.filter((c) => c.idle).length;
    return `No window of ${id} has fired yet: its watermark, the minimum over its inputs, is ${formatWatermark(held.watermarkMs)}, held back by ${held.from} #${held.lane} (${ahead.map((c) => `${c.from} #${c.lane} is at ${formatWatermark(c.watermarkMs)}`).join(', ')}${idle > 0 ? `; ${idle} idle input${idle === 1 ? '' : 's'} left out` : ''}).`;
  }
  return '';
}
