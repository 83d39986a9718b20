// A horizontal splitter between the canvas and the bottom panel: drag it, or focus it and use the
// arrow keys. Sets the bottom panel's height through a CSS variable on the app element.
import { useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';

const MIN = 160;
const clamp = (h: number) => Math.round(Math.max(MIN, Math.min(window.innerHeight * 0.75, h)));

export function Splitter() {
  const start = useRef<{ y: number; h: number } | null>(null);
  const [percent, setPercent] = useState(40);
  const app = () => document.querySelector<HTMLElement>('.app');
  const current = () => app()?.querySelector<HTMLElement>('.bottom')?.getBoundingClientRect().height ?? 300;
  const setHeight = (h: number) => {
    app()?.style.setProperty('--bottom-height', `${clamp(h)}px`);
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
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      setHeight(current() + (e.key === 'ArrowUp' ? 40 : -40));
    }
  };
  return (
    <div className="splitter" role="separator" aria-orientation="horizontal" aria-label="Resize the bottom panel" tabIndex={0}
      aria-valuenow={percent} aria-valuemin={15} aria-valuemax={75} aria-valuetext={`bottom panel ${percent} % of the window height`}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={() => (start.current = null)} onKeyDown={onKeyDown} />
  );
}
