/**
 * End to end without Electron: the renderer's Electron host → the preload API → a fake IPC that
 * runs main's registrar gate → the real handlers over a temp folder. Proves the three layers agree
 * on channel names, argument shapes and error handling.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/ipc/contract';
import { createHandlers } from '../../electron/main/ipc/handlers';
import { gateHandler, type SenderLike } from '../../electron/main/ipc/registrar';
import { createApi, type IpcRendererLike } from '../../electron/preload/api';
import {
  HostCallError,
  createElectronHost,
  findPreloadApi,
} from '../../renderer/src/host/electronHost';
import type { Host } from '../../renderer/src/host/types';
import { foreignEvent, makeDeps, tempDir, trustedEvent, type TestDeps } from './helpers';

let dir: string;
let cleanup: () => void;
let deps: TestDeps;
let host: Host;
let sender: SenderLike;

function wire(): IpcRendererLike {
  const handlers = createHandlers(deps);
  const gates = new Map(
    CHANNELS.map((c) => [
      c as string,
      gateHandler(c, handlers[c] as never, {
        isTrustedUrl: (u) => u.startsWith('app://studio/'),
        log: () => {},
      }),
    ]),
  );
  return {
    // Structured clone, as Electron's IPC does: the renderer's objects never reach main by reference.
    invoke: (channel, ...args) => {
      const gate = gates.get(channel);
      if (!gate) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return gate(sender, ...structuredClone(args));
    },
    on: () => {},
    removeListener: () => {},
  };
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  deps = makeDeps(dir);
  await deps.recent.load();
  sender = trustedEvent();
  host = createElectronHost(createApi(wire()));
});
afterEach(() => cleanup());

describe('renderer host ↔ preload ↔ main', () => {
  it('app info', async () => {
    expect(await host.appInfo()).toMatchObject({
      platform: 'desktop',
      versions: { electron: '45.5.0' },
    });
  });

  it('open, save in place and the recent list', async () => {
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(path, '{"a":1}');
    deps.dialogs.openPaths.push(path);
    const opened = await host.openFile('config');
    expect(opened?.name).toBe('model.laudnet.json');
    expect(new TextDecoder().decode(opened?.bytes)).toBe('{"a":1}');

    expect(
      await host.saveDocument?.({ suggestedName: 'x', data: '{"a":2}', saveAs: false }),
    ).toEqual({
      name: 'model.laudnet.json',
    });
    expect(readFileSync(path, 'utf8')).toBe('{"a":2}');

    const recent = (await host.listRecent?.()) ?? [];
    expect(recent.map((r) => r.name)).toEqual(['model.laudnet.json']);
    const reopened = await host.openRecent?.(recent[0]?.id ?? '');
    expect(new TextDecoder().decode(reopened?.bytes)).toBe('{"a":2}');
  });

  it('binary exports survive the trip', async () => {
    const path = join(dir, 'view.png');
    deps.dialogs.savePaths.push(path);
    await host.saveFile({
      kind: 'png',
      suggestedName: 'view',
      data: new Uint8Array([137, 80, 78, 71]),
    });
    expect([...readFileSync(path)]).toEqual([137, 80, 78, 71]);
  });

  it('session autosave and restore', async () => {
    await host.saveSession('{"tab":"masks"}');
    deps.dialogs.answers.push(0);
    expect(await host.loadSession()).toBe('{"tab":"masks"}');
  });

  it('a refusal becomes a HostCallError with its code, not a crash', async () => {
    const error = await host
      .saveFile({ kind: 'csv', suggestedName: '../../etc/cron', data: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostCallError);
    expect((error as HostCallError).code).toBe('invalid-argument');
  });

  it('a foreign page is refused on every call', async () => {
    sender = foreignEvent();
    const error = await host.appInfo().catch((e: unknown) => e);
    expect((error as HostCallError).code).toBe('forbidden-sender');
  });

  it('notifications never reject, even when refused; they warn on the console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    host.setCommandStates?.({ 'no.such.command': true });
    sender = foreignEvent();
    host.setDirty?.(true);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(2));
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/^setCommandStates refused: Invalid request/),
      expect.stringMatching(/^setDirty refused/),
    ]);
    expect(deps.state.dirty).toBe(false);
    warn.mockRestore();
  });

  it('log messages are cut to the contract limit instead of being refused', async () => {
    host.log?.('error', 'x'.repeat(100_000));
    await vi.waitFor(() => expect(deps.logs).toHaveLength(1));
    expect(deps.logs[0]?.length).toBeLessThan(8_200);
  });
});

describe('findPreloadApi', () => {
  it('finds window.laudnet only when the preload exposed it', () => {
    expect(findPreloadApi({})).toBeNull();
    const api = createApi(wire());
    expect(findPreloadApi({ laudnet: api })).toBe(api);
  });
});
