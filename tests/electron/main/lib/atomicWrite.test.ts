import { readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite, backupPathFor } from '../../../../electron/main/lib/atomicWrite';
import { nodeFs, type FsPort } from '../../../../electron/main/lib/fsPort';
import { tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
let target: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  target = join(dir, 'model.laudnet.json');
});
afterEach(() => cleanup());

const read = (path: string) => readFileSync(path, 'utf8');

describe('atomicWrite', () => {
  it('creates a new file without a backup', async () => {
    await atomicWrite(nodeFs, target, '{"v":1}');
    expect(read(target)).toBe('{"v":1}');
    expect(readdirSync(dir)).toEqual(['model.laudnet.json']);
  });

  it('replaces the file and keeps the previous version as .bak', async () => {
    writeFileSync(target, 'old');
    await atomicWrite(nodeFs, target, 'new');
    expect(read(target)).toBe('new');
    expect(read(backupPathFor(target))).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['model.laudnet.json', 'model.laudnet.json.bak']);
  });

  it('writes binary data unchanged', async () => {
    const bytes = new Uint8Array([0, 255, 1, 128, 10, 13]);
    await atomicWrite(nodeFs, target, bytes);
    expect([...readFileSync(target)]).toEqual([0, 255, 1, 128, 10, 13]);
  });

  it('survives a crash between write and rename: the old file stays intact', async () => {
    writeFileSync(target, 'precious old content');
    // The "crash": the process freezes for good right before the rename.
    let reachedRename = false;
    const crashing: FsPort = {
      ...nodeFs,
      rename: (from, to) => {
        if (to === target) {
          reachedRename = true;
          return new Promise<void>(() => {});
        }
        return nodeFs.rename(from, to);
      },
    };
    void atomicWrite(crashing, target, 'half-finished new content');
    await expect.poll(() => reachedRename).toBe(true);

    expect(read(target)).toBe('precious old content');
    // The new content exists only in a hidden temp file next to the target.
    const temps = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    expect(read(join(dir, temps[0] ?? ''))).toBe('half-finished new content');

    // After "restart" the next save works, and an old leftover temp file is swept.
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(join(dir, temps[0] ?? ''), old, old);
    await atomicWrite(nodeFs, target, 'saved after restart');
    expect(read(target)).toBe('saved after restart');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the target untouched and cleans up when the rename fails', async () => {
    writeFileSync(target, 'old');
    const failing: FsPort = {
      ...nodeFs,
      rename: (from, to) =>
        to === target ? Promise.reject(new Error('EXDEV')) : nodeFs.rename(from, to),
    };
    await expect(atomicWrite(failing, target, 'new')).rejects.toThrow('EXDEV');
    expect(read(target)).toBe('old');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the target untouched when writing the temp file fails (disk full)', async () => {
    writeFileSync(target, 'old');
    const full: FsPort = {
      ...nodeFs,
      writeNewFileSynced: () => Promise.reject(new Error('ENOSPC')),
    };
    await expect(atomicWrite(full, target, 'new')).rejects.toThrow('ENOSPC');
    expect(read(target)).toBe('old');
    expect(readdirSync(dir)).toEqual(['model.laudnet.json']);
  });

  it('can skip the backup', async () => {
    writeFileSync(target, 'old');
    await atomicWrite(nodeFs, target, 'new', { keepBackup: false });
    expect(readdirSync(dir)).toEqual(['model.laudnet.json']);
  });

  it('does not sweep a fresh temp file that may belong to a write in flight', async () => {
    const inFlight = join(dir, '.model.laudnet.json.abc.tmp');
    writeFileSync(inFlight, 'someone else is writing');
    await atomicWrite(nodeFs, target, 'mine');
    expect(read(inFlight)).toBe('someone else is writing');
  });
});
