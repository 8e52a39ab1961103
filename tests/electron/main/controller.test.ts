/**
 * The Electron wiring, driven through a mocked `electron` module: window options, IPC registration,
 * menu, quit guard, crash recovery, blur flushes and files opened by the OS.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createFakeElectron } from '../fakeElectron';

const fake = vi.hoisted(() => ({ electron: null as ReturnType<typeof createFakeElectron> | null }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('../fakeElectron');
  fake.electron = createFakeElectron();
  return fake.electron.module;
});

import { CHANNELS } from '../../../electron/ipc/contract';
import { createAppController } from '../../../electron/main/controller';
import { inlineFileChecks } from '../../../electron/main/lib/fileChecks';
import { appPaths } from '../../../electron/main/lib/paths';
import { APP_ENTRY_URL } from '../../../electron/main/lib/security';
import { FakeBrowserWindow } from '../fakeElectron';
import { tempDir, trustedEvent } from '../helpers';

let dir: string;
let cleanup: () => void;
let logs: string[];
let quits: number;

const electron = () => {
  if (!fake.electron) throw new Error('electron mock not initialised');
  return fake.electron;
};

function makeController() {
  return createAppController({
    paths: appPaths(join(dir, 'user')),
    logger: {
      log: (level, message) => void logs.push(`${level}: ${message}`),
      flush: () => Promise.resolve(),
    },
    isDev: false,
    entryUrl: APP_ENTRY_URL,
    preloadPath: '/app/.vite/build/preload.js',
    fileChecks: inlineFileChecks,
    trustedOrigins: ['app://studio'],
    app: { name: 'LAUDNet Studio', version: '0.1.0', versions: {} },
    defaultDir: dir,
    isQuitting: () => false,
    cancelQuit: () => {},
    onClosedForQuit: () => void quits++,
  });
}

/** Invokes a channel the way the page would. */
function invoke(channel: string, ...args: unknown[]): Promise<unknown> {
  const handler = electron().handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(trustedEvent(), ...args);
}

async function started() {
  const controller = makeController();
  await controller.start([]);
  const win = FakeBrowserWindow.all.at(-1);
  if (!win) throw new Error('no window');
  return { controller, win };
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  logs = [];
  quits = 0;
  FakeBrowserWindow.all = [];
  const e = electron();
  e.handlers.clear();
  e.messageBoxes.length = 0;
  e.answers.length = 0;
  e.errorBoxes.length = 0;
  e.menus.length = 0;
});
afterEach(() => cleanup());

