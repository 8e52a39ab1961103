/**
 * Opening and saving documents on behalf of the renderer. Main picks every path (dialog, recent
 * list, OS file association); reads are size-limited, files are checked off the main thread
 * (a damaged file is reported and left untouched, its backup offered), and every write is atomic.
 */
import { basename } from 'node:path';
import { OPEN_COMMAND_FOR_KIND } from '../../../core/commands';
import {
  MAX_FILE_BYTES,
  type ExportKind,
  type FileKind,
  type OpenedFile,
  type RequestOf,
  type ResponseOf,
} from '../../ipc/contract';
import { atomicWrite, backupPathFor } from '../lib/atomicWrite';
import { MAX_MASK_DUMP_BYTES } from '../lib/documentCheck';
import { safeFileName } from '../lib/paths';
import { contentHash } from '../lib/recovery';
import type { HandlerDeps } from './deps';

/** A read failure in words (permission, a folder, …), without a stack. */
function readErrorText(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'You do not have permission to read it.';
  if (code === 'EISDIR') return 'It is a folder, not a file.';
  return err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300);
}

/** Tells the user something went wrong with a file (one OK button). */
async function tell(deps: HandlerDeps, message: string, detail: string): Promise<void> {
  await deps.dialogs.ask({
    type: 'error',
    message,
    detail,
    buttons: ['OK'],
    defaultId: 0,
    cancelId: 0,
  });
}

/** Reads the `.bak` kept by atomicWrite, if it exists and passes the same check. */
async function validBackup(
  deps: HandlerDeps,
  path: string,
): Promise<{ bytes: Uint8Array; mtimeMs: number } | null> {
  try {
    const stat = await deps.fs.stat(backupPathFor(path));
    if (!stat || stat.size > MAX_FILE_BYTES) return null;
    const bytes = await deps.fs.readFile(backupPathFor(path));
    return (await deps.fileChecks.check('config', bytes)) === null
      ? { bytes, mtimeMs: stat.mtimeMs }
      : null;
  } catch {
    return null;
  }
}

/**
 * A configuration that is not a JSON object is reported (line, column, what was expected) and
 * left exactly as it is on disk: the user may be halfway through editing it by hand. The `.bak`
 * of the last save is offered when it is valid. Nothing already open in the window changes.
 */
