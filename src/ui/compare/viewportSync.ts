// Compare mode shows one graph twice, one canvas per engine: panning or zooming either moves the
// other, so a node sits at the same place in both and the eye can go straight across. Each canvas
// has its own React Flow provider, so the viewport travels through this small channel.
import type { Viewport } from '@xyflow/react';

type Listener = (from: string, viewport: Viewport) => void;
const listeners = new Set<Listener>();

export function publishViewport(from: string, viewport: Viewport): void {
  for (const l of listeners) l(from, viewport);
}

export function subscribeViewport(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Equal to the screen pixel: a canvas that already shows this viewport does not move (no echo). */
export const sameViewport = (a: Viewport, b: Viewport) =>
  Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-3;
