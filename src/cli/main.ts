// The command line bound to the real process: argv, the file system, stdout/stderr, exit code.
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from './commands.ts';

process.exitCode = runCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
});
