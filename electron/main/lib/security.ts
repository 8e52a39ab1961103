/**
 * Security policy as data and pure functions: which origins are our own UI, which navigations are
 * allowed (none away from it), the Content-Security-Policy, and the only external URLs the app may
 * open. The Electron wiring (window.ts, index.ts) applies these; tests check them directly.
 */
import type { DocTopic } from '../../ipc/contract';

/** Packaged content is served from `app://studio/…` (see appProtocol.ts), never from `file://`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null when it does not parse. Node's `URL.origin` is "null" for
 * non-special schemes such as `app:`, so the origin is assembled by hand.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (!u.host) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** Our own origins: the packaged app, plus the Vite dev server while developing. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

export function isTrustedUrl(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

/**
 * Whether a `will-navigate` / `will-redirect` to `url` may proceed. The app is a single page, so
 * only reloads of our own origin are allowed; links to the web never replace the UI.
 */
export function mayNavigate(url: string, origins: readonly string[]): boolean {
  return isTrustedUrl(url, origins);
}

const PRODUCTION_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  // WebAssembly compilation only (onnxruntime-web runs live masks); still no eval of JavaScript.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // React sets style properties (allowed by CSP anyway); charting libraries inject <style> tags.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'blob:', 'data:'],
  // Predictor sweeps and mask decoding run in module workers bundled next to the page.
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The Content-Security-Policy header. Production has no `unsafe-eval` and no inline scripts; the
 * dev variant adds what Vite's dev server needs (its origin, the HMR websocket, the React refresh
 * preamble, which is an inline script).
 */
export function buildCsp(devServerUrl?: string): string {
  const directives = structuredClone(PRODUCTION_CSP);
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  if (dev) {
    const ws = dev.replace(/^http/, 'ws');
    directives['script-src']?.push(dev, "'unsafe-inline'");
    directives['connect-src']?.push(dev, ws);
    directives['img-src']?.push(dev);
    directives['style-src']?.push(dev);
    directives['worker-src']?.push(dev);
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/**
 * Cross-origin isolation of the app's pages (SharedArrayBuffer, so onnxruntime-web may use threads).
 * The page loads only its own bundle, so nothing it needs is blocked.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The fixed allow-list for `shell.openExternal`: the renderer names a topic, main picks the URL. */
export const DOCS_URLS: Readonly<Record<DocTopic, string>> = {
  paper: 'https://arxiv.org/abs/2308.15949',
  'electron-security': 'https://www.electronjs.org/docs/latest/tutorial/security',
};

/** Whether `url` is exactly one of the allow-listed documentation pages. */
export function isAllowedExternalUrl(url: string): boolean {
  return Object.values<string>(DOCS_URLS).includes(url);
}
