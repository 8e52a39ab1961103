import { defineConfig } from 'vite';

/**
 * Preload bundle (electron/preload/index.ts → .vite/build/preload.js). A sandboxed preload can
 * `require` only `electron` (and a few Node shims), so it must be one self-contained CommonJS file;
 * Forge's Vite plugin sets the format and inlines dynamic imports. It imports only types from the
 * IPC contract, so no validation library ends up in the sandbox.
 */
export default defineConfig({
  build: {
    // Electron 45 ships Chromium 140.
    target: 'chrome140',
    reportCompressedSize: false,
  },
});
