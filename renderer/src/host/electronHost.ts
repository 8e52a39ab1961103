/**
 * The desktop Host: a thin adapter over the preload API (`window.laudnet`). Main answers every call
 * with an IpcResult; this turns refusals into thrown `HostCallError`s so views handle desktop and
 * web failures the same way. Only *types* come from electron/ (the renderer never bundles main code).
 */
import type { Api, IpcErrorCode, IpcResult } from '../../../electron/ipc/contract';
import type {
  AppInfo,
  DocTopic,
  FileKind,
  Host,
  OpenedFolder,
  OpenedFile,
  RecentFile,
  SaveDocumentRequest,
  SaveRequest,
  SaveResult,
} from './types';

/** A call main refused or failed; `code` says why (e.g. `invalid-argument`, `failed`). */
export class HostCallError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostCallError';
  }
}

/** The preload API when running inside the desktop app, null in a plain browser. */
export function findPreloadApi(scope: object = globalThis): Api | null {
  const api = (scope as { laudnet?: unknown }).laudnet;
  return typeof api === 'object' && api !== null ? (api as Api) : null;
}

async function unwrap<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new HostCallError(result.error.code, result.error.message);
}

/** For notifications whose failure the UI cannot act on: report, never reject. */
function fireAndForget(pending: Promise<IpcResult<null>>, what: string): void {
  void pending.then(
    (result) => {
      if (!result.ok) console.warn(`${what} refused: ${result.error.message}`);
    },
    (err: unknown) => console.warn(`${what} failed`, err),
  );
}

export function createElectronHost(api: Api): Host {
  return {
    platform: 'desktop',
    appInfo: (): Promise<AppInfo> => unwrap(api.getAppInfo()),
    openFile: (kind: FileKind): Promise<OpenedFile | null> => unwrap(api.openFile(kind)),
    async openFolder(): Promise<OpenedFolder | null> {
      const listing = await unwrap(api.openFolder());
      if (!listing) return null;
      return {
        name: listing.name,
        files: listing.files,
        read: (path: string) => unwrap(api.readFolderFile(listing.id, path)),
      };
    },
    saveFile: (request: SaveRequest): Promise<SaveResult | null> =>
      unwrap(api.exportFile(request.kind, request.suggestedName, request.data)),
    copyText: async (text: string): Promise<void> => {
      await unwrap(api.copyText(text));
    },
    loadSession: (): Promise<string | null> => unwrap(api.loadSession()),
    saveSession: async (text: string): Promise<void> => {
      await unwrap(api.saveSession(text));
    },
    keepDamagedSession: async (text: string): Promise<void> => {
      await unwrap(api.keepDamagedSession(text));
    },
    onCommand(listener) {
      return api.onCommand((event) => listener(event.id, event.payload));
    },
    saveDocument: (request: SaveDocumentRequest): Promise<SaveResult | null> =>
      unwrap(api.saveDocument(request.suggestedName, request.data, request.saveAs)),
    setDirty: (dirty: boolean) => fireAndForget(api.setDirty(dirty), 'setDirty'),
    listRecent: (): Promise<RecentFile[]> => unwrap(api.listRecent()),
    openRecent: (id: string): Promise<OpenedFile | null> => unwrap(api.openRecent(id)),
    clearRecent: async (): Promise<void> => {
      await unwrap(api.clearRecent());
    },
    openDocs: async (topic: DocTopic): Promise<void> => {
      await unwrap(api.openDocs(topic));
    },
    setCommandStates: (states: Record<string, boolean>) =>
      // Unknown ids make main refuse the whole update, so the registry is the caller's contract.
      fireAndForget(api.setCommandStates(states), 'setCommandStates'),
    log: (level, message) => fireAndForget(api.log(level, message.slice(0, 8000)), 'log'),
  };
}
