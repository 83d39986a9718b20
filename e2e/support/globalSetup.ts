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
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no local URL');
  project.provide('baseUrl', url);
  return async () => {
    await server.close();
  };
}
