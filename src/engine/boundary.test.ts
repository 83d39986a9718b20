// The engine's boundary, checked: it runs unchanged in a worker, in Node and in-process, so it may
// not import UI, worker or Node modules, nor read the wall clock or unseeded randomness. (Its
// tsconfig already has no DOM or Node types; this catches what types alone would let through.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('.', import.meta.url).pathname;

function engineSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : engineSources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const FORBIDDEN_IMPORTS = /from\s+['"](react|react-dom|@xyflow\/[^'"]+|zustand[^'"]*|comlink|recharts|node:[^'"]+|fs|path|os|child_process)['"]/;
const FORBIDDEN_GLOBALS = /\b(Date\.now|new Date\(|Math\.random|performance\.now|setTimeout|setInterval|requestAnimationFrame|structuredClone|\bprocess\.|eval\(|new Function\()/;

describe('engine boundary', () => {
  const files = engineSources(root);

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports no UI, worker or Node module', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text.match(FORBIDDEN_IMPORTS)?.[0] ?? null).toBeNull();
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s uses no wall clock, unseeded randomness or eval', (_name, file) => {
    const code = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !line.trim().startsWith('//') && !line.trim().startsWith('*'))
      .join('\n');
    expect(code.match(FORBIDDEN_GLOBALS)?.[0] ?? null).toBeNull();
  });
});
