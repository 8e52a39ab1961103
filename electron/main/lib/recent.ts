/**
 * The recent-files list (File ▸ Open recent and the start screen). Paths stay in main: the renderer
 * sees an opaque id per entry and can only ask to open one of these, never an arbitrary path.
 */
import { basename, dirname } from 'node:path';
import type { FileKind, RecentFile } from '../../ipc/contract';
import { FILE_KINDS } from '../../ipc/contract';
import { atomicWrite } from './atomicWrite';
import type { FsPort } from './fsPort';
import { z } from 'zod';
import { versionedFormat } from '../../../core/persist/versionedFormat';
import { loadTextDocument } from './safeLoad';

export const MAX_RECENT = 10;
export const RECENT_FORMAT = 'laudnet-recent';
const RECENT_VERSION = 1;

export interface RecentEntry {
  path: string;
  kind: FileKind;
  openedAtMs: number;
}

/** Key under which two paths count as the same file (macOS and Windows are case-insensitive). */
export function pathKey(path: string, platform: string): string {
  const unified = platform === 'win32' ? path.replace(/\//g, '\\') : path;
  return platform === 'win32' || platform === 'darwin' ? unified.toLowerCase() : unified;
}

/**
 * Puts `entry` first, drops older entries for the same file and trims to `cap`. Pure: returns a
 * new list.
 */
export function addRecent(
  list: readonly RecentEntry[],
  entry: RecentEntry,
  platform: string,
  cap = MAX_RECENT,
): RecentEntry[] {
  const key = pathKey(entry.path, platform);
  const rest = list.filter((e) => pathKey(e.path, platform) !== key);
  return [entry, ...rest].slice(0, Math.max(0, cap));
}

/** Stable, opaque id of a path (FNV-1a, 32 bit): unchanged when the list is reordered. */
export function recentId(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    hash ^= path.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `r${hash.toString(16).padStart(8, '0')}`;
}

/** What the renderer may see of the list. */
export function toRecentFiles(list: readonly RecentEntry[]): RecentFile[] {
  return list.map((e) => ({
    id: recentId(e.path),
    name: basename(e.path),
    folder: dirname(e.path),
    kind: e.kind,
    openedAtMs: e.openedAtMs,
  }));
}

export function findRecent(list: readonly RecentEntry[], id: string): RecentEntry | undefined {
  return list.find((e) => recentId(e.path) === id);
}

const entrySchema = z.object({
  path: z.string().min(1),
  kind: z.enum(FILE_KINDS),
  openedAtMs: z.number(),
});

const recentV1 = z.object({
  format: z.literal(RECENT_FORMAT),
  version: z.literal(RECENT_VERSION),
  entries: z.array(entrySchema),
});

/** The recent list's versions (only version 1 so far). */
const recentFormat = versionedFormat({
  label: 'recent list',
  format: RECENT_FORMAT,
  current: { version: RECENT_VERSION, schema: recentV1 },
});

export function validateRecentText(text: string): string | null {
  const parsed = recentFormat.parse(text);
  return parsed.ok ? null : parsed.error;
}

/** The entries of a list already accepted by {@link validateRecentText}. */
function readEntries(text: string): RecentEntry[] {
  const parsed = recentFormat.parse(text);
  return parsed.ok ? parsed.value.entries : [];
}

/** The persisted list; every change is written atomically. */
export class RecentStore {
  private entries: RecentEntry[] = [];

  constructor(
    private readonly fs: FsPort,
    private readonly file: string,
    private readonly platform: string,
    private readonly log: (message: string) => void,
  ) {}

  async load(): Promise<void> {
    const outcome = await loadTextDocument(this.fs, this.file, validateRecentText);
    if (outcome.status === 'ok') {
      this.entries = readEntries(outcome.text);
    } else if (outcome.status === 'corrupt') {
      // Not the user's work, so no dialog; but recorded, and the damaged file is kept aside.
      this.log(`recent list damaged (${outcome.problem}); moved to ${outcome.corruptPath}`);
      const backup = outcome.backup?.text;
      this.entries = backup ? readEntries(backup) : [];
    }
    this.entries = this.entries.slice(0, MAX_RECENT);
  }

  list(): readonly RecentEntry[] {
    return this.entries;
  }

  async add(entry: RecentEntry): Promise<void> {
    this.entries = addRecent(this.entries, entry, this.platform);
    await this.persist();
  }

  async remove(path: string): Promise<void> {
    const key = pathKey(path, this.platform);
    this.entries = this.entries.filter((e) => pathKey(e.path, this.platform) !== key);
    await this.persist();
  }

  async clear(): Promise<void> {
    this.entries = [];
    await this.persist();
  }

  private async persist(): Promise<void> {
    const text = JSON.stringify({
      format: RECENT_FORMAT,
      version: RECENT_VERSION,
      entries: this.entries,
    });
    await this.fs.mkdirp(dirname(this.file));
    await atomicWrite(this.fs, this.file, text);
  }
}
