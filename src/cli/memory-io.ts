// An in-memory CliIO for running the command line in-process (tests, fuzzing).
import type { CliIO } from './commands.ts';

export type MemoryIo = {
  io: CliIO;
  files: Map<string, string>;
  stdout: () => string;
  stderr: () => string;
};

export function createMemoryIo(files: Record<string, string> = {}, env: Record<string, string> = {}): MemoryIo {
  const map = new Map(Object.entries(files));
  let out = '';
  let err = '';
  const io: CliIO = {
    readFile(path) {
      const text = map.get(path);
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
    writeFile(path, text) {
      if (path.startsWith('/readonly/')) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      map.set(path, text);
    },
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env,
  };
  return { io, files: map, stdout: () => out, stderr: () => err };
}
