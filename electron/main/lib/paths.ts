/**
 * Where main keeps its files, which dialog filters each file kind gets, and which command-line
 * arguments are documents to open. Pure functions over `node:path`, so tests need no Electron.
 */
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { ExportKind, FileKind } from '../../ipc/contract';

export interface AppPaths {
  /** The autosaved session. */
  recoveryFile: string;
  recentFile: string;
  /** Crash and error log (render-process-gone, uncaught exceptions, refused IPC). */
  logFile: string;
}

/** Files under Electron's `userData` folder. */
export function appPaths(userDataDir: string): AppPaths {
  return {
    recoveryFile: join(userDataDir, 'recovery', 'session.json'),
    recentFile: join(userDataDir, 'recent.json'),
    logFile: join(userDataDir, 'logs', 'laudnet-studio.log'),
  };
}

export interface DialogFilter {
  name: string;
  extensions: string[];
}

/** Open-dialog filters per document kind (the extensions without dots, as Electron wants them). */
export const OPEN_FILTERS: Record<FileKind, DialogFilter[]> = {
  config: [{ name: 'LAUDNet configuration', extensions: ['laudnet.json', 'json'] }],
  image: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp'] }],
  mask: [{ name: 'LAUDNet mask dump', extensions: ['laudmask.npz', 'npz'] }],
  architecture: [{ name: 'Architecture (JSON)', extensions: ['json'] }],
  hardware: [{ name: 'Hardware profile (JSON)', extensions: ['json'] }],
  model: [{ name: 'LAUDNet model (ONNX)', extensions: ['onnx'] }],
};

/** Save-dialog filter and the extension a saved file gets when the user typed none. */
export const SAVE_FORMATS: Record<ExportKind, { filter: DialogFilter; extension: string }> = {
  config: {
    filter: { name: 'LAUDNet configuration', extensions: ['laudnet.json'] },
    extension: '.laudnet.json',
  },
  json: { filter: { name: 'JSON', extensions: ['json'] }, extension: '.json' },
  csv: { filter: { name: 'CSV table', extensions: ['csv'] }, extension: '.csv' },
  markdown: { filter: { name: 'Markdown', extensions: ['md'] }, extension: '.md' },
  png: { filter: { name: 'PNG image', extensions: ['png'] }, extension: '.png' },
  svg: { filter: { name: 'SVG image', extensions: ['svg'] }, extension: '.svg' },
  text: { filter: { name: 'Text', extensions: ['txt'] }, extension: '.txt' },
  npz: { filter: { name: 'Set summary (npz)', extensions: ['npz'] }, extension: '.npz' },
};

/** Associated extensions and the kind of document each opens as. */
const ASSOCIATED: ReadonlyArray<[suffix: string, kind: FileKind]> = [
  ['.laudnet.json', 'config'],
  ['.laudmask.npz', 'mask'],
  ['.onnx', 'model'],
];

/** Kind of a file the OS asked us to open (file association, drag onto the dock), or null. */
export function associatedKind(path: string): FileKind | null {
  const lower = path.toLowerCase();
  return ASSOCIATED.find(([suffix]) => lower.endsWith(suffix))?.[1] ?? null;
}

/**
 * Documents named on a command line (first launch, or a second instance's argv), resolved against
 * its working directory. Flags and non-associated files (the app path in development, Chromium
 * switches) are ignored.
 */
export function documentsFromArgv(argv: readonly string[], workingDirectory: string): string[] {
  return argv
    .slice(1) // argv[0] is the executable
    .filter((arg) => !arg.startsWith('-') && associatedKind(arg) !== null)
    .map((arg) => (isAbsolute(arg) ? arg : resolve(workingDirectory, arg)));
}

/**
 * Turns the renderer's suggested name into a safe bare file name with the kind's extension.
 * The contract already refuses separators; this also strips characters Windows forbids.
 */
export function safeFileName(suggested: string, kind: ExportKind): string {
  const cleaned = basename(suggested)
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"|?*\u0000-\u001f]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const name = cleaned === '' ? 'untitled' : cleaned;
  const { extension } = SAVE_FORMATS[kind];
  if (name.toLowerCase().endsWith(extension)) return name;
  // "model.json" saved as a configuration becomes "model.laudnet.json", not "model.json.laudnet.json".
  const stem = kind === 'config' ? name.replace(/\.json$/i, '') : name;
  return `${stem}${extension}`;
}
