/**
 * The session recovery file: the renderer autosaves its whole session (debounced, and flushed on
 * blur, visibility change and before quit) and main keeps it in the user-data folder. On start, the
 * user is offered to restore it whenever it differs from the file on disk — judged by content (the
 * hash of the document the session was based on, and whether it had unsaved changes), never by
 * clocks, which sync clients and git move freely — so neither a crash nor a forgotten save loses
 * work; a discarded recovery is archived, not deleted at once.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { atomicWrite } from './atomicWrite';
import type { FsPort } from './fsPort';
import { parseJsonText, previewValue } from '../../../core/config/jsonSyntax';
import { corruptStamp, loadTextDocument, type LoadOutcome } from './safeLoad';

export const RECOVERY_FORMAT = 'laudnet-recovery';
export const RECOVERY_VERSION = 2;
/** Discarded recovery files kept for a manual rescue. */
const KEPT_ARCHIVES = 5;
/** Damaged sessions kept for inspection, and the most of each that is kept. */
const KEPT_DAMAGED = 5;
const MAX_DAMAGED_BYTES = 4 * 1024 * 1024;

export interface RecoveryRecord {
  format: typeof RECOVERY_FORMAT;
  version: typeof RECOVERY_VERSION;
  /** When the session was autosaved (ms since epoch). */
  savedAtMs: number;
  /** The document the session was editing, if it had been saved or opened from a file. */
  documentPath: string | null;
  /** The renderer's serialised session (opaque to main). */
  text: string;
  /** SHA-256 of the document as opened or last saved, when the session had a file. */
  documentHash: string | null;
  /** Whether the session had changes not saved to its file. */
  dirty: boolean;
}

/** Hex SHA-256 of a document's bytes. */
export function contentHash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Version 1 records (before content hashes) knew neither the hash nor the dirty flag: they are
 * read as "unsaved, based on an unknown version", so they are always offered — never lost.
 */
function migrateRecovery(value: Record<string, unknown>): Record<string, unknown> {
  if (value.version === 1) return { ...value, version: 2, documentHash: null, dirty: true };
  return value;
}

/** Validator for `loadTextDocument`: a problem line, or null for a well-formed record. */
export function validateRecoveryText(text: string): string | null {
  const json = parseJsonText(text);
  if (!json.ok) return 'the recovery file is not valid JSON';
  if (typeof json.value !== 'object' || json.value === null)
    return 'the recovery file is not an object';
  const r = migrateRecovery(
    json.value as Record<string, unknown>,
  ) as Partial<RecoveryRecord> | null;
  if (typeof r !== 'object' || r === null) return 'the recovery file is not an object';
  if (r.format !== RECOVERY_FORMAT) return 'the recovery file has the wrong format tag';
  if (r.version !== RECOVERY_VERSION)
    return `unsupported recovery version ${previewValue(r.version)}`;
  if (typeof r.savedAtMs !== 'number' || !Number.isFinite(r.savedAtMs)) return 'bad savedAtMs';
  if (r.documentPath !== null && typeof r.documentPath !== 'string') return 'bad documentPath';
  if (typeof r.text !== 'string') return 'bad session text';
  if (r.documentHash !== null && typeof r.documentHash !== 'string') return 'bad documentHash';
  if (typeof r.dirty !== 'boolean') return 'bad dirty flag';
  return null;
}

/** Parses a record already accepted by {@link validateRecoveryText}, migrating old versions. */
export function readRecoveryRecord(text: string): RecoveryRecord {
  return migrateRecovery(JSON.parse(text) as Record<string, unknown>) as unknown as RecoveryRecord;
}

/**
 * Whether to offer restoring `record` on start: whenever it holds something that differs from the
 * file on disk — the session had unsaved changes, or the file is no longer the one the session
 * was based on (changed, replaced or gone), or there never was a file. Modification times play
 * no part.
 *
 * @param diskHash hash of `record.documentPath` now, null when it has none or the file is gone.
 */
export function shouldOfferRestore(
  record: RecoveryRecord | null,
  diskHash: string | null,
): boolean {
  if (!record || record.text.trim() === '') return false;
  if (record.documentPath === null || record.dirty) return true;
  return diskHash === null || diskHash !== record.documentHash;
}

/**
 * Serialises concurrent writes to one file so that the last submitted text is what ends up on
 * disk: an older autosave finishing after a newer one must not win.
 */