async function openConfig(
  deps: HandlerDeps,
  path: string,
  bytes: Uint8Array,
): Promise<OpenedFile | null> {
  const name = basename(path);
  const problem = await deps.fileChecks.check('config', bytes);
  if (problem === null) return { name, bytes };

  deps.log('warn', `unreadable configuration ${path}: ${problem}`);
  const detail = `${capitalize(problem)}.\n\nThe file was left as it is; what is open now is unchanged.`;
  const backup = await validBackup(deps, path);
  if (!backup) {
    await tell(deps, `${name} cannot be opened.`, detail);
    return null;
  }
  const backupTime = new Date(backup.mtimeMs).toLocaleString();
  const choice = await deps.dialogs.ask({
    type: 'warning',
    message: `${name} cannot be opened.`,
    detail: `${detail}\n\nA backup saved ${backupTime} is available.`,
    buttons: ['Open backup', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  });
  return choice === 0 ? { name, bytes: backup.bytes } : null;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Reads the document at `path` (chosen by main, never by the renderer) for the renderer.
 * Problems are shown to the user here; the result is null then.
 */
export async function openDocumentAt(
  deps: HandlerDeps,
  path: string,
  kind: FileKind,
): Promise<OpenedFile | null> {
  const name = basename(path);
  const stat = await deps.fs.stat(path);
  if (!stat) {
    await tell(deps, `${name} no longer exists.`, path);
    if (deps.recent.list().some((e) => e.path === path)) {
      await deps.recent.remove(path);
      deps.onRecentChanged();
    }
    return null;
  }
  const limit = kind === 'mask' ? MAX_MASK_DUMP_BYTES : MAX_FILE_BYTES;
  if (stat.size > limit) {
    await tell(deps, `${name} is too large to open.`, `The limit is ${limit >> 20} MiB.`);
    return null;
  }
  let bytes: Uint8Array;
  try {
    bytes = await deps.fs.readFile(path);
  } catch (err) {
    await tell(deps, `${name} cannot be read.`, readErrorText(err));
    return null;
  }
  let opened: OpenedFile | null;
  if (kind === 'config') {
    opened = await openConfig(deps, path, bytes);
  } else {
    // Checked off the main thread: a crafted dump can only stall the worker, within a limit.
    const problem = kind === 'mask' ? await deps.fileChecks.check('mask', bytes) : null;
    if (problem) {
      await tell(deps, `${name} is not a readable mask dump.`, capitalize(problem));
      return null;
    }
    opened = { name, bytes };
  }
  if (!opened) return null;
  if (kind === 'config') {
    deps.state.documentPath = path;
    deps.state.documentHash = contentHash(opened.bytes);
  }
  // Only kinds with an open command can be reopened from the menu.
  if (kind in OPEN_COMMAND_FOR_KIND) {
    await deps.recent.add({ path, kind, openedAtMs: deps.now().getTime() });
    deps.onRecentChanged();
  }
  return opened;
}

export async function handleOpen(
  deps: HandlerDeps,
  { kind }: RequestOf<'file:open'>,
): Promise<ResponseOf<'file:open'>> {
  const path = await deps.dialogs.pickOpenPath(kind);
  return path === null ? null : openDocumentAt(deps, path, kind);
}

async function saveWithDialog(
  deps: HandlerDeps,
  kind: ExportKind,
  suggestedName: string,
  data: string | Uint8Array,
): Promise<string | null> {
  const path = await deps.dialogs.pickSavePath(kind, safeFileName(suggestedName, kind));
  if (path === null) return null;
  await atomicWrite(deps.fs, path, data);
  return path;
}

/** Exports (any kind): always asks where; never changes which file the document lives in. */
export async function handleExport(
  deps: HandlerDeps,
  request: RequestOf<'file:save'>,
): Promise<ResponseOf<'file:save'>> {
  const path = await saveWithDialog(deps, request.kind, request.suggestedName, request.data);
  return path === null ? null : { name: basename(path) };
}

/**
 * Another program may have changed the file since it was opened or last saved here (a sync
 * client, git, a text editor): compare content hashes and ask before overwriting.
 */
async function confirmOverwriteIfChanged(deps: HandlerDeps, path: string): Promise<boolean> {
  const known = deps.state.documentHash;
  if (known === null) return true;
  let now: string | null;
  try {
    now = (await deps.fs.stat(path)) ? contentHash(await deps.fs.readFile(path)) : null;
  } catch {
    now = null;
  }
  if (now === known) return true;
  const choice = await deps.dialogs.ask({
    type: 'warning',
    message: `${basename(path)} was changed by another program since you opened it.`,
    detail:
      now === null
        ? 'The file is gone or cannot be read.'
        : 'Saving will replace those changes (the replaced file is kept as a .bak).',
    buttons: ['Save anyway', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  });
  return choice === 0;
}

/** Save / Save as of the configuration: writes in place when the document has a file. */
export async function handleDocumentSave(
  deps: HandlerDeps,
  request: RequestOf<'document:save'>,
): Promise<ResponseOf<'document:save'>> {
  let path = request.saveAs ? null : deps.state.documentPath;
  if (path !== null && !(await confirmOverwriteIfChanged(deps, path))) return null;
  if (path !== null) await atomicWrite(deps.fs, path, request.data);
  else path = await saveWithDialog(deps, 'config', request.suggestedName, request.data);
  if (path === null) return null;
  deps.state.documentPath = path;
  deps.state.documentHash = contentHash(request.data);
  deps.state.dirty = false;
  deps.onDirtyChanged(false);
  await deps.recent.add({ path, kind: 'config', openedAtMs: deps.now().getTime() });
  deps.onRecentChanged();
  return { name: basename(path) };
}
