/**
 * The autosaved session: `session:save` writes the recovery file, `session:load` decides on start
 * whether there is unsaved work to restore and asks the user (main owns the dialog).
 */
import { basename } from 'node:path';
import type { RequestOf, ResponseOf } from '../../ipc/contract';
import { shouldOfferRestore } from '../lib/recovery';
import type { HandlerDeps } from './deps';

export async function handleSessionSave(
  deps: HandlerDeps,
  { text }: RequestOf<'session:save'>,
): Promise<ResponseOf<'session:save'>> {
  await deps.recovery.save(text, deps.state.documentPath);
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

  const documentStat = record.documentPath ? await deps.fs.stat(record.documentPath) : null;
  if (!shouldOfferRestore(record, documentStat?.mtimeMs ?? null)) return null;

  const when = new Date(record.savedAtMs).toLocaleString();
  const detail = record.documentPath
    ? `LAUDNet Studio autosaved changes to ${basename(record.documentPath)} at ${when}, newer than the saved file.`
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
