import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const fakeIpcRenderer = {
  invoke: vi.fn(() => Promise.resolve({ ok: true, value: null })),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
  sendSync: vi.fn(),
};
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed[key] = api;
    },
  },
  ipcRenderer: fakeIpcRenderer,
}));

import { CHANNELS } from '../../../electron/ipc/contract';
import { createApi, type IpcRendererLike } from '../../../electron/preload/api';

function recordingIpc() {
  const calls: unknown[][] = [];
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipc: IpcRendererLike = {
    invoke: (...args) => {
      calls.push(args);
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel, listener) => listeners.set(channel, listener),
    removeListener: (channel) => listeners.delete(channel),
  };
  return { ipc, calls, listeners };
}

describe('preload entry', () => {
  it('exposes a frozen, function-only API as window.laudnet and never ipcRenderer', async () => {
    await import('../../../electron/preload/index');
    const api = exposed.laudnet as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['laudnet']);
    expect(Object.isFrozen(api)).toBe(true);
    for (const [name, value] of Object.entries(api)) {
      expect(typeof value, name).toBe('function');
      expect(value).not.toBe(fakeIpcRenderer);
    }
    expect(Object.values(api)).not.toContain(fakeIpcRenderer.invoke);
  });
});

describe('createApi', () => {
  it('maps each verb to its channel with one argument (none for void channels)', async () => {
    const { ipc, calls } = recordingIpc();
    const api = createApi(ipc);
    await api.getAppInfo();
    await api.openFile('mask');
    await api.openFolder();
    await api.readFolderFile('folder-1', 'a/b.npz');
    await api.exportFile('csv', 't.csv', 'a,b');
    await api.saveDocument('m', '{}', true);
    await api.loadSession();
    await api.saveSession('s');
    await api.keepDamagedSession('d');
    await api.setDirty(true);
    await api.listRecent();
    await api.openRecent('r1');
    await api.clearRecent();
    await api.copyText('c');
    await api.openDocs('paper');
    await api.setCommandStates({ 'edit.redo': false });
    await api.log('warn', 'w');
    expect(calls).toEqual([
      ['app:info'],
      ['file:open', { kind: 'mask' }],
      ['folder:open'],
      ['folder:read', { id: 'folder-1', path: 'a/b.npz' }],
      ['file:save', { kind: 'csv', suggestedName: 't.csv', data: 'a,b' }],
      ['document:save', { suggestedName: 'm', data: '{}', saveAs: true }],
      ['session:load'],
      ['session:save', { text: 's' }],
      ['session:keep-damaged', { text: 'd' }],
      ['session:set-dirty', { dirty: true }],
      ['recent:list'],
      ['recent:open', { id: 'r1' }],
      ['recent:clear'],
      ['clipboard:write', { text: 'c' }],
      ['shell:open-docs', { topic: 'paper' }],
      ['commands:set-enabled', { states: { 'edit.redo': false } }],
      ['log:write', { level: 'warn', message: 'w' }],
    ]);
    // Every channel but the readiness signal (sent by onCommand) has a verb.
    const used = new Set(calls.map((c) => c[0]));
    expect(CHANNELS.filter((c) => !used.has(c))).toEqual(['commands:ready']);
  });

  it('onCommand passes only {id, payload}, announces readiness, and unsubscribes', () => {
    const { ipc, calls, listeners } = recordingIpc();
    const received: unknown[] = [];
    const unsubscribe = createApi(ipc).onCommand((e) => received.push(e));
    expect(calls).toEqual([['commands:ready']]);

    const send = listeners.get('command');
    const senderEvent = { sender: 'the Electron event must not leak' };
    send?.(senderEvent, { id: 'file.save' });
    send?.(senderEvent, {
      id: 'file.open-config',
      payload: { name: 'a', bytes: new Uint8Array([1]) },
    });
    send?.(senderEvent, { nonsense: true });
    send?.(senderEvent, null);
    expect(received).toEqual([
      { id: 'file.save' },
      { id: 'file.open-config', payload: { name: 'a', bytes: new Uint8Array([1]) } },
    ]);

    unsubscribe();
    expect(listeners.has('command')).toBe(false);
  });
});
