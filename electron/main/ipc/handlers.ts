/**
 * The handler for every channel of the contract, built from injectable dependencies. The registrar
 * has already checked the sender and validated the request when any of these runs.
 */
import { toRecentFiles, findRecent } from '../lib/recent';
import { DOCS_URLS, isAllowedExternalUrl } from '../lib/security';
import type { Handlers } from './registrar';
import type { HandlerDeps } from './deps';
import { handleDocumentSave, handleExport, handleOpen, openDocumentAt } from './documents';
import { createFolderHandlers } from './folders';
import { handleSessionLoad, handleSessionSave, handleSetDirty } from './session';

export function createHandlers(deps: HandlerDeps): Handlers {
  const folders = createFolderHandlers(deps);
  return {
    'app:info': () => ({
      name: deps.app.name,
      version: deps.app.version,
      platform: 'desktop',
      versions: deps.app.versions,
    }),
    'file:open': (request) => handleOpen(deps, request),
    'file:save': (request) => handleExport(deps, request),
    'document:save': (request) => handleDocumentSave(deps, request),
    'folder:open': () => folders.handleFolderOpen(),
    'folder:read': (request) => folders.handleFolderRead(request),
    'session:load': () => handleSessionLoad(deps),
    'session:save': (request) => handleSessionSave(deps, request),
    'session:keep-damaged': async ({ text }) => {
      const path = await deps.recovery.keepDamaged(text);
      deps.log('warn', `renderer could not restore its session; kept as ${path}`);
      return null;
    },
    'session:set-dirty': (request) => handleSetDirty(deps, request),
    'recent:list': () => toRecentFiles(deps.recent.list()),
    'recent:open': async ({ id }) => {
      const entry = findRecent(deps.recent.list(), id);
      // A stale id (list changed meanwhile) is not an error the user can act on.
      return entry ? openDocumentAt(deps, entry.path, entry.kind) : null;
    },
    'recent:clear': async () => {
      await deps.recent.clear();
      deps.onRecentChanged();
      return null;
    },
    'clipboard:write': async ({ text }) => {
      await deps.writeClipboard(text);
      return null;
    },
    'shell:open-docs': async ({ topic }) => {
      const url = DOCS_URLS[topic];
      // Belt and braces: the topic enum already limits this to the allow-list.
      if (!isAllowedExternalUrl(url)) throw new Error(`${url} is not an allowed documentation URL`);
      await deps.openExternal(url);
      return null;
    },
    'commands:set-enabled': ({ states }) => {
      deps.setCommandStates(states);
      return null;
    },
    'commands:ready': () => {
      deps.onCommandsReady();
      return null;
    },
    'log:write': ({ level, message }) => {
      deps.log(level, `[renderer] ${message}`);
      return null;
    },
  };
}
