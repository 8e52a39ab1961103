import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  DOCS_URLS,
  buildCsp,
  isAllowedExternalUrl,
  isTrustedUrl,
  mayNavigate,
  originOf,
  trustedOrigins,
} from '../../../../electron/main/lib/security';

/** Parses a CSP header into directive → sources. */
function parseCsp(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('origins', () => {
  it('builds origins by hand for custom schemes (URL.origin is "null" for them)', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(originOf(APP_ENTRY_URL)).toBe('app://studio');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
    expect(originOf('not a url')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
  });

  it('trusts the packaged app, and the dev server only when there is one', () => {
    expect(trustedOrigins(undefined)).toEqual(['app://studio']);
    const dev = trustedOrigins('http://localhost:5173/');
    expect(isTrustedUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/index.html', trustedOrigins(undefined))).toBe(false);
  });

  it('does not trust look-alikes, other ports, file: or data: pages', () => {
    const origins = trustedOrigins('http://localhost:5173');
    for (const url of [
      'app://studio.evil/index.html',
      'app://evil/index.html',
      'http://localhost:5174/',
      'https://localhost:5173/',
      'file:///tmp/index.html',
      'data:text/html,<script>1</script>',
      'about:blank',
    ]) {
      expect(isTrustedUrl(url, origins), url).toBe(false);
    }
  });

  it('blocks navigation to the web but allows reloading our own page', () => {
    const origins = trustedOrigins(undefined);
    expect(mayNavigate('https://arxiv.org/abs/2308.15949', origins)).toBe(false);
    expect(mayNavigate('javascript:alert(1)', origins)).toBe(false);
    expect(mayNavigate(APP_ENTRY_URL, origins)).toBe(true);
  });
});

describe('buildCsp', () => {
  it('production: no eval, no inline script, nothing remote', () => {
    const csp = parseCsp(buildCsp());
    expect(buildCsp()).not.toContain("'unsafe-eval'");
    // WebAssembly compilation (live masks) is the one exception, and it does not allow eval().
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(buildCsp()).not.toMatch(/https?:|\*/);
  });

  it('development adds exactly the dev server and its websocket', () => {
    const csp = parseCsp(buildCsp('http://localhost:5173/'));
    expect(csp.get('script-src')).toContain('http://localhost:5173');
    expect(csp.get('connect-src')).toContain('ws://localhost:5173');
    expect(buildCsp('http://localhost:5173/')).not.toContain("'unsafe-eval'");
  });
});

describe('shell.openExternal allow-list', () => {
  it('allows exactly the documentation URLs', () => {
    for (const url of Object.values(DOCS_URLS)) expect(isAllowedExternalUrl(url)).toBe(true);
    expect(isAllowedExternalUrl('https://arxiv.org/abs/2308.15949?x=1')).toBe(false);
    expect(isAllowedExternalUrl('file:///bin/sh')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/')).toBe(false);
  });

  it('lists only https URLs', () => {
    for (const url of Object.values(DOCS_URLS)) expect(url).toMatch(/^https:\/\//);
  });
});
