/**
 * The API the preload exposes to the page as `window.laudnet`: one verb-named function per IPC
 * channel plus `onCommand`. It never exposes `ipcRenderer` itself, and it only imports *types*
 * from the contract, so the sandboxed preload bundle stays tiny (no zod; main validates).
 */
import type {
  Channel,
  CommandEvent,
  DocTopic,
  ExportKind,
  FileKind,
  IpcResult,
  LogLevel,
  RequestOf,
  ResponseOf,
} from '../ipc/contract';
import type { CommandId } from '../../core/commands';

/** The slice of `ipcRenderer` the API needs (tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Name of the main → renderer command event (mirrors COMMAND_EVENT_CHANNEL in the contract). */
const COMMAND_EVENT = 'command';

export function createApi(ipc: IpcRendererLike) {
  const call = <C extends Channel>(
    channel: C,
    ...request: RequestOf<C> extends undefined ? [] : [RequestOf<C>]
  ) => ipc.invoke(channel, ...request) as Promise<IpcResult<ResponseOf<C>>>;

  return {
    getAppInfo: () => call('app:info'),
    openFile: (kind: FileKind) => call('file:open', { kind }),
    openFolder: () => call('folder:open'),
    readFolderFile: (id: string, path: string) => call('folder:read', { id, path }),
    exportFile: (kind: ExportKind, suggestedName: string, data: string | Uint8Array) =>
      call('file:save', { kind, suggestedName, data }),
    saveDocument: (suggestedName: string, data: string, saveAs: boolean) =>
      call('document:save', { suggestedName, data, saveAs }),
    loadSession: () => call('session:load'),
    saveSession: (text: string) => call('session:save', { text }),
    keepDamagedSession: (text: string) => call('session:keep-damaged', { text }),
    setDirty: (dirty: boolean) => call('session:set-dirty', { dirty }),
    listRecent: () => call('recent:list'),
    openRecent: (id: string) => call('recent:open', { id }),
    clearRecent: () => call('recent:clear'),
    copyText: (text: string) => call('clipboard:write', { text }),
    openDocs: (topic: DocTopic) => call('shell:open-docs', { topic }),
    setCommandStates: (states: Partial<Record<CommandId, boolean>>) =>
      call('commands:set-enabled', { states }),
    log: (level: LogLevel, message: string) => call('log:write', { level, message }),
    /** Subscribes to menu commands, OS file opens and flush requests; returns unsubscribe. */
    onCommand(listener: (event: CommandEvent) => void): () => void {
      const wrapped = (_event: unknown, payload: unknown) => {
        // Pass on only the documented shape, never the Electron event object.
        const e = payload as Partial<CommandEvent> | null;
        if (!e || typeof e.id !== 'string') return;
        listener(e.payload ? { id: e.id, payload: e.payload } : { id: e.id });
      };
      ipc.on(COMMAND_EVENT, wrapped);
      // Files opened from the OS before the page listened are queued in main until this arrives.
      void ipc.invoke('commands:ready').catch(() => undefined);
      return () => {
        ipc.removeListener(COMMAND_EVENT, wrapped);
      };
    },
  };
}

/** The type of `window.laudnet` (the renderer imports this type only). */
export type Api = ReturnType<typeof createApi>;
