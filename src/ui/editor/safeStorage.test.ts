import { afterEach, describe, expect, it } from 'vitest';
import { safeLocalStorage, useSaveStatus } from './safeStorage.ts';

/** A localStorage that holds at most `quota` characters, throwing as Chromium does beyond. */
function install(quota: number) {
  const memory = new Map<string, string>();
  globalThis.localStorage = {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > quota) throw new DOMException("Failed to execute 'setItem' on 'Storage': Setting the value of 'x' exceeded the quota.", 'QuotaExceededError');
      memory.set(k, v);
    },
    removeItem: (k: string) => void memory.delete(k),
  } as Storage;
  return memory;
}

afterEach(() => useSaveStatus.setState({ failure: null }));

describe('saving the editor state', () => {
  it('catches a quota error, says what was not saved, and clears the message once a save succeeds', () => {
    const memory = install(1000);
    expect(() => safeLocalStorage.setItem('k', 'x'.repeat(6_200_000))).not.toThrow();
    expect(memory.has('k')).toBe(false);
    expect(useSaveStatus.getState().failure?.message).toMatch(/^Not saved in this browser: this job \(6\.2 MB\) could not be kept because it is larger than this browser's storage for the page allows\. A reload would bring back the last job that was saved\./);
    safeLocalStorage.setItem('k', 'small');
    expect(memory.get('k')).toBe('small');
    expect(useSaveStatus.getState().failure).toBeNull();
  });

  it('reads nothing rather than throwing where storage is blocked', () => {
    globalThis.localStorage = { getItem: () => { throw new Error('blocked'); } } as unknown as Storage;
    expect(safeLocalStorage.getItem('k')).toBeNull();
  });
});
