/**
 * Web-contents guards, session hardening and the app:// protocol, through a mocked `electron`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createFakeElectron } from '../fakeElectron';

const fake = vi.hoisted(() => ({ electron: null as ReturnType<typeof createFakeElectron> | null }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('../fakeElectron');
  fake.electron = createFakeElectron();
  return fake.electron.module;
});

import { registerAppScheme, serveRenderer } from '../../../electron/main/appProtocol';
import { guardWebContents, hardenSession } from '../../../electron/main/window';
import { FakeWebContents } from '../fakeElectron';
import { tempDir } from '../helpers';

const electron = () => {
  if (!fake.electron) throw new Error('electron mock not initialised');
  return fake.electron;
};

function navigationEvent(url: string) {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('guardWebContents', () => {
  const logs: string[] = [];
  const contents = new FakeWebContents();
  guardWebContents(contents as never, ['app://studio'], (m) => logs.push(m));

  it('blocks navigation and redirects away from our origin', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const away = navigationEvent('https://evil.example/');
      contents.emit(event, away);
      expect(away.prevented, event).toBe(true);
    }
    const reload = navigationEvent('app://studio/index.html');
    contents.emit('will-navigate', reload);
    expect(reload.prevented).toBe(false);
    expect(logs[0]).toBe('blocked navigation to https://evil.example/');
  });

  it('denies window.open and <webview>', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    const attach = navigationEvent('');
    contents.emit('will-attach-webview', attach);
    expect(attach.prevented).toBe(true);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    hardenSession(undefined);
    expect(electron().permissionRequests).toEqual([false, false, false]);
  });

  it('adds the production CSP to every response', () => {
    hardenSession(undefined);
    const onHeaders = electron().headerCallbacks.at(-1);
    let result: { responseHeaders?: Record<string, string[]> } = {};
    onHeaders?.(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r) => (result = r as typeof result),
    );
    expect(result.responseHeaders?.['Content-Type']).toEqual(['text/html']);
    expect(result.responseHeaders?.['Content-Security-Policy']?.[0]).toMatch(
      /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/,
    );
    // Cross-origin isolated, so onnxruntime-web may use threads.
    expect(result.responseHeaders?.['Cross-Origin-Opener-Policy']).toEqual(['same-origin']);
    expect(result.responseHeaders?.['Cross-Origin-Embedder-Policy']).toEqual(['require-corp']);
    expect(result.responseHeaders?.['X-Content-Type-Options']).toEqual(['nosniff']);
  });
});

describe('app:// protocol', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    let parent: string;
    ({ dir: parent, cleanup } = tempDir());
    dir = join(parent, 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(parent, 'secret.txt'), 'do not serve');
  });
  afterEach(() => cleanup());

  it('registers app: as a standard, secure scheme', () => {
    registerAppScheme();
    expect(electron().privilegedSchemes).toContainEqual({
      scheme: 'app',
      privileges: expect.objectContaining({ standard: true, secure: true }) as unknown,
    });
  });

  it('serves the renderer with its type and the CSP, and nothing outside it', async () => {
    const logs: string[] = [];
    serveRenderer(dir, (m) => logs.push(m));
    const handle = electron().protocolHandlers.get('app');
    const page = await handle?.({ url: 'app://studio/index.html' });
    expect(page?.status).toBe(200);
    expect(page?.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(page?.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(page?.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(await page?.text()).toBe('<!doctype html><title>x</title>');

    const script = await handle?.({ url: 'app://studio/assets/app.js' });
    expect(script?.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');

    const escape = await handle?.({ url: 'app://studio/..%2fsecret.txt' });
    expect(escape?.status).toBe(404);
    expect(logs[0]).toMatch(/app:\/\/ refused .*escapes the renderer folder/);
    expect((await handle?.({ url: 'app://studio/missing.js' }))?.status).toBe(404);
  });
});
