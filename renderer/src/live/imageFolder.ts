/**
 * A folder of images for a batch run, picked with a directory file input (the same in the browser and
 * in the desktop app's renderer). Files are read one at a time during the run; nothing is read here.
 */

/** One image of the folder: its path relative to the folder, its ImageFolder class, and how to read it. */
export interface FolderImage {
  path: string;
  /** First-level folder name when the images sit in class folders (ImageFolder), else null. */
  className: string | null;
  read(): Promise<Uint8Array>;
  /**
   * The file itself, when there is one: a batch worker reads it (posting a file hands over a
   * reference, where reading it here costs the page a copy per image).
   */
  file?: Blob;
}

export interface ImageFolder {
  name: string;
  images: FolderImage[];
}

const IMAGE_FILE = /\.(png|jpe?g|webp)$/i;
/** Most images one batch runs (a full ImageNet validation set fits). */
export const MAX_BATCH_IMAGES = 100_000;

/** A readable file with its path (a `File` with `webkitRelativePath`, or a fake in tests). */
export interface PathFile {
  path: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  /** The file as a Blob (a picked `File`), when it is one. */
  blob?: Blob;
}

/**
 * The images among `files` (paths start with the folder's name, as `webkitRelativePath` does), sorted by
 * path; hidden entries are left out. Class names come from the first level below the folder.
 */
export function imageFolderOf(files: readonly PathFile[]): ImageFolder | null {
  if (files.length === 0) return null;
  const first = files[0]?.path ?? '';
  const rooted = files.every((f) => f.path.includes('/'));
  const name = rooted ? (first.split('/')[0] ?? 'images') : 'Picked images';
  const images: FolderImage[] = [];
  for (const file of files) {
    const parts = file.path.split('/').filter(Boolean);
    const rel = rooted ? parts.slice(1) : parts.slice(-1);
    if (rel.length === 0 || rel.some((p) => p.startsWith('.'))) continue;
    const path = rel.join('/');
    if (!IMAGE_FILE.test(path)) continue;
    images.push({
      path,
      className: rel.length > 1 ? (rel[0] ?? null) : null,
      read: async () => new Uint8Array(await file.arrayBuffer()),
      ...(file.blob ? { file: file.blob } : {}),
    });
  }
  images.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { name, images: images.slice(0, MAX_BATCH_IMAGES) };
}

/** Lets the user pick a folder of images; null when cancelled. */
export function pickImageFolder(): Promise<ImageFolder | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.webkitdirectory = true;
    input.style.display = 'none';
    input.dataset.testid = 'live-batch-input';
    let settled = false;
    const finish = (value: ImageFolder | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(value);
    };
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).map((f) => ({
        path: f.webkitRelativePath || f.name,
        size: f.size,
        arrayBuffer: () => f.arrayBuffer(),
        blob: f,
      }));
      finish(imageFolderOf(files));
    });
    input.addEventListener('cancel', () => finish(null));
    document.body.append(input);
    input.click();
  });
}
