/**
 * The main window and the guards on every web contents. Thin Electron wiring: the policy itself
 * (origins, CSP, navigation) lives in lib/security.ts.
 */
import { BrowserWindow, nativeTheme, session, type WebContents } from 'electron';
import { ISOLATION_HEADERS, buildCsp, mayNavigate } from './lib/security';

export interface WindowOptions {
  preloadPath: string;
  /** The dev server URL in development, `app://studio/index.html` otherwise. */
  entryUrl: string;
  isDev: boolean;
  iconPath?: string;
}

/** Background colours of the renderer's light and dark themes (renderer/src/styles/theme.css). */
const BACKGROUND = { light: '#f6f7f9', dark: '#0f1115' };

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'LAUDNet Studio',
    // Shown on ready-to-show with the theme's background, so there is no white flash.
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.isDev,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (options.isDev) win.webContents.openDevTools({ mode: 'detach' });
  return win;
}

/**
 * Guards every web contents the app ever creates (called from `web-contents-created`): no
 * navigation away from our origin, no new windows, no <webview>.
 */
export function guardWebContents(
  contents: WebContents,
  trustedOrigins: readonly string[],
  log: (message: string) => void,
): void {
  const block = (event: { preventDefault(): void }, url: string) => {
    if (mayNavigate(url, trustedOrigins)) return;
    event.preventDefault();
    log(`blocked navigation to ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event) => block(event, event.url));
  contents.on('will-redirect', (event) => block(event, event.url));
  contents.on('will-frame-navigate', (event) => block(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked window.open(${url.slice(0, 200)})`);
    return { action: 'deny' };
  });
}

/**
 * Session-wide hardening: deny every permission request and check (camera, notifications, HID…),
 * and send the CSP header with every response (the dev server's included).
 */
export function hardenSession(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  const csp = buildCsp(devServerUrl);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
        ...Object.fromEntries(Object.entries(ISOLATION_HEADERS).map(([k, v]) => [k, [v]])),
      },
    });
  });
}
