// The Present button, the P and Escape keys, and the canvas's view while presenting.
import { useReactFlow } from '@xyflow/react';
import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../editor/useShortcuts.ts';
import { PRESENT_MIN_ZOOM, usePresent } from './present.ts';

export function PresentButton() {
  const presenting = usePresent((s) => s.presenting);
  return (
    <button type="button" className="present-button" aria-pressed={presenting} onClick={() => usePresent.getState().toggle()}
      title={presenting ? 'Leave presentation mode (P or Escape)' : 'Presentation mode: large text, the figure gets the screen (P)'}>
      Present
    </button>
  );
}

/** P toggles presentation mode, Escape leaves it; neither while typing or with a dialog open. */
export function usePresentKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
      const s = usePresent.getState();
      if (e.key === 'p' || e.key === 'P') s.toggle();
      else if (e.key === 'Escape' && s.presenting) s.leave();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Entering or leaving presentation mode changes the canvas's size: fit the graph again, and while
 * presenting never below the zoom that keeps node text at 14 px or more (a wide graph then
 * overflows the canvas and can be panned: readable beats whole on a projector).
 */
export function PresentViewport() {
  const presenting = usePresent((s) => s.presenting);
  const flow = useReactFlow();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false; // the canvas fits itself when it opens
      if (!presenting) return;
    }
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(() => (presenting ? fitReadable(flow) : void flow.fitView({ padding: 0.12, maxZoom: 1.3 })));
    });
    return () => cancelAnimationFrame(id);
  }, [presenting, flow]);
  return null;
}

/**
 * Fits the graph into the canvas at a zoom no smaller than PRESENT_MIN_ZOOM. A graph that is then
 * larger than the canvas is centred across and shown from its top (the sources' row first), rather
 * than cut at both ends.
 */
function fitReadable(flow: ReactFlowInstance): void {
  const canvas = document.querySelector<HTMLElement>('.canvas .react-flow');
  const nodes = flow.getNodes();
  if (!canvas || nodes.length === 0) return;
  const { width: w, height: h } = canvas.getBoundingClientRect();
  const b = flow.getNodesBounds(nodes);
  const pad = 16;
  const zoom = Math.min(1.6, Math.max(PRESENT_MIN_ZOOM, Math.min((w - 2 * pad) / Math.max(1, b.width), (h - 2 * pad) / Math.max(1, b.height))));
  const x = b.width * zoom <= w - 2 * pad ? (w - b.width * zoom) / 2 - b.x * zoom : pad - b.x * zoom;
  const y = b.height * zoom <= h - 2 * pad ? (h - b.height * zoom) / 2 - b.y * zoom : pad - b.y * zoom;
  void flow.setViewport({ x, y, zoom });
}
