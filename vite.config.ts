// Vite (app, dev and preview servers) and vitest (unit tests) configuration.
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation (SharedArrayBuffer available) in both servers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The built app runs no code it did not ship: no eval, no remote origins. (The dev server keeps
// Vite's inline React-refresh preamble, so the policy is applied to the built app only.)
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy as a <meta> in the built index.html, so that static hosting (which sends no
 * header) gets it too. `frame-ancestors` is left out there: browsers ignore it in a meta tag.
 */
export const metaContentSecurityPolicy = contentSecurityPolicy
  .split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

function cspMeta(): Plugin {
  return {
    name: 'streamlab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), cspMeta()],
  server: { headers: isolation },
  preview: { headers: { ...isolation, 'Content-Security-Policy': contentSecurityPolicy } },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // Property tests run hundreds of simulations; on a loaded 2-core machine vitest's 5 s default
    // fails them for time, not for what they check.
    testTimeout: 30_000,
    // dt-sql-parser (the export tests' SQL check) is a large CommonJS bundle: pre-bundled once, it
    // loads in a fraction of the time.
    deps: { optimizer: { ssr: { enabled: true, include: ['dt-sql-parser'] } } },
  },
});
