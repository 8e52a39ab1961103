/**
 * The main entry's start-up sequence, through a mocked `electron`: single-instance lock, scheme
 * registration before ready, crash logging, the protocol and window after ready, second instances.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createFakeElectron } from '../fakeElectron';
import { tempDir } from '../helpers';

const fake = vi.hoisted(() => ({ electron: null as ReturnType<typeof createFakeElectron> | null }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('../fakeElectron');
  fake.electron = createFakeElectron();
  return fake.electron.module;
});

let dir: string;
let cleanup: () => void;
let processListeners: Map<string, (arg: unknown) => void>;

/** Imports a fresh copy of the entry with a fresh fake Electron configured by `setup`. */
async function boot(setup: (e: ReturnType<typeof createFakeElectron>) => void = () => {}) {
  vi.resetModules();
  await import('electron');
  const first = fake.electron;
  if (!first) throw new Error('electron mock not initialised');
  // The mocked module object is created once; give it fresh fakes so boots do not share state.
  const { createFakeElectron } = await import('../fakeElectron');
  const fresh = createFakeElectron();
  Object.assign(first.module, fresh.module);
  const e = { ...fresh, module: first.module };
  e.app.getPath = (name: string) => join(dir, name);
  setup(e);
  const FakeBrowserWindow = e.module.BrowserWindow;
  FakeBrowserWindow.all = [];
  await import('../../../electron/main/index');
  return { e, FakeBrowserWindow };
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  processListeners = new Map();
  // Capture main's process-level handlers instead of installing them in the test worker.
  vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (arg: unknown) => void) => {
    processListeners.set(event, listener);
    return process;
  }) as typeof process.on);
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

describe('electron/main/index', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { e } = await boot((e) => (e.app.singleInstance = false));
    expect(e.app.quitCalls).toBe(1);
    expect(e.appEvents.listenerCount('second-instance')).toBe(0);
  });

  it('registers the app:// scheme and the app events before ready', async () => {
    const { e, FakeBrowserWindow } = await boot();
    expect(e.privilegedSchemes).toHaveLength(1);
    for (const event of [
      'open-file',
      'second-instance',
      'web-contents-created',
      'window-all-closed',
    ]) {
      expect(e.appEvents.listenerCount(event), event).toBe(1);
    }
    expect(FakeBrowserWindow.all).toHaveLength(0);
  });

  it('serves the renderer and opens the window once ready', async () => {
    const { e, FakeBrowserWindow } = await boot();
    e.app.readyResolve();
    await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1));
    expect(e.protocolHandlers.has('app')).toBe(true);
    expect(FakeBrowserWindow.all[0]?.loadedUrl).toBe('app://studio/index.html');
    expect(e.permissionRequests.every((granted) => granted === false)).toBe(true);
  });

  it('logs uncaught exceptions and unhandled rejections to the log file', async () => {
    await boot();
    processListeners.get('uncaughtException')?.(new Error('kaboom'));
    processListeners.get('unhandledRejection')?.('rejected value');
    const logFile = join(dir, 'userData', 'logs', 'laudnet-studio.log');
    await vi.waitFor(() => {
      const log = readFileSync(logFile, 'utf8');
      expect(log).toMatch(/ERROR uncaughtException: Error: kaboom/);
      expect(log).toMatch(/ERROR unhandledRejection: rejected value/);
    });
  });

  it('focuses the window and routes documents named by a second instance', async () => {
    const { e, FakeBrowserWindow } = await boot();
    e.app.readyResolve();
    await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1));
    const focus = vi.spyOn(FakeBrowserWindow.prototype, 'focus');
    e.appEvents.emit(
      'second-instance',
      {},
      ['/opt/laudnet-studio', '--flag', 'x.laudnet.json'],
      dir,
    );
    expect(focus).toHaveBeenCalled();
  });

  it('quits when the last window closes, except on macOS', async () => {
    const { e } = await boot();
    e.appEvents.emit('window-all-closed');
    expect(e.app.quitCalls).toBe(process.platform === 'darwin' ? 0 : 1);
  });
});
