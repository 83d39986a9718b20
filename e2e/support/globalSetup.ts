// Builds the app and starts Vite's preview server on 127.0.0.1, a free port; tests get its URL
// through `inject('baseUrl')`. No background process, no PID file: it lives and dies with vitest.
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = 'node_modules/.tmp/e2e-dist';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // vitest sets NODE_ENV=test, which Vite would bake into the bundle (React's development build and
  // JSX runtime): test what ships instead.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no local URL');
  project.provide('baseUrl', url);
  return async () => {
    await server.close();
  };
}
