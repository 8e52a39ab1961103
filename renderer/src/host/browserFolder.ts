/**
 * Image sets in the browser: a folder picked with `<input webkitdirectory>`, several picked files, or
 * a folder / files dropped on the window, all turned into one {@link OpenedFolder} whose files are
 * read only when asked for. The same bounds as the desktop apply (count, depth, file kinds).
 */
import type { FolderEntry, OpenedFolder } from './types';

/** Most files a set may list (mirrors MAX_SET_FILES of the IPC contract). */
const MAX_SET_FILES = 200_000;
/** Deepest folder level searched below the set folder (mirrors MAX_SET_DEPTH). */
const MAX_SET_DEPTH = 4;

/** Whether a file belongs to a set: `.npz` anywhere (summary, dumps), `.json` at the top level. */
export function isSetFile(relativePath: string): boolean {
  const lower = relativePath.toLowerCase();
  if (lower.endsWith('.npz')) return true;
  return lower.endsWith('.json') && !relativePath.includes('/');
}

/** Something with a name that can be read (a `File`, or a fake in tests). */
export interface ReadableFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A set from files and their paths relative to the set folder. Hidden entries, files too deep and
 * files of other kinds are left out; the list is sorted by path and capped at MAX_SET_FILES.
 */
export function folderFromFiles(
  name: string,
  items: ReadonlyArray<{ path: string; file: ReadableFile }>,
): OpenedFolder {
  const byPath = new Map<string, ReadableFile>();
  for (const { path, file } of items) {
    const parts = path.split('/').filter((p) => p !== '');
    if (parts.some((p) => p.startsWith('.')) || parts.length - 1 > MAX_SET_DEPTH) continue;
    const rel = parts.join('/');
    if (!isSetFile(rel) || byPath.has(rel)) continue;
    byPath.set(rel, file);
  }
  const paths = [...byPath.keys()].sort(comparePaths).slice(0, MAX_SET_FILES);
  const files: FolderEntry[] = paths.map((path) => ({ path, size: byPath.get(path)?.size ?? 0 }));
  return {
    name,
    files,
    async read(path) {
      const file = byPath.get(path);
      if (!file) throw new Error(`${path} is not a file of the opened set.`);
      return new Uint8Array(await file.arrayBuffer());
    },
  };
}

/** Top-level files first, then folders, each by name (the order the desktop listing uses). */
function comparePaths(a: string, b: string): number {
  const da = a.split('/').length;
  const db = b.split('/').length;
  if (da !== db) return da - db;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A set from a FileList. Files picked with `webkitdirectory` carry `folder/sub/file` paths: the
 * first segment is the folder's name. Plain multi-picked files form a set named after the first.
 */
export function folderFromFileList(list: ArrayLike<File>): OpenedFolder | null {
  const files = Array.from(list);
  if (files.length === 0) return null;
  const relative = files.map((f) => f.webkitRelativePath || f.name);
  const first = relative[0] ?? '';
  const rooted =
    first.includes('/') && relative.every((p) => p.split('/')[0] === first.split('/')[0]);
  const root = rooted ? (first.split('/')[0] ?? 'set') : 'Picked files';
  return folderFromFiles(
    root,
    files.map((file, i) => ({
      path: rooted ? (relative[i] ?? '').split('/').slice(1).join('/') : file.name,
      file,
    })),
  );
}

/** Lets the user pick a folder (`directory`) or several files through a transient file input. */
export function pickSet(directory: boolean): Promise<OpenedFolder | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    if (directory) input.webkitdirectory = true;
    else input.accept = '.npz,.json';
    input.style.display = 'none';
    input.dataset.testid = directory ? 'host-folder-input' : 'host-files-input';
    let settled = false;
    const finish = (value: OpenedFolder | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(value);
    };
    input.addEventListener('change', () =>
      finish(input.files ? folderFromFileList(input.files) : null),
    );
    input.addEventListener('cancel', () => finish(null));
    document.body.appendChild(input);
    input.click();
  });
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Walks dropped entries (folders recursively, within the bounds) into path/file pairs. */
async function collect(
  entry: FileSystemEntry,
  prefix: string,
  depth: number,
  out: Array<{ path: string; file: ReadableFile }>,
): Promise<void> {
  if (out.length >= MAX_SET_FILES || entry.name.startsWith('.')) return;
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    if (isSetFile(path)) out.push({ path, file: await entryFile(entry as FileSystemFileEntry) });
    return;
  }
  if (!entry.isDirectory || depth > MAX_SET_DEPTH) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (100 in Chromium) until an empty batch.
  for (;;) {
    const batch = await readEntries(reader);
    if (batch.length === 0) break;
    for (const child of batch) await collect(child, path, depth + 1, out);
  }
}

/** Whether a drop is an image set: a folder, several files, or a lone `summary.npz`. */
export function isSetDrop(transfer: DataTransfer): boolean {
  if (transfer.files.length > 1) return true;
  if (transfer.files[0]?.name.toLowerCase() === 'summary.npz') return true;
  return Array.from(transfer.items).some(
    (item) => item.kind === 'file' && item.webkitGetAsEntry()?.isDirectory === true,
  );
}

/**
 * The set in a drop: one dropped folder is the set; several files (or folders) form one set, and
 * so does a lone summary. Null when the drop is a single other file (the caller routes it as before).
 */
export async function folderFromDrop(transfer: DataTransfer): Promise<OpenedFolder | null> {
  const entries = Array.from(transfer.items)
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  const files = Array.from(transfer.files);
  if (entries.length === 0 && files.length > 1) {
    // No file-system entries (e.g. a drop synthesised by a script): the files are the set.
    return folderFromFiles(
      'Dropped files',
      files.map((file) => ({ path: file.name, file })),
    );
  }
  const single = entries.length === 1 ? entries[0] : undefined;
  if (single?.isDirectory) {
    const out: Array<{ path: string; file: ReadableFile }> = [];
    const reader = (single as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await readEntries(reader);
      if (batch.length === 0) break;
      for (const child of batch) await collect(child, '', 1, out);
    }
    return folderFromFiles(single.name, out);
  }
  if (entries.length < 2) {
    const file = files[0];
    if (!file || file.name.toLowerCase() !== 'summary.npz') return null;
    return folderFromFiles(file.name, [{ path: file.name, file }]);
  }
  const out: Array<{ path: string; file: ReadableFile }> = [];
  for (const entry of entries) await collect(entry, '', 1, out);
  return folderFromFiles('Dropped files', out);
}
