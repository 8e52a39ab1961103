/**
 * Main-process entry (bundled by Forge's Vite plugin to .vite/build/main.js). Sets up logging and
 * crash reporting first, takes the single-instance lock, registers the app:// scheme, and hands
 * everything else to the controller.
 */
import { app } from 'electron';
import { join } from 'node:path';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { createAppController } from './controller';
import { nodeFs } from './lib/fsPort';
import { createWorkerFileChecks } from './lib/workerChecks';
import { createFileLogger } from './lib/log';
import { appPaths, documentsFromArgv } from './lib/paths';
import { APP_ENTRY_URL, trustedOrigins } from './lib/security';
import { guardWebContents, hardenSession } from './window';

// Defined by Forge's Vite plugin: the dev server URL under `npm start`, the renderer's name always.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string | undefined;

const devServerUrl =
  typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL !== ''
    ? MAIN_WINDOW_VITE_DEV_SERVER_URL
    : undefined;
const rendererName =
  typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';
/** Developer tools and the dev CSP only when running unpackaged against the dev server. */
const isDev = !app.isPackaged && devServerUrl !== undefined;

const paths = appPaths(app.getPath('userData'));
const logger = createFileLogger(nodeFs, paths.logFile, {
  ...(isDev ? { echo: (line: string) => process.stderr.write(line) } : {}),
});

process.on('uncaughtException', (error) => {
  logger.log('error', `uncaughtException: ${error.stack ?? String(error)}`);
});
process.on('unhandledRejection', (reason) => {
  logger.log(
    'error',
    `unhandledRejection: ${reason instanceof Error ? reason.stack : String(reason)}`,
  );
});

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the window; it receives our argv through `second-instance`.
  app.quit();
} else {
  start();
}

function start(): void {
  const origins = trustedOrigins(devServerUrl);
  let quitting = false;
  const controller = createAppController({
    paths,
    logger,
    isDev,
    entryUrl: devServerUrl ?? APP_ENTRY_URL,
    preloadPath: join(__dirname, 'preload.js'),
    // Built next to main.js from lib/fileCheckWorker.ts (see forge.config.ts).
    fileChecks: createWorkerFileChecks({ workerPath: join(__dirname, 'fileCheckWorker.js') }),
    // Linux shows this in the window switcher; macOS and Windows take the bundle's icon.
    ...(process.platform === 'linux' && app.isPackaged
      ? { iconPath: join(process.resourcesPath, 'icon.png') }
      : {}),
    trustedOrigins: origins,
    app: {
      name: app.getName(),
      version: app.getVersion(),
      versions: {
        app: app.getVersion(),
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        node: process.versions.node,
        v8: process.versions.v8,
      },
    },
    defaultDir: app.getPath('documents'),
    isQuitting: () => quitting,
    cancelQuit: () => {
      quitting = false;
    },
    onClosedForQuit: () => app.quit(),
  });

  // macOS delivers double-clicked documents through `open-file`, possibly before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void controller.openFromOs(path);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    controller.focus();
    documentsFromArgv(argv, workingDirectory).forEach((path) => void controller.openFromOs(path));
  });
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, origins, (message) => logger.log('warn', message)),
  );
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => void logger.flush());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => controller.ensureWindow());

  app
    .whenReady()
    .then(async () => {
      hardenSession(devServerUrl);
      if (!devServerUrl) {
        serveRenderer(join(__dirname, '..', 'renderer', rendererName), (message) =>
          logger.log('warn', message),
        );
      }
      await controller.start(documentsFromArgv(process.argv, process.cwd()));
      logger.log('info', `started ${app.getName()} ${app.getVersion()}`);
    })
    .catch((error: unknown) => {
      logger.log(
        'error',
        `startup failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      void logger.flush().then(() => app.exit(1));
    });
}
