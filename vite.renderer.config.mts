import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SESSION_STORAGE_KEY } from './renderer/src/session/storageKey';

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

const rendererRoot = resolve(import.meta.dirname, 'renderer');

/** Where the page's first script leaves the workers it started (read by `renderer/src/boot.ts`). */
const BOOT_GLOBAL = '__laudnetBootWorkers';

/**
 * Starts the analysis worker as early as possible, so that its script loads, compiles and warms up on
 * the other core while the page's own chunks load, and the first prediction is answered at once.
 * `renderer/src/boot.ts` adopts the worker (or creates it where no early script ran: the dev server).
 * - Web build: a classic inline script in <head>, before the chunks' preload links, allowed by its hash
 *   in the CSP. The worker's script is then requested first: over HTTP/1.1's six connections a request
 *   issued by a module script queues behind the two dozen chunk requests (measured: the worker's
 *   script arrived 600 ms after it was asked for, the page's last chunk just before it).
 * - Desktop build: a separate async module entry (the app protocol has no connection limit, and
 *   Electron's CSP header admits no inline script).
 */
function bootScript(mode: string): Plugin {
  const inline = mode === 'web';
  return {
    name: 'laudnet-boot-script',
    apply: 'build',
    config: () =>
      inline
        ? {}
        : {
            build: {
              rolldownOptions: {
                input: {
                  index: resolve(rendererRoot, 'index.html'),
                  boot: resolve(rendererRoot, 'src/boot.ts'),
                },
              },
            },
          },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const files = Object.values(ctx.bundle ?? {});
        let tag: string;
        if (inline) {
          const worker = files.find((c) => /(^|\/)analysis\.worker-[^/]*\.js$/.test(c.fileName));
          if (!worker) throw new Error('the build has no analysis worker script');
          // The saved session's text goes to the worker's warm-up (renderer/src/session/storageKey.ts);
          // reading it here also opens the page's storage while the main thread waits for its chunks.
          const code =
            `{const w=new Worker(${JSON.stringify(`./${worker.fileName}`)},{type:"module",name:"analysis"});` +
            `let s=null;globalThis.${BOOT_GLOBAL}={analysis:w};` +
            `try{s=localStorage.getItem(${JSON.stringify(SESSION_STORAGE_KEY)})}catch(e){}` +
            `w.postMessage({laudnetWarmUp:s})}`;
          const hash = createHash('sha256').update(code).digest('base64');
          const withHash = html.replace("script-src 'self'", `script-src 'self' 'sha256-${hash}'`);
          if (withHash === html) throw new Error('the CSP meta tag has no script-src to extend');
          html = withHash;
          tag = `<script>${code}</script>\n    `;
        } else {
          const boot = files.find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
          if (!boot) throw new Error('the build has no boot chunk');
          tag = `<script type="module" async crossorigin src="./${boot.fileName}"></script>\n    `;
        }
        // Before the main entry's script and the preload links, after the CSP meta tag.
        const at = html.indexOf('<script type="module"');
        if (at < 0) throw new Error('index.html has no module script');
        return html.slice(0, at) + tag + html.slice(at);
      },
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

/**
 * Named chunks for the big libraries, so that the first screen's chunks are easy to tell from the rest
 * (e2e/bundle.spec.ts reads the manifest): three.js and the chart library load only with the views that
 * use them (renderer/src/views/registry.tsx imports every view lazily).
 */
const codeSplitting = (desktop: boolean) => ({
  // In order: a module goes to the first group that matches, and a group takes the dependencies of its
  // modules that no earlier group took (react stays out of the chart library's chunk).
  groups: [
    // Everything the first screen needs in one file (`$initial`: statically reached from an entry):
    // react, the store, the shell, shared helpers. Two dozen small requests cost the page more than one
    // large one (over HTTP/1.1's six connections the last of them arrived ~250 ms after the first on a
    // loaded machine, and each costs the browser and the server their own work). The desktop build's
    // boot entry (src/boot.ts, also imported by main.tsx) keeps a chunk of its own, so that it starts
    // the analysis worker before the application's code has loaded; it imports nothing at run time, so
    // there the group need not take the dependencies of what it captures.
    desktop
      ? {
          name: 'app',
          tags: ['$initial' as const],
          test: (id: string) => !/[\\/]src[\\/]boot\.ts$/.test(id),
          includeDependenciesRecursively: false,
        }
      : { name: 'app', tags: ['$initial' as const] },
    { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
    { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
    { name: 'three', test: /[\\/]node_modules[\\/]three[\\/]/ },
    {
      name: 'recharts',
      test: /[\\/]node_modules[\\/](recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs|immer|reselect|react-redux|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant)[\\/]/,
    },
  ],
});

export default defineConfig(({ mode }) => ({
  root: rendererRoot,
  base: './',
  publicDir: resolve(import.meta.dirname, 'assets/public'),
  plugins: [react(), cspMeta(), bootScript(mode)],
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
          manifest: true,
          // Chromium (and Electron) preload modules natively: no polyfill script at the page's start.
          modulePreload: { polyfill: false },
          rolldownOptions: { output: { codeSplitting: codeSplitting(false) } },
        }
      : {
          // Forge packs .vite/** only; with root = renderer/ its default folder would land inside renderer/.
          outDir: resolve(import.meta.dirname, '.vite/renderer/main_window'),
          emptyOutDir: true,
          chunkSizeWarningLimit: 2000,
          modulePreload: { polyfill: false },
          rolldownOptions: { output: { codeSplitting: codeSplitting(true) } },
        },
}));
