/**
 * Opening and saving documents on behalf of the renderer. Main picks every path (dialog, recent
 * list, OS file association); reads are size-limited, configurations are checked for damage
 * (a damaged one is moved aside and its backup offered), and every write is atomic.
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
import { atomicWrite } from '../lib/atomicWrite';
import { validateMaskDump } from '../lib/documentCheck';
import { loadTextDocument } from '../lib/safeLoad';
import { safeFileName } from '../lib/paths';
import type { HandlerDeps } from './deps';

const encoder = new TextEncoder();

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

async function openConfig(deps: HandlerDeps, path: string): Promise<OpenedFile | null> {
  const name = basename(path);
  const outcome = await loadTextDocument(deps.fs, path, deps.validateConfig, {
    maxBytes: MAX_FILE_BYTES,
    now: deps.now(),
    lenientUtf8: true,
  });
  if (outcome.status === 'missing') {
    await tell(deps, `${name} no longer exists.`, path);
    return null;
  }
  if (outcome.status === 'ok') return { name, bytes: encoder.encode(outcome.text) };

  deps.log(
    'warn',
    `damaged configuration ${path}: ${outcome.problem}; kept as ${outcome.corruptPath}`,
  );
  const kept = `It was kept as ${basename(outcome.corruptPath)} next to the original.`;
  if (!outcome.backup) {
    await tell(deps, `${name} is damaged and cannot be opened.`, `${outcome.problem}. ${kept}`);
    return null;
  }
  const backupTime = new Date(outcome.backup.mtimeMs).toLocaleString();
  const choice = await deps.dialogs.ask({
    type: 'warning',
    message: `${name} is damaged and cannot be opened.`,
    detail: `${outcome.problem}. ${kept}\n\nA backup saved ${backupTime} is available.`,
    buttons: ['Open backup', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  });
  if (choice !== 0) return null;
  return { name, bytes: encoder.encode(outcome.backup.text) };
}

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
  if (stat.size > MAX_FILE_BYTES) {
    await tell(deps, `${name} is too large to open.`, `The limit is ${MAX_FILE_BYTES >> 20} MiB.`);
    return null;
  }
  let opened: OpenedFile | null;
  if (kind === 'config') {
    opened = await openConfig(deps, path);
  } else {
    const bytes = await deps.fs.readFile(path);
    const problem = kind === 'mask' ? validateMaskDump(bytes) : null;
    if (problem) {
      await tell(deps, `${name} is not a readable mask dump.`, problem);
      return null;
    }
    opened = { name, bytes };
  }
  if (!opened) return null;
  if (kind === 'config') deps.state.documentPath = path;
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

/** Save / Save as of the configuration: writes in place when the document has a file. */
export async function handleDocumentSave(
  deps: HandlerDeps,
  request: RequestOf<'document:save'>,
): Promise<ResponseOf<'document:save'>> {
  let path = request.saveAs ? null : deps.state.documentPath;
  if (path !== null) await atomicWrite(deps.fs, path, request.data);
  else path = await saveWithDialog(deps, 'config', request.suggestedName, request.data);
  if (path === null) return null;
  deps.state.documentPath = path;
  deps.state.dirty = false;
  deps.onDirtyChanged(false);
  await deps.recent.add({ path, kind: 'config', openedAtMs: deps.now().getTime() });
  deps.onRecentChanged();
  return { name: basename(path) };
}
