import { beforeEach, describe, expect, it, vi } from 'vitest';

// The registrar is handed `ipcMain`; here it is the mocked Electron module's, as in production.
const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: vi.fn(
      (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
        registered.set(channel, listener);
      },
    ),
    removeHandler: vi.fn((channel: string) => registered.delete(channel)),
  },
}));

import { ipcMain } from 'electron';
import {
  CHANNELS,
  contract,
  type Channel,
  type IpcResult,
} from '../../../../electron/ipc/contract';
import {
  gateHandler,
  registerIpcHandlers,
  type Handlers,
  type RegistrarOptions,
} from '../../../../electron/main/ipc/registrar';
import { foreignEvent, trustedEvent } from '../../helpers';

/** One valid request per channel (the arguments `invoke` would carry). */
const VALID: Record<Channel, unknown[]> = {
  'app:info': [],
  'file:open': [{ kind: 'config' }],
  'file:save': [{ kind: 'csv', suggestedName: 'table.csv', data: 'a,b\n1,2\n' }],
  'document:save': [{ suggestedName: 'model.laudnet.json', data: '{}', saveAs: false }],
  'folder:open': [],
  'folder:read': [{ id: 'folder-1', path: 'cat/img0.laudmask.npz' }],
  'session:load': [],
  'session:save': [{ text: '{"v":1}' }],
  'session:keep-damaged': [{ text: 'garbage' }],
  'session:set-dirty': [{ dirty: true }],
  'recent:list': [],
  'recent:open': [{ id: 'r0123abcd' }],
  'recent:clear': [],
  'clipboard:write': [{ text: 'hello' }],
  'shell:open-docs': [{ topic: 'paper' }],
  'commands:set-enabled': [{ states: { 'edit.undo': false } }],
  'commands:ready': [],
  'log:write': [{ level: 'error', message: 'boom' }],
};

/** A payload just over the channel's limit (binary, so no schema runs before the size check). */
function oversized(channel: Channel): unknown {
  return { data: new Uint8Array(contract[channel].maxBytes + 1) };
}

const handlerCalls: Array<{ channel: Channel; request: unknown }> = [];
const handlers = Object.fromEntries(
  CHANNELS.map((channel) => [
    channel,
    (request: unknown) => {
      handlerCalls.push({ channel, request });
      return null;
    },
  ]),
) as unknown as Handlers;

const logs: string[] = [];
const options: RegistrarOptions = {
  isTrustedUrl: (url) => url.startsWith('app://studio/'),
  log: (level, message) => void logs.push(`${level}: ${message}`),
};

function errorCode(result: unknown): string | undefined {
  const r = result as IpcResult<unknown>;
  return r.ok ? undefined : r.error.code;
}

beforeEach(() => {
  handlerCalls.length = 0;
  logs.length = 0;
  registered.clear();
});

describe('registerIpcHandlers', () => {
  it('registers every contract channel on ipcMain and removes them again', () => {
    const unregister = registerIpcHandlers(ipcMain, handlers, options);
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
    unregister();
    expect(registered.size).toBe(0);
  });

  it('delivers a valid request from our page to the handler, through ipcMain', async () => {
    registerIpcHandlers(ipcMain, handlers, options);
    const listener = registered.get('file:open');
    const result = await listener?.(trustedEvent(), { kind: 'mask' });
    expect(result).toEqual({ ok: true, value: null });
    expect(handlerCalls).toEqual([{ channel: 'file:open', request: { kind: 'mask' } }]);
  });
});

describe.each(CHANNELS)('channel %s', (channel) => {
  const gated = gateHandler(channel, handlers[channel] as never, options);

  it('accepts its valid request', async () => {
    const result = await gated(trustedEvent(), ...VALID[channel]);
    expect(result.ok).toBe(true);
    expect(handlerCalls).toHaveLength(1);
  });

  it('rejects a foreign sender without running the handler', async () => {
    const result = await gated(foreignEvent(), ...VALID[channel]);
    expect(errorCode(result)).toBe('forbidden-sender');
    expect(handlerCalls).toHaveLength(0);
    expect(logs.join('\n')).toContain('untrusted origin');
  });

  it('rejects a malformed payload', async () => {
    const malformed = VALID[channel].length === 0 ? [{ injected: true }] : [{ bogus: 1 }];
    const result = await gated(trustedEvent(), ...malformed);
    // A void channel refuses any payload at the size gate (its limit is zero) or the schema.
    expect(['invalid-argument', 'payload-too-large']).toContain(errorCode(result));
    expect(handlerCalls).toHaveLength(0);
  });

  it('rejects an oversized payload before validating it', async () => {
    const result = await gated(trustedEvent(), oversized(channel));
    expect(errorCode(result)).toBe('payload-too-large');
    expect(handlerCalls).toHaveLength(0);
  });
});

describe('gateHandler', () => {
  const gated = gateHandler('file:open', handlers['file:open'], options);

  it('refuses a subframe and a destroyed frame even on our origin', async () => {
    const sub = { sender: { id: 1 }, senderFrame: { url: 'app://studio/x.html', parent: {} } };
    const gone = { sender: { id: 1 }, senderFrame: null };
    expect(errorCode(await gated(sub, { kind: 'config' }))).toBe('forbidden-sender');
    expect(errorCode(await gated(gone, { kind: 'config' }))).toBe('forbidden-sender');
  });

  it('refuses a look-alike origin', async () => {
    const lookalike = trustedEvent('app://studio.evil/index.html');
    expect(errorCode(await gated(lookalike, { kind: 'config' }))).toBe('forbidden-sender');
  });

  it('names the offending field of a malformed request', async () => {
    const result = await gated(trustedEvent(), { kind: 'passwords' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(result.ok ? '' : result.error.message).toMatch(/^Invalid request to file:open: kind/);
  });

  it('refuses extra arguments', async () => {
    const result = await gated(trustedEvent(), { kind: 'config' }, { kind: 'mask' });
    expect(errorCode(result)).toBe('invalid-argument');
  });

  it('refuses a payload too deep to be a real request', async () => {
    let deep: unknown = { kind: 'config' };
    for (let i = 0; i < 40; i++) deep = { nested: deep };
    expect(errorCode(await gated(trustedEvent(), deep))).toBe('payload-too-large');
  });

  it('turns a throwing handler into a typed error and logs it', async () => {
    const failing = gateHandler(
      'file:open',
      () => {
        throw new Error('disk on fire');
      },
      options,
    );
    const result = await failing(trustedEvent(), { kind: 'config' });
    expect(result).toEqual({ ok: false, error: { code: 'failed', message: 'disk on fire' } });
    expect(logs.some((l) => l.startsWith('error: IPC file:open failed'))).toBe(true);
  });

  it('rejects a file name with folders (the renderer never chooses paths)', async () => {
    const save = gateHandler('file:save', handlers['file:save'], options);
    const result = await save(trustedEvent(), {
      kind: 'csv',
      suggestedName: '../../.bashrc',
      data: 'x',
    });
    expect(errorCode(result)).toBe('invalid-argument');
  });

  it('rejects an unknown command id in commands:set-enabled', async () => {
    const set = gateHandler('commands:set-enabled', handlers['commands:set-enabled'], options);
    const result = await set(trustedEvent(), { states: { 'app.format-disk': true } });
    expect(errorCode(result)).toBe('invalid-argument');
  });
});
