import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../electron/main/ipc/handlers';
import {
  handleSessionLoad,
  handleSessionSave,
  handleSetDirty,
} from '../../../../electron/main/ipc/session';
import { contentHash } from '../../../../electron/main/lib/recovery';
import { makeDeps, tempDir, type TestDeps } from '../../helpers';

let dir: string;
let cleanup: () => void;
let deps: TestDeps;
let nowMs: number;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  nowMs = Date.parse('2025-03-01T12:00:00Z');
  deps = makeDeps(dir, { now: () => new Date(nowMs) });
});
afterEach(() => cleanup());

/** A saved document whose modification time is `mtimeMs`. */
function savedDocument(mtimeMs: number): string {
  const path = join(dir, 'model.laudnet.json');
  writeFileSync(path, '{}');
  utimesSync(path, new Date(mtimeMs), new Date(mtimeMs));
  return path;
}

describe('session:load', () => {
  it('returns null when there is nothing to recover', async () => {
    expect(await handleSessionLoad(deps)).toBeNull();
    expect(deps.dialogs.asked).toEqual([]);
  });

  it("offers unsaved work even after the file's mtime moved past the autosave", async () => {
    const path = savedDocument(nowMs - 60_000);
    deps.state.documentPath = path;
    deps.state.documentHash = contentHash('{}');
    deps.state.dirty = true;
    await handleSessionSave(deps, { text: '{"unsaved":true}' });
    // A sync client or git touches the file after the crash: its mtime is now newer.
    utimesSync(path, new Date(nowMs + 3_600_000), new Date(nowMs + 3_600_000));
    deps.state.documentPath = null; // a fresh start knows nothing yet
    deps.dialogs.answers.push(0); // Restore

    expect(await handleSessionLoad(deps)).toBe('{"unsaved":true}');
    expect(deps.dialogs.asked[0]?.message).toBe('Restore unsaved work?');
    expect(deps.dialogs.asked[0]?.detail).toMatch(
      /work on model\.laudnet\.json .* differs from the file on disk/,
    );
    // Restoring also restores which file the work belongs to, so Save writes there.
    expect(deps.state.documentPath).toBe(path);
  });

  it('offers a saved session when the file on disk changed since, whatever the clocks say', async () => {
    const path = savedDocument(nowMs + 60_000);
    deps.state.documentPath = path;
    deps.state.documentHash = contentHash('{"older":1}');
    await handleSessionSave(deps, { text: '{"based-on-older":true}' });
    deps.dialogs.answers.push(1); // Discard
    expect(await handleSessionLoad(deps)).toBeNull();
    expect(deps.dialogs.asked).toHaveLength(1);
  });

  it('does not prompt when the session is clean and the file is what it was based on', async () => {
    deps.state.documentPath = savedDocument(nowMs - 60_000);
    deps.state.documentHash = contentHash('{}');
    await handleSessionSave(deps, { text: '{"same":true}' });
    expect(await handleSessionLoad(deps)).toBeNull();
    expect(deps.dialogs.asked).toEqual([]);
  });

  it('offers a session that was never saved to a file', async () => {
    await handleSessionSave(deps, { text: '{"draft":1}' });
    deps.dialogs.answers.push(0);
    expect(await handleSessionLoad(deps)).toBe('{"draft":1}');
    expect(deps.dialogs.asked[0]?.detail).toMatch(/never saved to a file/);
  });

  it('archives the recovery file when the user discards it, and does not ask again', async () => {
    await handleSessionSave(deps, { text: '{"draft":1}' });
    deps.dialogs.answers.push(1); // Discard
    expect(await handleSessionLoad(deps)).toBeNull();
    expect(readdirSync(join(dir, 'user', 'recovery')).some((n) => n.includes('.discarded-'))).toBe(
      true,
    );
    expect(await handleSessionLoad(deps)).toBeNull();
    expect(deps.dialogs.asked).toHaveLength(1);
  });

  it('treats Escape as "restore": dismissing the box never throws work away', async () => {
    await handleSessionSave(deps, { text: '{"draft":1}' });
    // FakeDialogs answers cancelId when it has no queued answer.
    expect(await handleSessionLoad(deps)).toBe('{"draft":1}');
  });

  it('restores without asking right after a renderer crash', async () => {
    await handleSessionSave(deps, { text: '{"before-crash":1}' });
    deps.state.restoreWithoutPrompt = true;
    expect(await handleSessionLoad(deps)).toBe('{"before-crash":1}');
    expect(deps.dialogs.asked).toEqual([]);
    expect(deps.state.restoreWithoutPrompt).toBe(false);
  });

  it('tells the user when the recovery file is damaged beyond its backup', async () => {
    const file = join(dir, 'user', 'recovery', 'session.json');
    await handleSessionSave(deps, { text: 'x' });
    writeFileSync(file, 'garbage');
    expect(await handleSessionLoad(deps)).toBeNull();
    expect(deps.dialogs.asked[0]?.message).toBe('The autosaved session could not be read.');
  });
});

