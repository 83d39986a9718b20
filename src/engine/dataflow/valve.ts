// Flink's StatusWatermarkValve (spec §2.2; runtime/watermarkstatus/StatusWatermarkValve.java): an
// operator's event-time clock is the min over its input channels' watermarks, emitted only when it
// rises; idle channels leave the min, and a channel that turns active again counts only once its
// watermark has caught up with the valve's output.
import { MIN_WATERMARK } from '../../model/index.ts';

export type ValveOutput = {
  watermark(ms: number): void;
  status(idle: boolean): void;
};

type Channel = { wm: number; idle: boolean; aligned: boolean };

export type Valve = {
  inputWatermark(ms: number, channel: number): void;
  inputStatus(idle: boolean, channel: number): void;
  readonly outputMs: number;
  readonly idle: boolean;
};

export function createValve(channels: number, out: ValveOutput): Valve {
  const ch: Channel[] = Array.from({ length: channels }, () => ({ wm: MIN_WATERMARK, idle: false, aligned: true }));
  let last = MIN_WATERMARK;
  let idle = false;

  const emitNewMin = () => {
    let min = Infinity;
    let any = false;
    for (const c of ch) {
      if (c.aligned) {
        any = true;
        if (c.wm < min) min = c.wm;
      }
    }
    if (any && min > last) {
      last = min;
      out.watermark(min);
    }
  };

  return {
    inputWatermark(ms, i) {
      const c = ch[i];
      if (idle || c.idle || ms <= c.wm) return;
      c.wm = ms;
      if (!c.aligned && ms >= last) c.aligned = true;
      emitNewMin();
    },
    inputStatus(toIdle, i) {
      const c = ch[i];
      if (toIdle && !c.idle) {
        c.idle = true;
        c.aligned = false;
        if (!ch.some((x) => !x.idle)) {
          // Every channel idle: flush, emitting the max over all channels (spec §2.2).
          if (c.wm === last) {
            const max = Math.max(...ch.map((x) => x.wm));
            if (max > last) {
              last = max;
              out.watermark(max);
            }
          }
          idle = true;
          out.status(true);
        } else if (c.wm === last) emitNewMin();
      } else if (!toIdle && c.idle) {
        c.idle = false;
        if (c.wm >= last) c.aligned = true;
        if (idle) {
          idle = false;
          out.status(false);
        }
      }
    },
    get outputMs() {
      return last;
    },
    get idle() {
      return idle;
    },
  };
}
