import { defineConfig } from 'vite';

/**
 * Main-process bundle (electron/main/index.ts → .vite/build/main.js). Forge's Vite plugin supplies
 * the entry, the CommonJS library format, the output folder and the externals (electron and Node
 * built-ins); this file only adds what is ours. Runtime dependencies (zod, fflate) are bundled,
 * because Forge packs nothing but `.vite/**` and package.json into the asar.
 */
export default defineConfig({
  build: {
    // Electron 45 ships Node 22.
    target: 'node22',
    reportCompressedSize: false,
  },
});