describe('session:save and session:set-dirty', () => {
  it('signals each completed autosave (a pending quit waits for it)', async () => {
    await handleSessionSave(deps, { text: '1' });
    expect(deps.events).toEqual(['session-saved']);
  });

  it('reports dirty changes once', () => {
    handleSetDirty(deps, { dirty: true });
    handleSetDirty(deps, { dirty: true });
    handleSetDirty(deps, { dirty: false });
    expect(deps.events).toEqual(['dirty:true', 'dirty:false']);
    expect(deps.state.dirty).toBe(false);
  });
});

describe('the other handlers', () => {
  it('app:info reports the versions main was given', async () => {
    const handlers = createHandlers(deps);
    expect(await handlers['app:info'](undefined, { senderId: 1 })).toEqual({
      name: 'LAUDNet Studio',
      version: '0.1.0',
      platform: 'desktop',
      versions: { electron: '45.5.0' },
    });
  });

  it('shell:open-docs opens only the allow-listed URL for the topic', async () => {
    await createHandlers(deps)['shell:open-docs']({ topic: 'paper' }, { senderId: 1 });
    expect(deps.opened).toEqual(['https://arxiv.org/abs/2308.15949']);
  });

  it('recent:open ignores an unknown id and recent:clear empties the list', async () => {
    const handlers = createHandlers(deps);
    await deps.recent.load();
    await deps.recent.add({ path: join(dir, 'x.laudnet.json'), kind: 'config', openedAtMs: 1 });
    expect(await handlers['recent:open']({ id: 'rdeadbeef' }, { senderId: 1 })).toBeNull();
    expect(deps.dialogs.asked).toEqual([]);
    await handlers['recent:clear'](undefined, { senderId: 1 });
    expect(await handlers['recent:list'](undefined, { senderId: 1 })).toEqual([]);
  });

  it('session:keep-damaged stores the text without touching the recovery file', async () => {
    const handlers = createHandlers(deps);
    await handleSessionSave(deps, { text: 'current' });
    await handlers['session:keep-damaged']({ text: 'broken' }, { senderId: 1 });
    const names = readdirSync(join(dir, 'user', 'recovery'));
    expect(names.some((n) => n.startsWith('session.json.damaged-'))).toBe(true);
    expect(names).toContain('session.json');
  });

  it('clipboard, command states, log and readiness reach their ports', async () => {
    const handlers = createHandlers(deps);
    await handlers['clipboard:write']({ text: 'copied' }, { senderId: 1 });
    await handlers['commands:set-enabled']({ states: { 'edit.undo': false } }, { senderId: 1 });
    await handlers['log:write']({ level: 'error', message: 'boom' }, { senderId: 1 });
    await handlers['commands:ready'](undefined, { senderId: 1 });
    expect(deps.clipboardText).toEqual(['copied']);
    expect(deps.events).toEqual(['states:{"edit.undo":false}', 'commands-ready']);
    expect(deps.logs).toContain('error: [renderer] boom');
  });
});
