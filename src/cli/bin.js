#!/usr/bin/env node
// `streamlab` (package.json "bin"): runs the TypeScript command line in ./main.ts.
//
// The plain way is tsx's loader (the fallback below). Loading ~100 modules through its loader
// thread costs about a second per start, and the case runner starts the command once per case, so
// the usual way is a single-file bundle of main.ts, cached in node_modules/.cache/streamlab and
// rebuilt with esbuild (tsx's own dependency) whenever one of the files it was built from changed
// (size or mtime), or Node's version did. Anything wrong with the cache falls back to tsx.
// STREAMLAB_NO_CACHE=1 always uses tsx.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const entry = path.join(here, 'main.ts');
const cacheDir = path.join(root, 'node_modules', '.cache', 'streamlab');
const bundle = path.join(cacheDir, 'cli.mjs');
const manifestFile = path.join(cacheDir, 'cli.inputs.json');

/** [path relative to root, size, mtimeMs] of every file the bundle was built from. */
const stamp = (file) => {
  const s = statSync(path.join(root, file));
  return [file, s.size, s.mtimeMs];
};

function isFresh() {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.node !== process.version || !existsSync(bundle)) return false;
    return manifest.inputs.every(([file, size, mtime]) => {
      const [, s, m] = stamp(file);
      return s === size && m === mtime;
    });
  } catch {
    return false;
  }
}

function build() {
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    write: false,
    metafile: true,
    logLevel: 'silent',
    // Bundled CommonJS dependencies may call require().
    banner: { js: "import { createRequire as __slCreateRequire } from 'node:module'; const require = __slCreateRequire(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs).map(stamp);
  mkdirSync(cacheDir, { recursive: true });
  // Write-then-rename, so that concurrent starts never see half a file.
  const tmp = `.${process.pid}.tmp`;
  writeFileSync(bundle + tmp, result.outputFiles[0].contents);
  renameSync(bundle + tmp, bundle);
  writeFileSync(manifestFile + tmp, JSON.stringify({ node: process.version, inputs }));
  renameSync(manifestFile + tmp, manifestFile);
}

async function runBundled() {
  if (process.env.STREAMLAB_NO_CACHE === '1') return false;
  try {
    if (!isFresh()) build();
    await import(pathToFileURL(bundle).href);
    return true;
  } catch (e) {
    if (process.env.STREAMLAB_DEBUG === '1') process.stderr.write(`streamlab: bundle cache unusable, using tsx: ${e}\n`);
    return false;
  }
}

if (!(await runBundled())) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    await import('./main.ts');
  } catch (e) {
    // A module that fails to load: an internal error, reported like the others.
    process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.STREAMLAB_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 1;
  }
}
