// Shared by the UI benches: build the web app, serve it with `vite preview` on a port of the bench's
// own, and launch Debian's Chromium with the software compositor the figures are quoted for.
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const root = new URL('../..', import.meta.url).pathname;

/** True when something already answers HTTP on `port` (another server would be measured instead). */
async function portAnswers(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/`);
    return true;
  } catch {
    return false;
  }
}

/** Builds the web app and starts `vite preview` on `port`; resolves once it answers. */
export async function serveBuiltApp(port) {
  if (await portAnswers(port)) {
    console.error(
      `port ${port} is already in use: stop that server or pick another with BENCH_PORT`,
    );
    process.exit(1);
  }
  const build = spawnSync(
    'npx',
    [
      'vite',
      'build',
      '--config',
      'vite.renderer.config.mts',
      '--mode',
      'web',
      '--logLevel',
      'error',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status !== 0) process.exit(1);
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--config',
      'vite.renderer.config.mts',
      '--mode',
      'web',
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { cwd: root, stdio: 'ignore', detached: true },
  );
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      if (res.ok) return { url: `http://127.0.0.1:${port}/`, stop };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error('vite preview did not start');
}

/** Debian's Chromium, headless, software compositor (`--disable-gpu`), WebGL through SwiftShader. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
    ],
  });
}
