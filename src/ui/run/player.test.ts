import { describe, expect, it } from 'vitest';
import { createPlayer, FAST_FORWARD } from './player.ts';

function fakeClock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('player', () => {
  it('holds still until played, then follows wall time at its speed', () => {
    const clock = fakeClock();
    const p = createPlayer({ now: clock.now });
    clock.advance(500);
    expect(p.targetMs()).toBe(0);
    p.play(0);
    clock.advance(250);
    expect(p.targetMs()).toBe(250);
    p.setSpeed(0.1, p.targetMs());
    clock.advance(1000);
    expect(p.targetMs()).toBe(350);
  });

  it('pauses where the engine got to and resumes from there', () => {
    const clock = fakeClock();
    const p = createPlayer({ now: clock.now, speed: 2 });
    p.play(1000);
    clock.advance(100);
    expect(p.targetMs()).toBe(1200);
    p.pause(1150);
    clock.advance(5000);
    expect(p.targetMs()).toBe(1150);
    p.play(1150);
    clock.advance(10);
    expect(p.targetMs()).toBe(1170);
  });

  it('fast-forward asks for everything; seek re-anchors', () => {
    const clock = fakeClock();
    const p = createPlayer({ now: clock.now });
    p.play(0);
    p.setSpeed(FAST_FORWARD, 0);
    expect(p.targetMs()).toBe(Number.POSITIVE_INFINITY);
    p.setSpeed(1, 3000);
    p.seek(3000);
    clock.advance(20);
    expect(p.targetMs()).toBe(3020);
    expect(() => p.setSpeed(0, 0)).toThrow();
  });
});
