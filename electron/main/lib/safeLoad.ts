/**
 * Loading the app's *own* files (recent list, recovery records) — never a user's document, which
 * is only ever read (ipc/documents.ts) — without ever silently replacing a damaged file by defaults: a file that fails validation is moved aside as
 * `<file>.corrupt-<time>` (so the bytes survive for inspection and the next save cannot overwrite
 * them), and the `.bak` kept by `atomicWrite` is offered when it is itself valid. Telling the user is
 * the caller's job; this module only reports what happened.
 */
import { backupPathFor } from './atomicWrite';
import type { FsPort } from './fsPort';

/** Returns a one-line problem description, or null when `text` is acceptable. */
export type TextValidator = (text: string) => string | null;

export interface BackupOffer {
  path: string;
  text: string;
  mtimeMs: number;
}

export type LoadOutcome =
  | { status: 'missing' }
  | { status: 'ok'; text: string; mtimeMs: number }
  | {
      status: 'corrupt';
      problem: string;
      /** Where the damaged file now lives. */
      corruptPath: string;
      /** A valid backup to offer, or null when there is none (or it is damaged too). */
      backup: BackupOffer | null;
    };

export interface LoadOptions {
  /**
   * Decode invalid UTF-8 as U+FFFD instead of calling the file damaged (default false). For files
   * users may edit by hand, where the renderer decodes leniently too.
   */
  lenientUtf8?: boolean;
  /** Files larger than this are treated as corrupt without reading them whole. */
  maxBytes?: number;
  /** Injectable clock for the `.corrupt-<time>` suffix. */
  now?: Date;
}

/** `2024-05-01T10-20-30-123Z`: sortable, and free of `:` which Windows forbids in names. */
export function corruptStamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** Decodes strict UTF-8; returns null for invalid byte sequences (a sure sign of damage). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

async function readValidText(
  fs: FsPort,
  path: string,
  validate: TextValidator,
  maxBytes: number,
  lenient: boolean,
): Promise<{ text: string; mtimeMs: number } | { problem: string } | null> {
  const stat = await fs.stat(path);
  if (!stat) return null;
  if (stat.size > maxBytes) return { problem: `the file is larger than ${maxBytes} bytes` };
  const bytes = await fs.readFile(path);
  const text = lenient ? lenientUtf8.decode(bytes) : decodeUtf8(bytes);
  if (text === null) return { problem: 'the file is not valid UTF-8 text' };
  const problem = validate(text);
  return problem === null ? { text, mtimeMs: stat.mtimeMs } : { problem };
}

/**
 * Loads and validates `path`.
 *
 * @returns `missing` when there is no file, `ok` with its text, or `corrupt` after moving the
 *   damaged file aside (with the backup to offer, if a valid one exists).
 */
export async function loadTextDocument(
  fs: FsPort,
  path: string,
  validate: TextValidator,
  options: LoadOptions = {},
): Promise<LoadOutcome> {
  const maxBytes = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
  const lenient = options.lenientUtf8 ?? false;
  const result = await readValidText(fs, path, validate, maxBytes, lenient);
  if (result === null) return { status: 'missing' };
  if ('text' in result) return { status: 'ok', ...result };

  let corruptPath = `${path}.corrupt-${corruptStamp(options.now ?? new Date())}`;
  // Two failures within one millisecond must not overwrite the first corrupt copy.
  for (let n = 2; await fs.stat(corruptPath); n++) {
    corruptPath = `${path}.corrupt-${corruptStamp(options.now ?? new Date())}-${n}`;
  }
  await fs.rename(path, corruptPath);

  const backupPath = backupPathFor(path);
  const backupResult = await readValidText(fs, backupPath, validate, maxBytes, lenient).catch(
    () => null,
  );
  const backup =
    backupResult && 'text' in backupResult ? { path: backupPath, ...backupResult } : null;
  return { status: 'corrupt', problem: result.problem, corruptPath, backup };
}
