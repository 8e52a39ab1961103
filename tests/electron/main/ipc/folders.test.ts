import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../../electron/ipc/contract';
import { createFolderHandlers, listSetFolder } from '../../../../electron/main/ipc/folders';
import { createHandlers } from '../../../../electron/main/ipc/handlers';
import { nodeFs } from '../../../../electron/main/lib/fsPort';
import { makeDeps, tempDir, type TestDeps } from '../../helpers';

let dir: string;
let cleanup: () => void;
let deps: TestDeps;
let folders: string[];

function write(rel: string, text: string) {
  const full = join(dir, 'set', rel);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  folders = [];
  deps = makeDeps(dir);
  const pickFolder = () => Promise.resolve(folders.shift() ?? null);
  Object.assign(deps.dialogs, { pickFolder });
  write('summary.npz', 'SUMMARY');
  write('manifest.json', '{}');
  write('cat/img1.laudmask.npz', 'CAT1');
  write('dog/img2.laudmask.npz', 'DOG22');
  write('dog/notes.json', 'not listed: json below the top level');
  write('dog/photo.png', 'not listed');
  write('.hidden/x.npz', 'not listed');
  write('a/b/c/d/e/deep.npz', 'too deep');
  writeFileSync(join(dir, 'secret.npz'), 'outside the set');
});
afterEach(() => cleanup());

describe('listSetFolder', () => {
  it('lists .npz files at any allowed depth and .json at the top, with sizes', async () => {
    const listing = await listSetFolder(join(dir, 'set'), (p) => nodeFs.stat(p));
    expect(listing.truncated).toBe(false);
    expect(listing.files).toEqual([
      { path: 'manifest.json', size: 2 },
      { path: 'summary.npz', size: 7 },
      { path: 'cat/img1.laudmask.npz', size: 4 },
      { path: 'dog/img2.laudmask.npz', size: 5 },
    ]);
  });

  it('stops at the file limit and says so', async () => {
    const listing = await listSetFolder(join(dir, 'set'), (p) => nodeFs.stat(p), {
      maxFiles: 2,
      maxDepth: 4,
    });
    expect(listing.truncated).toBe(true);
    expect(listing.files.map((f) => f.path)).toEqual(['manifest.json', 'summary.npz']);
  });

  it('does not follow symbolic links out of the folder', async () => {
    symlinkSync(join(dir, 'secret.npz'), join(dir, 'set', 'link.npz'));
    const listing = await listSetFolder(join(dir, 'set'), (p) => nodeFs.stat(p));
    expect(listing.files.map((f) => f.path)).not.toContain('link.npz');
  });
});

describe('folder:open and folder:read', () => {
  it('returns null when the dialog is cancelled', async () => {
    const { handleFolderOpen } = createFolderHandlers(deps);
    expect(await handleFolderOpen()).toBeNull();
  });

  it('lists the picked folder and reads only listed files', async () => {
    folders.push(join(dir, 'set'));
    const handlers = createHandlers(deps);
    const opened = await handlers['folder:open'](undefined, { senderId: 1 });
    expect(opened?.name).toBe('set');
    expect(opened?.files).toHaveLength(4);
    const id = opened?.id ?? '';
    const bytes = await handlers['folder:read'](
      { id, path: 'dog/img2.laudmask.npz' },
      { senderId: 1 },
    );
    expect(new TextDecoder().decode(bytes)).toBe('DOG22');
    await expect(
      handlers['folder:read']({ id, path: 'dog/photo.png' }, { senderId: 1 }),
    ).rejects.toThrow('dog/photo.png is not a file of the opened set folder.');
    await expect(
      handlers['folder:read']({ id: 'folder-99', path: 'summary.npz' }, { senderId: 1 }),
    ).rejects.toThrow('no longer open');
  });

  it('refuses paths that climb out of the folder at the contract', () => {
    const schema = contract['folder:read'].request;
    for (const path of ['../secret.npz', '/etc/passwd', 'a//b.npz', './x.npz', 'a\\..\\b.npz']) {
      expect(schema.safeParse({ id: 'folder-1', path }).success, path).toBe(false);
    }
    expect(schema.safeParse({ id: 'folder-1', path: 'cat/img1.laudmask.npz' }).success).toBe(true);
  });

  it('explains that folders cannot be opened when the dialog port has no folder picker', async () => {
    const plain = makeDeps(dir);
    await expect(createFolderHandlers(plain).handleFolderOpen()).rejects.toThrow(
      'Opening folders is not available here.',
    );
  });
});