describe('start', () => {
  it('opens one hardened window, hidden until ready, on the app:// entry', async () => {
    const { win } = await started();
    expect(FakeBrowserWindow.all).toHaveLength(1);
    expect(win.options).toMatchObject({ show: false, backgroundColor: '#f6f7f9' });
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/.vite/build/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
    expect(win.loadedUrl).toBe('app://studio/index.html');
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    expect(win.webContents.devToolsOpened).toBe(false);
  });

  it('registers every IPC channel and answers app:info', async () => {
    await started();
    expect([...electron().handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(await invoke('app:info')).toMatchObject({ ok: true, value: { name: 'LAUDNet Studio' } });
  });

  it('builds the menu from the registry; a click reaches the renderer as a command', async () => {
    const { win } = await started();
    const { template } = electron().menus.at(-1) as { template: Array<{ submenu?: unknown }> };
    const items = template.flatMap((m) =>
      Array.isArray(m.submenu) ? (m.submenu as Array<{ id?: string; click?: () => void }>) : [],
    );
    items.find((i) => i.id === 'edit.undo')?.click?.();
    expect(win.webContents.sent).toContainEqual({
      channel: 'command',
      payload: { id: 'edit.undo' },
    });
  });

  it('rebuilds the menu with the enabled states the renderer reports', async () => {
    await started();
    const before = electron().menus.length;
    await invoke('commands:set-enabled', { states: { 'edit.undo': false } });
    expect(electron().menus.length).toBe(before + 1);
    const { template } = electron().menus.at(-1) as {
      template: Array<{ label?: string; submenu?: Array<{ id?: string; enabled?: boolean }> }>;
    };
    const edit = template.find((m) => m.label === 'Edit');
    expect(edit?.submenu?.find((i) => i.id === 'edit.undo')?.enabled).toBe(false);
  });
});

describe('never losing work', () => {
  it('asks the renderer to flush its autosave when the window loses focus', async () => {
    const { win } = await started();
    win.emit('blur');
    expect(win.webContents.commandIds()).toEqual(['session.flush']);
  });

  it('closes at once when there are no unsaved changes, after a final flush', async () => {
    const { win } = await started();
    win.webContents.onSend = (_c, payload) => {
      if ((payload as { id: string }).id === 'session.flush')
        void invoke('session:save', { text: 'final' });
    };
    win.close();
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
    expect(electron().messageBoxes).toEqual([]);
  });

  it('guards unsaved changes: cancel keeps the window, save starts Save, discard closes', async () => {
    const { win } = await started();
    win.webContents.onSend = (_c, payload) => {
      if ((payload as { id: string }).id === 'session.flush')
        void invoke('session:save', { text: 'x' });
    };
    await invoke('session:set-dirty', { dirty: true });

    electron().answers.push(2); // Cancel
    win.close();
    await vi.waitFor(() => expect(electron().messageBoxes).toHaveLength(1));
    expect(electron().messageBoxes[0]?.message).toBe('Save changes before closing?');
    await new Promise((r) => setTimeout(r, 20));
    expect(win.destroyed).toBe(false);

    electron().answers.push(0); // Save…
    win.close();
    await vi.waitFor(() => expect(win.webContents.commandIds()).toContain('file.save'));
    expect(win.destroyed).toBe(false);

    electron().answers.push(1); // Don't save
    win.close();
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
  });

  it('reloads after a renderer crash and restores the session without asking', async () => {
    const { win } = await started();
    await invoke('session:save', { text: '{"before":"crash"}' });
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win.webContents.reloads).toBe(1);
    expect(logs.some((l) => l.includes('renderer gone: crashed'))).toBe(true);
    expect(await invoke('session:load')).toEqual({ ok: true, value: '{"before":"crash"}' });
    expect(electron().messageBoxes).toEqual([]);
  });

  it('stops reloading a window that keeps crashing and tells the user', async () => {
    const { win } = await started();
    for (let i = 0; i < 4; i++) {
      win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    }
    expect(win.webContents.reloads).toBe(3);
    expect(electron().errorBoxes).toEqual(['LAUDNet Studio keeps crashing']);
  });

  it('offers to reload an unresponsive window, and does so only when asked', async () => {
    const { win } = await started();
    electron().answers.push(0); // Wait
    win.emit('unresponsive');
    await vi.waitFor(() => expect(electron().messageBoxes).toHaveLength(1));
    expect(win.webContents.reloads).toBe(0);
    electron().answers.push(1); // Reload
    win.emit('unresponsive');
    await vi.waitFor(() => expect(win.webContents.reloads).toBe(1));
    expect(win.webContents.crashed).toBe(1);
  });
});

describe('files from the OS', () => {
  it('queues a file opened before the page listens, then delivers it as an open command', async () => {
    const { controller, win } = await started();
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(path, '{"a":1}');
    await controller.openFromOs(path);
    expect(win.webContents.commandIds()).toEqual([]);

    await invoke('commands:ready');
    await vi.waitFor(() => expect(win.webContents.commandIds()).toEqual(['file.open-config']));
    const payload = win.webContents.sent[0]?.payload as {
      payload: { name: string; bytes: Uint8Array };
    };
    expect(payload.payload.name).toBe('model.laudnet.json');
    expect(new TextDecoder().decode(payload.payload.bytes)).toBe('{"a":1}');
  });

  it('reopens a file from File ▸ Open recent and clears the list from the menu', async () => {
    const { controller, win } = await started();
    await invoke('commands:ready');
    const path = join(dir, 'run.laudnet.json');
    writeFileSync(path, '{"b":2}');
    await controller.openFromOs(path);
    await vi.waitFor(() => expect(win.webContents.commandIds()).toEqual(['file.open-config']));

    type Item = { id?: string; label?: string; click?: () => void; submenu?: Item[] };
    const allItems = () => {
      const { template } = electron().menus.at(-1) as { template: Item[] };
      const walk = (items: Item[]): Item[] => items.flatMap((i) => [i, ...walk(i.submenu ?? [])]);
      return walk(template);
    };
    allItems()
      .find((i) => i.label === 'run.laudnet.json')
      ?.click?.();
    await vi.waitFor(() => expect(win.webContents.commandIds()).toHaveLength(2));
    expect(win.webContents.commandIds()[1]).toBe('file.open-config');

    allItems()
      .find((i) => i.id === 'recent.clear')
      ?.click?.();
    await vi.waitFor(() =>
      expect(allItems().some((i) => i.label === 'No recent files')).toBe(true),
    );
  });

  it('ignores files that are not associated with the app', async () => {
    const { controller, win } = await started();
    await invoke('commands:ready');
    await controller.openFromOs('/etc/passwd');
    expect(win.webContents.sent).toEqual([]);
  });
});
