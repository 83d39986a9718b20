// Vite (app, dev and preview servers) and vitest (unit tests) configuration.
import { defineConfig } from 'vitest/config';
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

export default defineConfig({
  plugins: [react()],
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
