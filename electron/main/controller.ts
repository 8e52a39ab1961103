/**
 * The running desktop app: one main window, its menu, IPC handlers, the quit guard, crash recovery
 * and files routed from the OS. Thin glue between Electron objects and the tested modules in
 * lib/ and ipc/; all decisions are made there.
 */
import { BrowserWindow, Menu, clipboard, dialog, ipcMain, shell } from 'electron';
import { dirname, join } from 'node:path';
import { OPEN_COMMAND_FOR_KIND, type CommandId } from '../../core/commands';
import { COMMAND_EVENT_CHANNEL, type CommandEvent } from '../ipc/contract';
import { createHandlers } from './ipc/handlers';
import type { DialogPort, HandlerDeps, SessionState } from './ipc/deps';
import { openDocumentAt } from './ipc/documents';
import { registerIpcHandlers } from './ipc/registrar';
import { nodeFs } from './lib/fsPort';
import type { FileCheckPort } from './lib/fileChecks';
import { createCrashPolicy, createQuitGuard } from './lib/lifecycle';
import type { Logger } from './lib/log';
import { buildMenuTemplate } from './lib/menu';
import { OPEN_FILTERS, SAVE_FORMATS, associatedKind, type AppPaths } from './lib/paths';
import { RecentStore, findRecent, toRecentFiles } from './lib/recent';
import { RecoveryStore, createSaveBarrier } from './lib/recovery';
import { isTrustedUrl } from './lib/security';
import { createMainWindow } from './window';

export interface ControllerOptions {
  paths: AppPaths;
  logger: Logger;
  isDev: boolean;
  entryUrl: string;
  preloadPath: string;
  /** Checks user files off the main thread (workerChecks.ts). */
  fileChecks: FileCheckPort;
  iconPath?: string;
  trustedOrigins: readonly string[];
  app: HandlerDeps['app'];
  defaultDir: string;
  /** Called when the user approved closing during a quit (macOS keeps the app alive otherwise). */
  onClosedForQuit(): void;
  isQuitting(): boolean;
  cancelQuit(): void;
}

/** How long a close waits for the renderer's final autosave. */
const FLUSH_TIMEOUT_MS = 1500;

