/**
 * Issue 13: saves keep what the user has (mode, symlinks), work in a read-only folder, and never
 * overwrite another program's changes without asking.
 */
import {
  lstatSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleDocumentSave, openDocumentAt } from '../../../../electron/main/ipc/documents';
import { atomicWrite } from '../../../../electron/main/lib/atomicWrite';
import { nodeFs, type FsPort } from '../../../../electron/main/lib/fsPort';
import { makeDeps, tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('atomicWrite keeps what the user has', () => {
  it("keeps a 0600 file's mode", async () => {
    const path = join(dir, 'secret.laudnet.json');
    writeFileSync(path, '{}', { mode: 0o600 });
    await atomicWrite(nodeFs, path, '{"a":1}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
  });

  it('writes through a symlink to its target, and the link stays a link', async () => {
    const real = join(dir, 'real.laudnet.json');
    const link = join(dir, 'link.laudnet.json');
    writeFileSync(real, '{}');
    symlinkSync(real, link);
    await atomicWrite(nodeFs, link, '{"b":2}');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('{"b":2}');
    expect(readFileSync(`${real}.bak`, 'utf8')).toBe('{}');
  });

  it('overwrites in place when the folder takes no new files (root ignores modes: injected)', async () => {
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(path, '{"old":1}');
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const readOnlyFolder: FsPort = {
      ...nodeFs,
      writeNewFileSynced: () => Promise.reject(denied),
    };
    await atomicWrite(readOnlyFolder, path, '{"new":1}');
    expect(readFileSync(path, 'utf8')).toBe('{"new":1}');
    expect(readdirSync(dir)).toEqual(['model.laudnet.json']);
  });

  it('fsyncs the .bak and sweeps temp files left by a killed save before writing', async () => {
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(path, '{}');
    const stale = join(dir, '.model.laudnet.json.old-1.tmp');
    writeFileSync(stale, 'x'.repeat(1000));
    utimesSync(stale, new Date(0), new Date(0));
    const synced: string[] = [];
    const spy: FsPort = {
      ...nodeFs,
      syncFile: (p) => {
        synced.push(p);
        return nodeFs.syncFile(p);
      },
    };
    await atomicWrite(spy, path, '{"c":3}');
    expect(synced).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['model.laudnet.json', 'model.laudnet.json.bak']);
  });
});

describe('saving a document changed on disk', () => {
  it('asks before overwriting changes another program made, and Cancel keeps them', async () => {
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(path, '{"format":"laudnet-config"}');
    const deps = makeDeps(dir);
    await deps.recent.load();
    await openDocumentAt(deps, path, 'config');
    writeFileSync(path, '{"edited":"elsewhere"}');
    deps.dialogs.answers.push(1); // Cancel
    const data = '{"mine":1}';
    expect(await handleDocumentSave(deps, { data, suggestedName: 'x', saveAs: false })).toBeNull();
    expect(deps.dialogs.asked[0]?.message).toBe(
      'model.laudnet.json was changed by another program since you opened it.',
    );
    expect(readFileSync(path, 'utf8')).toBe('{"edited":"elsewhere"}');

    deps.dialogs.answers.push(0); // Save anyway
    expect(await handleDocumentSave(deps, { data, suggestedName: 'x', saveAs: false })).toEqual({
      name: 'model.laudnet.json',
    });
    expect(readFileSync(path, 'utf8')).toBe(data);
    // Saved here: the next save does not ask again.
    await handleDocumentSave(deps, { data: '{"mine":2}', suggestedName: 'x', saveAs: false });
    expect(deps.dialogs.asked).toHaveLength(2);
  });
});

describe('keeping damaged sessions', () => {
  it('gives two calls in one millisecond two files, and keeps at most five', async () => {
    const { RecoveryStore } = await import('../../../../electron/main/lib/recovery');
    const store = new RecoveryStore(
      nodeFs,
      join(dir, 'recovery', 'session.json'),
      () => new Date('2025-03-01T12:00:00Z'),
    );
    const a = await store.keepDamaged('first');
    const b = await store.keepDamaged('second');
    expect(a).not.toBe(b);
    expect(readFileSync(a, 'utf8')).toBe('first');
    expect(readFileSync(b, 'utf8')).toBe('second');
    for (let i = 0; i < 8; i++) await store.keepDamaged(`more ${i}`);
    expect(readdirSync(join(dir, 'recovery')).filter((n) => n.includes('.damaged-'))).toHaveLength(
      5,
    );
  });
});
