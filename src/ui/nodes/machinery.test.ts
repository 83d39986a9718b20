// Where a barrier is drawn and how it is described; Flink's shares and colours of a sample.
import { describe, expect, it } from 'vitest';
import type { OperatorSample } from '../../model/index.ts';
import { barrierProgress, describeBarrier } from './BarrierMarker.tsx';
import { flinkColour, flinkShares, flinkState } from './status.ts';

const barrier = { id: 3, savepoint: false, unaligned: false, sentAtMs: 0, aheadAtSend: 8, ahead: 8, overtook: 0, inTransit: 1 };

describe('barrier markers', () => {
  it('an aligned barrier moves towards the receiver as the records in front of it are taken', () => {
    const start = barrierProgress(barrier);
    const half = barrierProgress({ ...barrier, ahead: 4 });
    const last = barrierProgress({ ...barrier, ahead: 0 });
    expect(start).toBeLessThan(half);
    expect(half).toBeLessThan(last);
    expect(last).toBeLessThan(barrierProgress({ ...barrier, unaligned: true }));
  });

  it('says whether it queues or overtakes, and what was stored', () => {
    expect(describeBarrier({ ...barrier, ahead: 5 })).toBe('checkpoint 3, aligned: queued behind 5 records');
    expect(describeBarrier({ ...barrier, savepoint: true, unaligned: true, overtook: 1 })).toBe('savepoint 3, unaligned: overtaking the queue; 1 overtaken record stored with the checkpoint');
  });
});

describe("Flink's operator status", () => {
  const sample = (busy: number, bp: number): OperatorSample => ({
    busyMsPerSecond: busy, backPressuredMsPerSecond: bp, idleMsPerSecond: 1000 - busy - bp, status: bp <= 100 ? 'OK' : bp <= 500 ? 'LOW' : 'HIGH', recordsIn: 0, recordsOut: 0, queued: 0,
  });

  it('gives the busy, back-pressured and idle shares in percent with the level', () => {
    expect(flinkShares(sample(304, 555))).toEqual({ busy: 30, backpressured: 56, idle: 14, level: 'HIGH' });
    expect(flinkShares(undefined)).toBeNull();
  });

  it('colours a mostly back-pressured operator black, a mostly busy one red (deeper when busier), a mostly idle one blue', () => {
    const bp = flinkShares(sample(100, 800))!;
    const busy = flinkShares(sample(900, 0))!;
    const lessBusy = flinkShares(sample(600, 0))!;
    const idle = flinkShares(sample(50, 0))!;
    expect([flinkState(bp), flinkState(busy), flinkState(idle)]).toEqual(['backpressured', 'busy', 'idle']);
    expect(flinkColour(bp)).toMatch(/^hsl\(0 0% /);
    expect(flinkColour(busy)).toMatch(/^hsl\(0 80% /);
    expect(flinkColour(idle)).toMatch(/^hsl\(212 /);
    const lightness = (c: string) => Number(/ (\d+)%\)$/.exec(c)![1]);
    expect(lightness(flinkColour(busy))).toBeLessThan(lightness(flinkColour(lessBusy)));
  });
});
