/**
 * A small in-memory stand-in for the parts of Electron the main process uses, for `vi.mock`:
 * windows and web contents are event emitters that record what main did to them, dialogs answer
 * from a queue, ipcMain keeps its handlers so tests can invoke them like a renderer would.
 */
import { EventEmitter } from 'node:events';

export class FakeWebContents extends EventEmitter {
  sent: Array<{ channel: string; payload: unknown }> = [];
  reloads = 0;
  crashed = 0;
  devToolsOpened = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  /** Called for every `send`, so a test can play the renderer (e.g. answer a flush). */
  onSend: (channel: string, payload: unknown) => void = () => {};
  readonly id = 1;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
    this.onSend(channel, payload);
  }
  reload(): void {
    this.reloads++;
  }
  forcefullyCrashRenderer(): void {
    this.crashed++;
  }
  openDevTools(): void {
    this.devToolsOpened = true;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Ids of the commands sent to the renderer. */
  commandIds(): string[] {
    return this.sent
      .filter((s) => s.channel === 'command')
      .map((s) => (s.payload as { id: string }).id);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  destroyed = false;
  documentEdited = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  /** Like Electron: emits a preventable `close`, then `closed` unless prevented. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited;
  }
}

type Invoke = (event: unknown, ...args: unknown[]) => Promise<unknown>;

export function createFakeElectron() {
  const handlers = new Map<string, Invoke>();
  const messageBoxes: Array<{ message: string; buttons: string[] }> = [];
  const answers: number[] = [];
  const errorBoxes: string[] = [];
  const menus: unknown[] = [];
  const permissionRequests: boolean[] = [];
  const headerCallbacks: Array<(details: unknown, cb: (r: unknown) => void) => void> = [];
  const appEvents = new EventEmitter();
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const privilegedSchemes: unknown[] = [];
  const app = {
    isPackaged: false,
    singleInstance: true,
    quitCalls: 0,
    readyResolve: (() => {}) as () => void,
    getPath: (name: string) => `/tmp/laudnet-fake-${name}`,
    getName: () => 'LAUDNet Studio',
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => app.singleInstance,
    quit: () => void app.quitCalls++,
    exit: () => {},
    on: (event: string, listener: (...args: unknown[]) => void) => appEvents.on(event, listener),
    whenReady: () => new Promise<void>((resolve) => (app.readyResolve = resolve)),
  };
  return {
    app,
    appEvents,
    protocolHandlers,
    privilegedSchemes,
    handlers,
    messageBoxes,
    answers,
    errorBoxes,
    menus,
    permissionRequests,
    headerCallbacks,
    module: {
      app,
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown[]) =>
          void privilegedSchemes.push(...schemes),
        handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) =>
          void protocolHandlers.set(scheme, handler),
      },
      BrowserWindow: FakeBrowserWindow,
      ipcMain: {
        handle: (channel: string, listener: Invoke) => void handlers.set(channel, listener),
        removeHandler: (channel: string) => void handlers.delete(channel),
      },
      Menu: {
        buildFromTemplate: (template: unknown) => ({ template }),
        setApplicationMenu: (menu: unknown) => void menus.push(menu),
      },
      dialog: {
        showMessageBox: (...args: unknown[]) => {
          const options = args.at(-1) as { message: string; buttons: string[]; cancelId: number };
          messageBoxes.push(options);
          return Promise.resolve({ response: answers.shift() ?? options.cancelId });
        },
        showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
        showSaveDialog: () => Promise.resolve({ canceled: true }),
        showErrorBox: (title: string) => void errorBoxes.push(title),
      },
      clipboard: { writeText: () => {} },
      shell: { openExternal: () => Promise.resolve() },
      nativeTheme: { shouldUseDarkColors: false },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (
            h: (c: unknown, p: string, cb: (ok: boolean) => void) => void,
          ) => h(null, 'media', (ok) => permissionRequests.push(ok)),
          setPermissionCheckHandler: (h: () => boolean) => void permissionRequests.push(h()),
          setDevicePermissionHandler: (h: () => boolean) => void permissionRequests.push(h()),
          webRequest: {
            onHeadersReceived: (cb: (details: unknown, done: (r: unknown) => void) => void) =>
              void headerCallbacks.push(cb),
          },
        },
      },
    },
  };
}
