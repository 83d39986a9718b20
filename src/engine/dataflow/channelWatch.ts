// What each input channel of an operator has told its watermark valve: the last watermark and
// whether it is idle. The valve keeps this to itself (it only says what it emits); the telemetry
// needs it to draw each input channel, the one holding the minimum, and the idle ones (spec §2.2).
// A wrapper rather than a change to the valve, so the valve's semantics stay in one place.
import { MIN_WATERMARK } from '../../model/index.ts';
import type { Valve } from './valve.ts';

export type ChannelState = { wm: number; idle: boolean };

const states = new WeakMap<Valve, ChannelState[]>();

/**
 * The valve, with what reaches each of its `channels` inputs recorded on the way in. Its two input
 * methods are wrapped in place, so whatever else a valve offers stays as it is.
 */
export function watchChannels<V extends Valve>(valve: V, channels: number): V {
  const ch: ChannelState[] = Array.from({ length: channels }, () => ({ wm: MIN_WATERMARK, idle: false }));
  const inputWatermark = valve.inputWatermark;
  const inputStatus = valve.inputStatus;
  valve.inputWatermark = (ms, i) => {
    const c = ch[i];
    if (c && ms > c.wm) c.wm = ms;
    inputWatermark(ms, i);
  };
  valve.inputStatus = (idle, i) => {
    const c = ch[i];
    if (c) c.idle = idle;
    inputStatus(idle, i);
  };
  states.set(valve, ch);
  return valve;
}

export const channelStatesOf = (valve: Valve | null): readonly ChannelState[] | undefined => (valve ? states.get(valve) : undefined);

/** The channel holding the valve's minimum: the lowest watermark among channels not idle (first on ties); null when all are idle. */
export function minChannelOf(ch: readonly ChannelState[]): number | null {
  let min: number | null = null;
  for (let i = 0; i < ch.length; i++) if (!ch[i].idle && (min === null || ch[i].wm < ch[min].wm)) min = i;
  return min;
}
