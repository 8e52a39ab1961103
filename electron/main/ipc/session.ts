/**
 * The autosaved session: `session:save` writes the recovery file, `session:load` decides on start
 * whether there is unsaved work to restore and asks the user (main owns the dialog).
 */
import { basename } from 'node:path';
import type { RequestOf, ResponseOf } from '../../ipc/contract';
import { contentHash, shouldOfferRestore } from '../lib/recovery';
import type { HandlerDeps } from './deps';

/** Hash of the file now; null when it is gone or unreadable (then it differs from any session). */
async function hashOnDisk(deps: HandlerDeps, path: string): Promise<string | null> {
  try {
    return (await deps.fs.stat(path)) ? contentHash(await deps.fs.readFile(path)) : null;
  } catch {
    return null;
  }
}

export async function handleSessionSave(
  deps: HandlerDeps,
  { text }: RequestOf<'session:save'>,
): Promise<ResponseOf<'session:save'>> {
  await deps.recovery.save(text, deps.state.documentPath, {
    documentHash: deps.state.documentHash,
    dirty: deps.state.dirty,
  });
  deps.onSessionSaved();
  return null;
}

export async function handleSessionLoad(deps: HandlerDeps): Promise<ResponseOf<'session:load'>> {
  const { record, outcome } = await deps.recovery.load();
  if (outcome.status === 'corrupt') {
    deps.log('warn', `recovery file damaged (${outcome.problem}); kept as ${outcome.corruptPath}`);
    if (!record) {
      await deps.dialogs.ask({
        type: 'warning',
        message: 'The autosaved session could not be read.',
        detail: `${outcome.problem}. It was kept as ${outcome.corruptPath}.`,
        buttons: ['OK'],
        defaultId: 0,
        cancelId: 0,
      });
    }
  }
  if (!record) return null;

  // Right after a renderer crash the user did not leave: restore without a question.
  if (deps.state.restoreWithoutPrompt) {
    deps.state.restoreWithoutPrompt = false;
    deps.state.documentPath = record.documentPath;
    return record.text;
  }

  const diskHash = record.documentPath ? await hashOnDisk(deps, record.documentPath) : null;
  if (!shouldOfferRestore(record, diskHash)) return null;

  const when = new Date(record.savedAtMs).toLocaleString();
  const detail = record.documentPath
    ? `LAUDNet Studio autosaved work on ${basename(record.documentPath)} at ${when} that differs from the file on disk.`
    : `LAUDNet Studio autosaved a session at ${when} that was never saved to a file.`;
  const choice = await deps.dialogs.ask({
    type: 'question',
    message: 'Restore unsaved work?',
    detail,
    buttons: ['Restore', 'Discard'],
    defaultId: 0,
    // Escape must not throw work away.
    cancelId: 0,
  });
  if (choice === 0) {
    deps.state.documentPath = record.documentPath;
    deps.state.documentHash = record.documentHash;
    return record.text;
  }
  const archived = await deps.recovery.discard();
  deps.log('info', `user discarded the recovered session (archived as ${archived ?? 'nothing'})`);
  return null;
}

export function handleSetDirty(
  deps: HandlerDeps,
  { dirty }: RequestOf<'session:set-dirty'>,
): ResponseOf<'session:set-dirty'> {
  if (deps.state.dirty !== dirty) {
    deps.state.dirty = dirty;
    deps.onDirtyChanged(dirty);
  }
  return null;
}
