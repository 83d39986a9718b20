// A horizontal splitter between the canvas and the bottom panel: drag it, or focus it and use the
// arrow keys (ArrowUp grows the panel, ArrowDown shrinks it, Home/End to its limits). Sets the
// bottom panel's height through a CSS variable on the app element.
import { useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';

const MIN = 160;
const MAX_SHARE = 0.75;
const STEP = 40;
const clamp = (h: number) => Math.round(Math.max(MIN, Math.min(window.innerHeight * MAX_SHARE, h)));

export function Splitter() {
  const self = useRef<HTMLDivElement>(null);
  const start = useRef<{ y: number; h: number } | null>(null);
  const [percent, setPercent] = useState(40);
  // The panel is the splitter's own parent: a document-wide `.bottom` query finds React Flow's
  // minimap panel first (it has that class too) and measured the wrong element.
  const panel = () => self.current?.parentElement ?? null;
  const current = () => panel()?.getBoundingClientRect().height ?? (window.innerHeight * percent) / 100;
  const setHeight = (h: number) => {
    const app = panel()?.closest<HTMLElement>('.app');
    app?.style.setProperty('--bottom-height', `${clamp(h)}px`);
    setPercent(Math.round((100 * clamp(h)) / window.innerHeight));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    start.current = { y: e.clientY, h: current() };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (start.current) setHeight(start.current.h + start.current.y - e.clientY);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const to = e.key === 'ArrowUp' ? current() + STEP : e.key === 'ArrowDown' ? current() - STEP
      : e.key === 'Home' ? MIN : e.key === 'End' ? window.innerHeight * MAX_SHARE : null;
    if (to === null) return;
    e.preventDefault();
    setHeight(to);
  };
  return (
    <div ref={self} className="splitter" role="separator" aria-orientation="horizontal" aria-label="Resize the bottom panel" tabIndex={0}
      aria-valuenow={percent} aria-valuemin={Math.round((100 * MIN) / Math.max(1, window.innerHeight))} aria-valuemax={MAX_SHARE * 100}
      aria-valuetext={`bottom panel ${percent} % of the window height`}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={() => (start.current = null)} onKeyDown={onKeyDown} />
  );
}
