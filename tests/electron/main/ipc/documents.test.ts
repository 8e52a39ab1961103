import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  handleDocumentSave,
  handleExport,
  handleOpen,
  openDocumentAt,
} from '../../../../electron/main/ipc/documents';
import { nodeFs } from '../../../../electron/main/lib/fsPort';
import { makeDeps, tempDir, type TestDeps } from '../../helpers';

let dir: string;
let cleanup: () => void;
let deps: TestDeps;
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  deps = makeDeps(dir);
  await deps.recent.load();
});
afterEach(() => cleanup());

describe('file:open', () => {
  it('returns null without touching anything when the dialog is cancelled', async () => {
    expect(await handleOpen(deps, { kind: 'config' })).toBeNull();
    expect(deps.recent.list()).toEqual([]);
  });

  it('reads the chosen file, returns only its name, and remembers it', async () => {
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(path, '{"format":"laudnet-config"}');
    deps.dialogs.openPaths.push(path);
    const opened = await handleOpen(deps, { kind: 'config' });
    expect(opened?.name).toBe('model.laudnet.json');
    expect(text(opened?.bytes)).toBe('{"format":"laudnet-config"}');
    expect(deps.state.documentPath).toBe(path);
    expect(deps.recent.list()[0]).toMatchObject({ path, kind: 'config' });
    expect(deps.events).toContain('recent-changed');
  });

  it('leaves an unreadable configuration untouched, names line and column, offers the backup', async () => {
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(`${path}.bak`, '{"good":"backup"}');
    writeFileSync(path, '{\n  "a": 1,\n}\n');
    deps.dialogs.openPaths.push(path);
    deps.dialogs.answers.push(0); // "Open backup"

    const opened = await handleOpen(deps, { kind: 'config' });

    expect(text(opened?.bytes)).toBe('{"good":"backup"}');
    const question = deps.dialogs.asked[0];
    expect(question?.message).toBe('model.laudnet.json cannot be opened.');
    expect(question?.detail).toContain(
      "Not valid JSON: line 3, column 1: expected a property name in double quotes (JSON allows no comma before }), found '}'.",
    );
    expect(question?.detail).toContain('The file was left as it is');
    expect(question?.buttons).toEqual(['Open backup', 'Cancel']);
    expect(readFileSync(path, 'utf8')).toBe('{\n  "a": 1,\n}\n');
    expect(readdirSync(dir).sort()).toEqual([
      'model.laudnet.json',
      'model.laudnet.json.bak',
      'user',
    ]);
    expect(deps.logs.join('\n')).toMatch(/unreadable configuration/);
  });

  it('opens a file in a read-only folder, and a read error is a message, not a crash', async () => {
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(path, '{"format":"laudnet-config"}');
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    // Root ignores permission bits, so the refusal a read-only folder gives is injected: every
    // write into the document's folder fails (the app's own user-data folder stays writable).
    const inFolder = (p: string) => dirname(p) === dir;
    const guard =
      <A extends unknown[]>(op: (p: string, ...rest: A) => Promise<void>) =>
      (p: string, ...rest: A) =>
        inFolder(p) ? Promise.reject(denied) : op(p, ...rest);
    const readOnly = makeDeps(dir, {
      fs: {
        ...nodeFs,
        rename: guard((from: string, to: string) => nodeFs.rename(from, to)),
        writeNewFileSynced: guard((p: string, data: string | Uint8Array) =>
          nodeFs.writeNewFileSynced(p, data),
        ),
        unlink: guard((p: string) => nodeFs.unlink(p)),
      },
    });
    readOnly.dialogs.openPaths.push(path);
    expect(text((await handleOpen(readOnly, { kind: 'config' }))?.bytes)).toBe(
      '{"format":"laudnet-config"}',
    );
    const unreadable = makeDeps(dir, { fs: { ...nodeFs, readFile: () => Promise.reject(denied) } });
    expect(await openDocumentAt(unreadable, path, 'config')).toBeNull();
    expect(unreadable.dialogs.asked[0]).toMatchObject({
      message: 'model.laudnet.json cannot be read.',
      detail: 'You do not have permission to read it.',
    });
  });

  it('opens nothing when the user declines the backup', async () => {
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(`${path}.bak`, '{}');
    writeFileSync(path, '<<binary>>');
    deps.dialogs.openPaths.push(path);
    deps.dialogs.answers.push(1);
    expect(await handleOpen(deps, { kind: 'config' })).toBeNull();
    expect(deps.state.documentPath).toBeNull();
  });

  it('explains a damaged configuration without a backup', async () => {
    const path = join(dir, 'model.laudnet.json');
    writeFileSync(path, '[1,2');
    deps.dialogs.openPaths.push(path);
    expect(await handleOpen(deps, { kind: 'config' })).toBeNull();
    expect(deps.dialogs.asked[0]?.buttons).toEqual(['OK']);
  });

  it('does not move aside a valid JSON file that is merely not a configuration', async () => {
    const path = join(dir, 'package.laudnet.json');
    writeFileSync(path, '{"name":"something else"}');
    deps.dialogs.openPaths.push(path);
    expect(text((await handleOpen(deps, { kind: 'config' }))?.bytes)).toBe(
      '{"name":"something else"}',
    );
    expect(readdirSync(dir).filter((n) => n.includes('corrupt'))).toEqual([]);
  });

  it('refuses a mask dump that is not a zip, with a message', async () => {
    const path = join(dir, 'run.laudmask.npz');
    writeFileSync(path, 'not a zip');
    deps.dialogs.openPaths.push(path);
    expect(await handleOpen(deps, { kind: 'mask' })).toBeNull();
    expect(deps.dialogs.asked[0]?.message).toBe('run.laudmask.npz is not a readable mask dump.');
    // Binary documents are never renamed: the user may still need them as they are.
    expect(readdirSync(dir)).toContain('run.laudmask.npz');
  });

  it('passes images through unchanged and does not add other kinds to the recent list', async () => {
    const image = join(dir, 'cat.png');
    writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const arch = join(dir, 'arch.json');
    writeFileSync(arch, '{}');
    deps.dialogs.openPaths.push(image, arch);
    expect([...((await handleOpen(deps, { kind: 'image' }))?.bytes ?? [])]).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);
    await handleOpen(deps, { kind: 'architecture' });
    expect(deps.recent.list().map((e) => e.kind)).toEqual(['image']);
  });
});

