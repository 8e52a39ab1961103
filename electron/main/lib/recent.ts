/**
 * The recent-files list (File ▸ Open recent and the start screen). Paths stay in main: the renderer
 * sees an opaque id per entry and can only ask to open one of these, never an arbitrary path.
 */
import { basename, dirname } from 'node:path';
import type { FileKind, RecentFile } from '../../ipc/contract';
import { FILE_KINDS } from '../../ipc/contract';
import { atomicWrite } from './atomicWrite';
import type { FsPort } from './fsPort';
import { parseJsonText } from '../../../core/config/jsonSyntax';
import { loadTextDocument } from './safeLoad';

export const MAX_RECENT = 10;
export const RECENT_FORMAT = 'laudnet-recent';

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

function isEntry(value: unknown): value is RecentEntry {
  const e = value as Partial<RecentEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.path === 'string' &&
    e.path.length > 0 &&
    typeof e.openedAtMs === 'number' &&
    (FILE_KINDS as readonly string[]).includes(e.kind as string)
  );
}

export function validateRecentText(text: string): string | null {
  const json = parseJsonText(text);
  if (!json.ok) return 'not valid JSON';
  const value = json.value as { format?: unknown; entries?: unknown } | null;
  if (value?.format !== RECENT_FORMAT) return 'wrong format tag';
  if (!Array.isArray(value.entries) || !value.entries.every(isEntry)) return 'bad entries';
  return null;
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
      this.entries = (JSON.parse(outcome.text) as { entries: RecentEntry[] }).entries;
    } else if (outcome.status === 'corrupt') {
      // Not the user's work, so no dialog; but recorded, and the damaged file is kept aside.
      this.log(`recent list damaged (${outcome.problem}); moved to ${outcome.corruptPath}`);
      const backup = outcome.backup?.text;
      this.entries = backup ? (JSON.parse(backup) as { entries: RecentEntry[] }).entries : [];
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
    const text = JSON.stringify({ format: RECENT_FORMAT, version: 1, entries: this.entries });
    await this.fs.mkdirp(dirname(this.file));
    await atomicWrite(this.fs, this.file, text);
  }
}
