/**
 * The file-system operations main's storage logic needs, behind an interface so tests can inject
 * failures (a "crash" between write and rename, a full disk) without mocking `node:fs` globally.
 */
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';

export interface FileStat {
  size: number;
  mtimeMs: number;
  /** Permission bits (`mode & 0o7777`). */
  mode: number;
}

export interface FsPort {
  readFile(path: string): Promise<Uint8Array>;
  /** Creates `path` (must not exist), writes `data`, fsyncs and closes it. */
  writeNewFileSynced(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Null when the file does not exist. */
  stat(path: string): Promise<FileStat | null>;
  readdir(dir: string): Promise<string[]>;
  mkdirp(dir: string): Promise<void>;
  /** Persists a rename on POSIX file systems; a no-op where directories cannot be fsynced. */
  syncDir(dir: string): Promise<void>;
  appendFile(path: string, text: string): Promise<void>;
  /** The file a path (possibly a symlink, possibly a chain of them) finally names. */
  realpath(path: string): Promise<string>;
  chmod(path: string, mode: number): Promise<void>;
  /** fsyncs an existing file (the `.bak` copy). */
  syncFile(path: string): Promise<void>;
  /** Overwrites an existing file in place (truncate, write, fsync): for a read-only folder. */
  overwriteSynced(path: string, data: string | Uint8Array): Promise<void>;
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/** The real implementation over `node:fs/promises`. */
export const nodeFs: FsPort = {
  async readFile(path) {
    return new Uint8Array(await fsp.readFile(path));
  },
  async writeNewFileSynced(path, data) {
    // 'wx' refuses to clobber: a temp-name collision must fail, not silently share a file.
    const handle = await fsp.open(path, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  copyFile: (from, to) => fsp.copyFile(from, to),
  unlink: (path) => fsp.unlink(path),
  async stat(path) {
    try {
      const s = await fsp.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs, mode: s.mode & 0o7777 };
    } catch (err) {
      if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return null;
      throw err;
    }
  },
  readdir: (dir) => fsp.readdir(dir),
  async mkdirp(dir) {
    await fsp.mkdir(dir, { recursive: true });
  },
  async syncDir(dir) {
    let handle: fsp.FileHandle | undefined;
    try {
      handle = await fsp.open(dir, constants.O_RDONLY);
      await handle.sync();
    } catch {
      // Windows cannot open or fsync a directory; NTFS journals the rename itself.
    } finally {
      await handle?.close();
    }
  },
  appendFile: (path, text) => fsp.appendFile(path, text, 'utf8'),
  realpath: (path) => fsp.realpath(path),
  chmod: (path, mode) => fsp.chmod(path, mode),
  async syncFile(path) {
    const handle = await fsp.open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async overwriteSynced(path, data) {
    const handle = await fsp.open(path, 'r+');
    try {
      await handle.truncate(0);
      await handle.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};
