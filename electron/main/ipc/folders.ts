/**
 * Image-set folders opened on behalf of the renderer. Main shows the folder dialog, lists the files
 * a set may use (bounded in count and depth, symbolic links and hidden entries skipped) and hands
 * the renderer an opaque id; the renderer then reads listed files one by one, lazily. A path the
 * listing does not hold is refused, so the renderer can never read anything else on the disk.
 */
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  MAX_FILE_BYTES,
  MAX_SET_DEPTH,
  MAX_SET_FILES,
  type FolderEntry,
  type RequestOf,
  type ResponseOf,
} from '../../ipc/contract';
import type { HandlerDeps } from './deps';

/** Whether a file belongs to a set: `.npz` anywhere (summary, dumps), `.json` at the top level. */
function isSetFile(relativePath: string): boolean {
  const lower = relativePath.toLowerCase();
  if (lower.endsWith('.npz')) return true;
  return lower.endsWith('.json') && !relativePath.includes('/');
}

export interface FolderListing {
  files: FolderEntry[];
  /** True when the walk stopped at MAX_SET_FILES. */
  truncated: boolean;
}

/** Lists the set files under `root` (breadth first, sorted per folder), within the bounds. */
export async function listSetFolder(
  root: string,
  stat: (path: string) => ReturnType<HandlerDeps['fs']['stat']>,
  limits = { maxFiles: MAX_SET_FILES, maxDepth: MAX_SET_DEPTH },
): Promise<FolderListing> {
  const files: FolderEntry[] = [];
  let queue: Array<{ rel: string; depth: number }> = [{ rel: '', depth: 0 }];
  while (queue.length > 0) {
    const next: typeof queue = [];
    for (const { rel, depth } of queue) {
      let entries: Dirent[];
      try {
        entries = await readdir(rel ? join(root, rel) : root, { withFileTypes: true });
      } catch {
        continue; // An unreadable subfolder is skipped; the root's own failure shows as an empty set.
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (depth < limits.maxDepth) next.push({ rel: path, depth: depth + 1 });
        } else if (entry.isFile() && isSetFile(path)) {
          if (files.length >= limits.maxFiles) return { files, truncated: true };
          const info = await stat(join(root, path));
          if (info) files.push({ path, size: info.size });
        }
      }
    }
    queue = next;
  }
  return { files, truncated: false };
}

interface OpenFolder {
  root: string;
  sizes: Map<string, number>;
}

/** Most folders kept readable at once (older ones are forgotten; reopening lists them again). */
const MAX_OPEN_FOLDERS = 4;

/** The folder handlers and the folders they opened. */
export function createFolderHandlers(deps: HandlerDeps) {
  const open = new Map<string, OpenFolder>();
  let counter = 0;

  async function handleFolderOpen(): Promise<ResponseOf<'folder:open'>> {
    if (!deps.dialogs.pickFolder) throw new Error('Opening folders is not available here.');
    const root = await deps.dialogs.pickFolder();
    if (root === null) return null;
    const listing = await listSetFolder(root, (path) => deps.fs.stat(path));
    if (listing.truncated) {
      deps.log('warn', `set folder ${root}: more than ${MAX_SET_FILES} files, the rest ignored`);
    }
    const id = `folder-${++counter}`;
    open.set(id, { root, sizes: new Map(listing.files.map((f) => [f.path, f.size])) });
    while (open.size > MAX_OPEN_FOLDERS) {
      const oldest = open.keys().next().value;
      if (oldest === undefined) break;
      open.delete(oldest);
    }
    return { id, name: basename(root), files: listing.files };
  }

  async function handleFolderRead({
    id,
    path,
  }: RequestOf<'folder:read'>): Promise<ResponseOf<'folder:read'>> {
    const folder = open.get(id);
    if (!folder) throw new Error('The set folder is no longer open; open it again.');
    if (!folder.sizes.has(path)) throw new Error(`${path} is not a file of the opened set folder.`);
    const full = join(folder.root, ...path.split('/'));
    const info = await deps.fs.stat(full);
    if (!info) throw new Error(`${path} no longer exists.`);
    if (info.size > MAX_FILE_BYTES) {
      throw new Error(`${path} is too large (${info.size} bytes; the limit is ${MAX_FILE_BYTES}).`);
    }
    return deps.fs.readFile(full);
  }

  return { handleFolderOpen, handleFolderRead };
}