export function createAppController(options: ControllerOptions) {
  const { logger } = options;
  const log = (level: 'info' | 'warn' | 'error', message: string) => logger.log(level, message);
  const state: SessionState = {
    documentPath: null,
    documentHash: null,
    dirty: false,
    restoreWithoutPrompt: false,
  };
  const recent = new RecentStore(nodeFs, options.paths.recentFile, process.platform, (m) =>
    log('warn', m),
  );
  const recovery = new RecoveryStore(nodeFs, options.paths.recoveryFile);
  const saveBarrier = createSaveBarrier();
  const crashPolicy = createCrashPolicy();
  let win: BrowserWindow | null = null;
  let commandStates: Partial<Record<CommandId, boolean>> = {};
  let commandsReady = false;
  let pendingOsOpens: string[] = [];

  const send = (event: CommandEvent) => {
    if (win && !win.isDestroyed()) win.webContents.send(COMMAND_EVENT_CHANNEL, event);
  };

  const rebuildMenu = () => {
    const template = buildMenuTemplate({
      appName: options.app.name,
      platform: process.platform,
      isDev: options.isDev,
      recent: toRecentFiles(recent.list()),
      enabled: commandStates,
      dispatch: (id) => send({ id }),
      openRecent: (id) => void openRecentFromMenu(id),
      clearRecent: () => void recent.clear().then(rebuildMenu),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const dialogs: DialogPort = {
    async pickOpenPath(kind) {
      const opts = { properties: ['openFile' as const], filters: OPEN_FILTERS[kind] };
      const result = win
        ? await dialog.showOpenDialog(win, opts)
        : await dialog.showOpenDialog(opts);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickFolder() {
      const opts = { properties: ['openDirectory' as const] };
      const result = win
        ? await dialog.showOpenDialog(win, opts)
        : await dialog.showOpenDialog(opts);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickSavePath(kind, defaultName) {
      // Next to the current document, so exports land where the user works.
      const dir = state.documentPath ? dirname(state.documentPath) : options.defaultDir;
      const opts = {
        defaultPath: join(dir, defaultName),
        filters: [SAVE_FORMATS[kind].filter],
      };
      const result = win
        ? await dialog.showSaveDialog(win, opts)
        : await dialog.showSaveDialog(opts);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async ask(question) {
      const opts = { ...question, noLink: true, title: options.app.name };
      const result = win
        ? await dialog.showMessageBox(win, opts)
        : await dialog.showMessageBox(opts);
      return result.response;
    },
  };

  const deps: HandlerDeps = {
    fs: nodeFs,
    dialogs,
    recent,
    recovery,
    state,
    app: options.app,
    writeClipboard: (text) => clipboard.writeText(text),
    openExternal: (url) => shell.openExternal(url),
    setCommandStates: (states) => {
      commandStates = states;
      rebuildMenu();
    },
    onRecentChanged: rebuildMenu,
    onDirtyChanged: (dirty) => {
      if (process.platform === 'darwin') win?.setDocumentEdited(dirty);
    },
    onSessionSaved: () => saveBarrier.notifySaved(),
    onCommandsReady: () => {
      commandsReady = true;
      const queued = pendingOsOpens;
      pendingOsOpens = [];
      queued.forEach((path) => void openFromOs(path));
    },
    fileChecks: options.fileChecks,
    log,
    platform: process.platform,
    now: () => new Date(),
  };

  async function openRecentFromMenu(id: string): Promise<void> {
    const entry = findRecent(recent.list(), id);
    if (!entry || !(entry.kind in OPEN_COMMAND_FOR_KIND)) return;
    const opened = await openDocumentAt(deps, entry.path, entry.kind);
    const command = OPEN_COMMAND_FOR_KIND[entry.kind as keyof typeof OPEN_COMMAND_FOR_KIND];
    if (opened) send({ id: command, payload: opened });
  }

  /** A document handed to us by the OS (file association, second instance, dock). */
  async function openFromOs(path: string): Promise<void> {
    const kind = associatedKind(path);
    if (!kind) return;
    if (!win || !commandsReady) {
      pendingOsOpens.push(path);
      return;
    }
    if (win.isMinimized()) win.restore();
    win.focus();
    const opened = await openDocumentAt(deps, path, kind);
    const command = OPEN_COMMAND_FOR_KIND[kind as keyof typeof OPEN_COMMAND_FOR_KIND];
    if (opened && command) send({ id: command, payload: opened });
  }

  function createWindow(): void {
    const current = createMainWindow({
      preloadPath: options.preloadPath,
      entryUrl: options.entryUrl,
      isDev: options.isDev,
      ...(options.iconPath ? { iconPath: options.iconPath } : {}),
    });
    win = current;
    const contents = current.webContents;
    contents.on('did-start-loading', () => {
      commandsReady = false;
    });
    contents.on('preload-error', (_event, path, error) =>
      log('error', `preload ${path}: ${error.stack}`),
    );
    current.on('blur', () => send({ id: 'session.flush' }));

    contents.on('render-process-gone', (_event, details) => {
      log('error', `renderer gone: ${details.reason} (exit code ${details.exitCode})`);
      if (details.reason === 'clean-exit' || current.isDestroyed()) return;
      if (crashPolicy.onCrash(Date.now()) === 'reload') {
        state.restoreWithoutPrompt = true;
        contents.reload();
        return;
      }
      dialog.showErrorBox(
        'LAUDNet Studio keeps crashing',
        `The window crashed several times in a row (${details.reason}). Your autosaved session is kept; details are in ${options.paths.logFile}.`,
      );
    });
    current.on('unresponsive', () => {
      log('warn', 'window unresponsive');
      void dialogs
        .ask({
          type: 'warning',
          message: 'LAUDNet Studio is not responding.',
          detail: 'A long computation may still finish. Reloading restores your autosaved session.',
          buttons: ['Wait', 'Reload'],
          defaultId: 0,
          cancelId: 0,
        })
        .then((choice) => {
          if (choice !== 1 || current.isDestroyed()) return;
          log('warn', 'user reloaded the unresponsive window');
          state.restoreWithoutPrompt = true;
          contents.forcefullyCrashRenderer();
          contents.reload();
        });
    });
    current.on('responsive', () => log('info', 'window responsive again'));

    const guard = createQuitGuard({
      isDirty: () => state.dirty,
      flushSession: async () => {
        send({ id: 'session.flush' });
        await saveBarrier.waitForNextSave(FLUSH_TIMEOUT_MS);
      },
      confirm: async () => {
        const choice = await dialogs.ask({
          type: 'warning',
          message: 'Save changes before closing?',
          detail: 'If you do not save, your changes (and their autosaved copy) are discarded.',
          buttons: ['Save…', "Don't save", 'Cancel'],
          defaultId: 0,
          cancelId: 2,
        });
        return choice === 0 ? 'save' : choice === 1 ? 'discard' : 'cancel';
      },
      requestSave: () => send({ id: 'file.save' }),
      discardRecovery: async () => {
        await recovery
          .discard()
          .catch((err: unknown) => log('warn', `discard failed: ${String(err)}`));
      },
    });
    current.on('close', (event) => {
      if (guard.approved) return;
      event.preventDefault();
      void guard.review().then((close) => {
        if (!close) {
          options.cancelQuit();
          return;
        }
        const quitting = options.isQuitting();
        current.close();
        if (quitting) options.onClosedForQuit();
      });
    });
    current.on('closed', () => {
      if (win === current) win = null;
    });
    void current.loadURL(options.entryUrl);
  }

  return {
    /** Loads stores, registers IPC, builds the menu and opens the window. Call after ready. */
    async start(argvDocuments: readonly string[]): Promise<void> {
      await recent.load();
      registerIpcHandlers(ipcMain, createHandlers(deps), {
        isTrustedUrl: (url) => isTrustedUrl(url, options.trustedOrigins),
        log,
      });
      rebuildMenu();
      createWindow();
      argvDocuments.forEach((path) => void openFromOs(path));
    },
    openFromOs,
    /** macOS: re-create the window when the dock icon is clicked and none is open. */
    ensureWindow(): void {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    },
    focus(): void {
      if (!win) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    },
  };
}
