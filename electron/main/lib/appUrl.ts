/**
 * Maps `app://studio/<path>` requests to files of the packaged renderer. The mapping refuses any
 * path that escapes the renderer folder (`..`, encoded separators, absolute paths), so the custom
 * protocol cannot be used to read arbitrary files even by a compromised page.
 */
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** MIME type served for a file; unknown types are served as opaque bytes. */
export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type AppUrlResolution = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Resolves an `app://` URL to a file inside `rendererRoot`.
 *
 * @returns the absolute file path, or a reason the request is refused.
 */
export function resolveAppUrl(url: string, rendererRoot: string): AppUrlResolution {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'unparseable URL' };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) {
    return { ok: false, reason: 'wrong scheme or host' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { ok: false, reason: 'bad percent-encoding' };
  }
  // Encoded separators or NUL can smuggle traversal past URL normalisation.
  if (pathname.includes('\\') || pathname.includes('\0')) {
    return { ok: false, reason: 'illegal character in path' };
  }
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.slice(1);
  if (isAbsolute(relativePath)) return { ok: false, reason: 'absolute path' };
  const root = resolve(rendererRoot);
  const target = resolve(join(root, relativePath));
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    return { ok: false, reason: 'path escapes the renderer folder' };
  }
  return { ok: true, path: target };
}
