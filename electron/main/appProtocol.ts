/**
 * The `app://` protocol that serves the packaged renderer. Compared with `file://`, it gives the
 * page a real origin (so the IPC sender check and the CSP's 'self' mean "our bundle" rather than
 * "any local file") and lets main refuse every path outside the renderer folder.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { mimeTypeFor, resolveAppUrl } from './lib/appUrl';
import { APP_SCHEME, ISOLATION_HEADERS, buildCsp } from './lib/security';

/** Must run before `app.ready`: a standard, secure scheme behaves like https for web APIs. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves `rendererRoot` under `app://studio/`. Call after `app.ready`. */
export function serveRenderer(rendererRoot: string, log: (message: string) => void): void {
  const csp = buildCsp();
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppUrl(request.url, rendererRoot);
    if (!resolved.ok) {
      log(`app:// refused ${request.url.slice(0, 200)}: ${resolved.reason}`);
      return new Response('Not found', { status: 404 });
    }
    try {
      const body = await readFile(resolved.path);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': mimeTypeFor(resolved.path),
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
          ...ISOLATION_HEADERS,
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
