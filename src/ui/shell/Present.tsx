// The Present button, the P and Escape keys, and the canvas's view while presenting.
import { useReactFlow } from '@xyflow/react';
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
      id = requestAnimationFrame(() => void flow.fitView(presenting ? { padding: 0.04, minZoom: PRESENT_MIN_ZOOM, maxZoom: 1.6 } : { padding: 0.12, maxZoom: 1.3 }));
    });
    return () => cancelAnimationFrame(id);
  }, [presenting, flow]);
  return null;
}
