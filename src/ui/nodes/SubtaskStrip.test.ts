import { describe, expect, it } from 'vitest';
import type { SubtaskEntry } from '../../model/index.ts';
import { emptyRunData } from '../../telemetry/reduceFacts.ts';
import { sharesKey } from './SubtaskStrip.tsx';

const sub = (index: number, busyMs: number, backpressuredMs: number, idleMs: number): SubtaskEntry => ({ index, records: 0, busyMs, backpressuredMs, idleMs, watermarkMs: null });

describe('sharesKey (what a node’s subtask strip subscribes to)', () => {
  it('is empty for a node with at most one subtask, so nothing is drawn', () => {
    const s = { ...emptyRunData(), subtasks: { a: [sub(0, 1, 0, 0)] } };
    expect(sharesKey(s, 'a')).toBe('');
    expect(sharesKey(s, 'missing')).toBe('');
  });
  it('gives each subtask’s busy and back-pressured share in whole percent', () => {
    const s = { ...emptyRunData(), subtasks: { w: [sub(0, 1000, 0, 0), sub(1, 333, 333, 334), sub(2, 0, 0, 0)] } };
    expect(sharesKey(s, 'w')).toBe('100,0;33,33;0,0');
  });
  it('does not change when the shares round the same, so the node does not re-render', () => {
    const a = { ...emptyRunData(), subtasks: { w: [sub(0, 500, 0, 500), sub(1, 0, 0, 1000)] } };
    const b = { ...emptyRunData(), subtasks: { w: [sub(0, 1001, 0, 999), sub(1, 0, 0, 2000)] } };
    expect(sharesKey(a, 'w')).toBe(sharesKey(b, 'w'));
  });
});
