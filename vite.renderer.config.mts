import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as {
  version: string;
};

/**
 * Renderer build. Used three ways: Forge's VitePlugin (desktop; Forge chooses the output folder),
 * `npm run web` (dev server on :5173 with the browser host) and `npm run build:web` (static build in
 * dist-web/ served by `vite preview`). The same bundle picks its Host at run time.
 */
const productionCsp = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Adds a strict CSP meta tag to production builds (the dev server needs inline HMR scripts). */
function cspMeta(): Plugin {
  return {
    name: 'laudnet-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${productionCsp}" />`,
      );
    },
  };
}

/**
 * Cross-origin isolation (SharedArrayBuffer): lets onnxruntime-web run live masks with several
 * threads. Same-origin resources only, so nothing the app loads is blocked by it.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig(({ mode }) => ({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  publicDir: resolve(import.meta.dirname, 'assets/public'),
  plugins: [react(), cspMeta()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true, headers: isolationHeaders },
  preview: { port: 4173, strictPort: true, headers: isolationHeaders },
  build:
    mode === 'web'
      ? {
          outDir: resolve(import.meta.dirname, 'dist-web'),
          emptyOutDir: true,
          chunkSizeWarningLimit: 2000,
        }
      : {
          // Forge packs .vite/** only; with root = renderer/ its default folder would land inside renderer/.
          outDir: resolve(import.meta.dirname, '.vite/renderer/main_window'),
          emptyOutDir: true,
          chunkSizeWarningLimit: 2000,
        },
}));
