import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppUrl } from '../../../../electron/main/lib/appUrl';

const root = '/opt/laudnet/resources/app.asar/.vite/renderer/main_window';

describe('resolveAppUrl', () => {
  it('maps app://studio/ paths into the renderer folder', () => {
    expect(resolveAppUrl('app://studio/index.html', root)).toEqual({
      ok: true,
      path: join(root, 'index.html'),
    });
    expect(resolveAppUrl('app://studio/', root)).toEqual({
      ok: true,
      path: join(root, 'index.html'),
    });
    expect(resolveAppUrl('app://studio/assets/index-abc.js?v=1#x', root)).toEqual({
      ok: true,
      path: join(root, 'assets', 'index-abc.js'),
    });
  });

  it('never resolves outside the renderer folder', () => {
    for (const url of [
      'app://studio/../../../../etc/passwd',
      'app://studio/%2e%2e/%2e%2e/etc/passwd',
      'app://studio/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://studio/..%5c..%5cwindows%5cwin.ini',
    ]) {
      const result = resolveAppUrl(url, root);
      // Either refused, or (URL normalisation removed the dot segments) still inside the folder.
      if (result.ok) expect(result.path.startsWith(`${root}/`), url).toBe(true);
    }
    // Encoded separators survive URL normalisation, so these must be refused outright.
    expect(resolveAppUrl('app://studio/assets/..%2f..%2f..%2fetc%2fpasswd', root).ok).toBe(false);
    expect(resolveAppUrl('app://studio/..%5c..%5cwindows%5cwin.ini', root).ok).toBe(false);
  });

  it('refuses NUL bytes and broken percent-encoding', () => {
    expect(resolveAppUrl('app://studio/index.html%00.png', root).ok).toBe(false);
    expect(resolveAppUrl('app://studio/%E0%A4%A', root).ok).toBe(false);
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppUrl('app://other/index.html', root).ok).toBe(false);
    expect(resolveAppUrl('file:///etc/passwd', root).ok).toBe(false);
    expect(resolveAppUrl('nonsense', root).ok).toBe(false);
  });
});

describe('mimeTypeFor', () => {
  it('serves module scripts as JavaScript and unknown files as bytes', () => {
    expect(mimeTypeFor('a/b/index-123.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('x.WASM')).toBe('application/wasm');
    expect(mimeTypeFor('x.bin')).toBe('application/octet-stream');
  });
});
