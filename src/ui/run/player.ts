// Maps wall time to simulated processing time. Real-time pacing lives here, not in the engine: the
// engine is pull-driven and the player says how far it should have got by now. The clock is
// injected, so tests drive it with a fake one.
export type Player = ReturnType<typeof createPlayer>;

/** Speed of fast-forward: as fast as the engine goes. */
export const FAST_FORWARD = Number.POSITIVE_INFINITY;

export function createPlayer(options: { now: () => number; speed?: number }) {
  const { now } = options;
  let speed = options.speed ?? 1;
  let playing = false;
  let anchorWallMs = 0;
  let anchorSimMs = 0;

  /** Where simulated time should be now (Infinity while fast-forwarding). */
  const targetMs = (): number => {
    if (!playing) return anchorSimMs;
    if (speed === FAST_FORWARD) return Number.POSITIVE_INFINITY;
    return anchorSimMs + (now() - anchorWallMs) * speed;
  };

  return {
    targetMs,
    isPlaying: () => playing,
    speed: () => speed,
    /** Starts (or resumes) from simulated time `fromMs`. */
    play(fromMs: number): void {
      anchorSimMs = fromMs;
      anchorWallMs = now();
      playing = true;
    },
    /** Stops at simulated time `atMs` (where the engine actually got to). */
    pause(atMs: number): void {
      anchorSimMs = atMs;
      playing = false;
    },
    setSpeed(next: number, currentSimMs: number): void {
      if (!(next > 0)) throw new Error(`speed must be positive, got ${next}`);
      if (playing) {
        anchorSimMs = currentSimMs;
        anchorWallMs = now();
      }
      speed = next;
    },
    /** Jumps to a simulated time (after a step, a reset or a scrub). */
    seek(simMs: number): void {
      anchorSimMs = simMs;
      anchorWallMs = now();
    },
  };
}