export function createLatestWinsWriter(write: (text: string) => Promise<void>): {
  submit(text: string): Promise<void>;
} {
  let pending: string | null = null;
  let running: Promise<void> | null = null;
  const waiters: Array<{ resolve(): void; reject(err: unknown): void }> = [];

  const drain = async (): Promise<void> => {
    while (pending !== null) {
      const text = pending;
      const batch = waiters.splice(0);
      pending = null;
      try {
        await write(text);
        batch.forEach((w) => w.resolve());
      } catch (err) {
        batch.forEach((w) => w.reject(err));
      }
    }
    running = null;
  };

  return {
    submit(text) {
      pending = text; // supersedes any text not yet written
      const done = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
      running ??= drain();
      return done;
    },
  };
}

/** Lets main wait (bounded) for the renderer's next autosave, e.g. before quitting. */
export function createSaveBarrier(): {
  notifySaved(): void;
  waitForNextSave(timeoutMs: number): Promise<boolean>;
} {
  let waiters: Array<(saved: boolean) => void> = [];
  return {
    notifySaved() {
      const current = waiters;
      waiters = [];
      current.forEach((w) => w(true));
    },
    waitForNextSave(timeoutMs) {
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== done);
          resolve(false);
        }, timeoutMs);
        const done = (saved: boolean) => {
          clearTimeout(timer);
          resolve(saved);
        };
        waiters.push(done);
      });
    },
  };
}

/** Reads, writes and archives the recovery file. */
export class RecoveryStore {
  private readonly writer = createLatestWinsWriter(async (text) => {
    await this.fs.mkdirp(dirname(this.file));
    await atomicWrite(this.fs, this.file, text);
  });

  constructor(
    private readonly fs: FsPort,
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Autosaves the session; resolves once it is on disk. */
  save(
    text: string,
    documentPath: string | null,
    basis: { documentHash: string | null; dirty: boolean } = { documentHash: null, dirty: true },
  ): Promise<void> {
    const record: RecoveryRecord = {
      format: RECOVERY_FORMAT,
      version: RECOVERY_VERSION,
      savedAtMs: this.now().getTime(),
      documentPath,
      text,
      ...basis,
    };
    return this.writer.submit(JSON.stringify(record));
  }

  /** The recovery record, or the load outcome explaining why there is none. */
  async load(): Promise<{ record: RecoveryRecord | null; outcome: LoadOutcome }> {
    const outcome = await loadTextDocument(this.fs, this.file, validateRecoveryText, {
      now: this.now(),
    });
    if (outcome.status === 'ok') {
      return { record: readRecoveryRecord(outcome.text), outcome };
    }
    // A damaged recovery file was moved aside; its backup is the previous autosave, still useful.
    if (outcome.status === 'corrupt' && outcome.backup) {
      return { record: readRecoveryRecord(outcome.backup.text), outcome };
    }
    return { record: null, outcome };
  }

  /**
   * Stores a session the renderer could not restore under a unique name next to the recovery file,
   * so the next autosave cannot overwrite it. At most {@link KEPT_DAMAGED} copies of at most
   * {@link MAX_DAMAGED_BYTES} each are kept (the oldest go first), so a misbehaving renderer cannot
   * fill the user's disk.
   */
  async keepDamaged(text: string): Promise<string> {
    const stamp = corruptStamp(this.now());
    let path = `${this.file}.damaged-${stamp}`;
    // Two calls in one millisecond get two files.
    for (let n = 2; await this.fs.stat(path); n++) path = `${this.file}.damaged-${stamp}-${n}`;
    await this.fs.mkdirp(dirname(this.file));
    await atomicWrite(this.fs, path, text.slice(0, MAX_DAMAGED_BYTES), { keepBackup: false });
    await this.prune(`${basename(this.file)}.damaged-`, KEPT_DAMAGED);
    return path;
  }

  /**
   * Moves the recovery file aside once the user declined it or discarded their changes. The
   * newest few archives are kept so a wrong click can still be undone by hand.
   */
  async discard(): Promise<string | null> {
    if (!(await this.fs.stat(this.file))) return null;
    const archived = `${this.file}.discarded-${corruptStamp(this.now())}`;
    await this.fs.rename(this.file, archived);
    await this.prune(`${basename(this.file)}.discarded-`, KEPT_ARCHIVES);
    return archived;
  }

  private async prune(prefix: string, keep: number): Promise<void> {
    const dir = dirname(this.file);
    // The stamp sorts chronologically, so name order is age order.
    const archives = (await this.fs.readdir(dir)).filter((n) => n.startsWith(prefix)).sort();
    for (const name of archives.slice(0, Math.max(0, archives.length - keep))) {
      await this.fs.unlink(join(dir, name)).catch(() => undefined);
    }
  }
}
