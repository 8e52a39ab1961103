/**
 * Crash-safe file replacement. The new content goes to a temp file in the same folder (a rename is
 * only atomic within one file system), is fsynced, the previous version is kept as `<file>.bak`,
 * and only then the temp file is renamed over the target. At every instant the target is either
 * the complete old file or the complete new one. A symlink is written through to its target (the
 * link stays a link), the file's permission bits are kept, the `.bak` is fsynced, and stale temp
 * files of crashed writes are swept first. Where the folder refuses new files (read-only folder,
 * writable file) the file is overwritten in place and fsynced instead.
 */
import { basename, dirname, join } from 'node:path';
import type { FsPort } from './fsPort';

export interface AtomicWriteOptions {
  /** Keep the replaced version as `<file>.bak` (default true). */
  keepBackup?: boolean;
  /** For the temp-file sweep; injectable so tests control time. */
  nowMs?: number;
}

/** Temp files older than this are leftovers of a crashed write, safe to sweep. */
const STALE_TEMP_MS = 60_000;

let counter = 0;

/** `.<name>.<unique>.tmp`: hidden, next to the target, recognisable for the sweep. */
function tempNameFor(target: string): string {
  counter = (counter + 1) % 1_000_000;
  const unique = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${counter}`;
  return join(dirname(target), `.${basename(target)}.${unique}.tmp`);
}

/** Path of the backup kept next to `target`. */
export function backupPathFor(target: string): string {
  return `${target}.bak`;
}

async function removeQuietly(fs: FsPort, path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch {
    // Already gone, or not ours to remove: a leftover temp file is harmless.
  }
}

/** Deletes temp files of `target` left behind by writes that crashed before their rename. */
async function sweepStaleTemps(fs: FsPort, target: string, nowMs: number): Promise<void> {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    const stat = await fs.stat(path).catch(() => null);
    // A fresh temp may belong to a write in flight in this or another process.
    if (stat && nowMs - stat.mtimeMs > STALE_TEMP_MS) await removeQuietly(fs, path);
  }
}

/**
 * Replaces `target` with `data` atomically.
 *
 * @throws the underlying error when any step fails; the target is then unchanged.
 */
export async function atomicWrite(
  fs: FsPort,
  linkTarget: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const keepBackup = options.keepBackup ?? true;
  const existing = await fs.stat(linkTarget);
  // Write through a symlink to the file it names; replacing the link itself would break it.
  const target = existing ? await fs.realpath(linkTarget) : linkTarget;
  await sweepStaleTemps(fs, target, options.nowMs ?? Date.now());
  const temp = tempNameFor(target);
  try {
    await fs.writeNewFileSynced(temp, data);
    if (existing) await fs.chmod(temp, existing.mode);
  } catch (err) {
    await removeQuietly(fs, temp);
    if (existing && isDenied(err)) {
      // The folder takes no new files but the file itself may be writable: overwrite in place.
      await fs.overwriteSynced(target, data);
      return;
    }
    throw err;
  }
  if (keepBackup && existing) {
    // Copy (never move) so the target exists throughout; the backup itself goes through a temp
    // file too, so a crash mid-copy cannot leave a truncated `.bak` that looks valid.
    const backupTemp = tempNameFor(target);
    try {
      await fs.copyFile(target, backupTemp);
      await fs.syncFile(backupTemp);
      await fs.rename(backupTemp, backupPathFor(target));
    } catch (err) {
      await removeQuietly(fs, backupTemp);
      await removeQuietly(fs, temp);
      throw err;
    }
  }
  try {
    await fs.rename(temp, target);
  } catch (err) {
    await removeQuietly(fs, temp);
    throw err;
  }
  await fs.syncDir(dirname(target));
}

function isDenied(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}
