import { describe, expect, it } from 'vitest';
import { emptyRunData, type RunData } from '../../telemetry/reduceFacts.ts';
import { heldBackSentence } from './heldBack.ts';

const run = (fired: number, idle = false): RunData => {
  const s = emptyRunData();
  return {
    ...s,
    counts: { win: { in: 40, out: 0, late: 0, fired } },
    machinery: {
      ...s.machinery,
      channels: {
        win: {
          inputs: [
            { from: 'kb', lane: 0, watermarkMs: 4999, idle: false },
            { from: 'kb', lane: 1, watermarkMs: 999, idle },
          ],
          minIndex: idle ? 0 : 1,
        },
      },
    },
  };
};

describe('the input that holds a window back', () => {
  it('names the lagging input channel while no window has fired', () => {
    expect(heldBackSentence(run(0), ['win'])).toBe('No window of win has fired yet: its watermark, the minimum over its inputs, is 999 ms, held back by kb #1 (kb #0 is at 4.999 s).');
  });
  it('says nothing once a window fired, or when the lagging input is idle (left out of the minimum)', () => {
    expect(heldBackSentence(run(1), ['win'])).toBe('');
    expect(heldBackSentence(run(0, true), ['win'])).toBe('');
  });
});