describe('openDocumentAt', () => {
  it('drops a vanished recent file from the list and says so', async () => {
    const path = join(dir, 'gone.laudnet.json');
    await deps.recent.add({ path, kind: 'config', openedAtMs: 1 });
    expect(await openDocumentAt(deps, path, 'config')).toBeNull();
    expect(deps.dialogs.asked[0]?.message).toBe('gone.laudnet.json no longer exists.');
    expect(deps.recent.list()).toEqual([]);
  });
});

describe('file:save (exports)', () => {
  it('suggests a safe name with the right extension and writes atomically where the user chose', async () => {
    const path = join(dir, 'out.csv');
    writeFileSync(path, 'old');
    deps.dialogs.savePaths.push(path);
    const result = await handleExport(deps, {
      kind: 'csv',
      suggestedName: 'latency table',
      data: 'a,b\n',
    });
    expect(result).toEqual({ name: 'out.csv' });
    expect(deps.dialogs.saveRequests).toEqual([{ kind: 'csv', defaultName: 'latency table.csv' }]);
    expect(readFileSync(path, 'utf8')).toBe('a,b\n');
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('old');
  });

  it('never changes the document file, even for a configuration export', async () => {
    deps.state.documentPath = '/docs/current.laudnet.json';
    deps.dialogs.savePaths.push(join(dir, 'copy.laudnet.json'));
    await handleExport(deps, { kind: 'config', suggestedName: 'copy', data: '{}' });
    expect(deps.state.documentPath).toBe('/docs/current.laudnet.json');
  });

  it('returns null when cancelled', async () => {
    expect(
      await handleExport(deps, { kind: 'png', suggestedName: 'view', data: new Uint8Array([1]) }),
    ).toBeNull();
  });
});

describe('document:save', () => {
  it('asks where the first time, then saves in place without a dialog', async () => {
    const path = join(dir, 'model.laudnet.json');
    deps.state.dirty = true;
    deps.dialogs.savePaths.push(path);
    expect(
      await handleDocumentSave(deps, { suggestedName: 'model', data: '{"v":1}', saveAs: false }),
    ).toEqual({
      name: 'model.laudnet.json',
    });
    expect(deps.state).toMatchObject({ documentPath: path, dirty: false });
    expect(deps.events).toContain('dirty:false');

    await handleDocumentSave(deps, { suggestedName: 'ignored', data: '{"v":2}', saveAs: false });
    expect(deps.dialogs.saveRequests).toHaveLength(1);
    expect(readFileSync(path, 'utf8')).toBe('{"v":2}');
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{"v":1}');
  });

  it('save as always asks and moves the document to the new file', async () => {
    deps.state.documentPath = join(dir, 'a.laudnet.json');
    const other = join(dir, 'b.laudnet.json');
    deps.dialogs.savePaths.push(other);
    await handleDocumentSave(deps, { suggestedName: 'b', data: '{}', saveAs: true });
    expect(deps.state.documentPath).toBe(other);
    expect(deps.recent.list()[0]?.path).toBe(other);
  });

  it('keeps the document dirty when the dialog is cancelled', async () => {
    deps.state.dirty = true;
    expect(
      await handleDocumentSave(deps, { suggestedName: 'x', data: '{}', saveAs: true }),
    ).toBeNull();
    expect(deps.state.dirty).toBe(true);
  });
});
