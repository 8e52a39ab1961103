/**
 * Electron Forge: Vite builds of main, preload and renderer; release fuses; installers.
 * `npm start` / `npm run package` / `npm run make` use this file (they need the Electron binary);
 * `npm run build` (scripts/build-targets.mjs) runs the same Vite builds without it.
 */
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { VitePluginConfig } from '@electron-forge/plugin-vite/dist/Config';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Executable / package name; productName ("LAUDNet Studio") has a space, which deb cannot use. */
const executableName = 'laudnet-studio';
const icons = 'assets/icons';

/** Document types for macOS (Info.plist). Linux and Windows get theirs from the makers below. */
const documentTypes = [
  {
    CFBundleTypeName: 'LAUDNet configuration',
    CFBundleTypeRole: 'Editor',
    LSHandlerRank: 'Owner',
    CFBundleTypeExtensions: ['laudnet.json'],
    CFBundleTypeIconFile: 'icon.icns',
  },
  {
    CFBundleTypeName: 'LAUDNet mask dump',
    CFBundleTypeRole: 'Viewer',
    LSHandlerRank: 'Owner',
    CFBundleTypeExtensions: ['laudmask.npz'],
    CFBundleTypeIconFile: 'icon.icns',
  },
];

/**
 * The Vite builds; also read by scripts/build-targets.mjs so both build exactly the same thing.
 * Entries are named because Forge names each output after its entry (`[name].js`): both sources
 * are `index.ts`, and package.json's `main` expects `.vite/build/main.js`.
 */
export const viteTargets: VitePluginConfig = {
  build: [
    {
      // The file-check worker is a second entry of the main build (a worker_threads script that
      // main starts from .vite/build/fileCheckWorker.js; Electron reads it from the asar).
      entry: {
        main: 'electron/main/index.ts',
        fileCheckWorker: 'electron/main/lib/fileCheckWorker.ts',
      },
      config: 'vite.main.config.mts',
      target: 'main',
    },
    {
      entry: { preload: 'electron/preload/index.ts' },
      config: 'vite.preload.config.mts',
      target: 'preload',
    },
  ],
  renderer: [{ name: 'main_window', config: 'vite.renderer.config.mts' }],
};

const config: ForgeConfig = {
  packagerConfig: {
    name: 'LAUDNet Studio',
    executableName,
    appBundleId: 'org.laudnet.studio',
    appCategoryType: 'public.app-category.developer-tools',
    // Packager adds .icns (macOS) or .ico (Windows) itself.
    icon: `${icons}/icon`,
    // Linux window icon, read by electron/main/index.ts from process.resourcesPath.
    extraResource: [`${icons}/icon.png`],
    asar: true,
    extendInfo: { CFBundleDocumentTypes: documentTypes },
    win32metadata: { CompanyName: 'LAUDNet Studio developers', ProductName: 'LAUDNet Studio' },
  },
  rebuildConfig: {},
  makers: [
    new MakerZIP({}, ['darwin', 'linux', 'win32']),
    new MakerDeb(
      {
        options: {
          name: executableName,
          productName: 'LAUDNet Studio',
          genericName: 'Dynamic CNN designer',
          bin: executableName,
          icon: `${icons}/png/512x512.png`,
          categories: ['Development', 'Science'],
          section: 'science',
          mimeType: ['application/x-laudnet-config', 'application/x-laudnet-mask'],
        },
      },
      ['linux'],
    ),
    new MakerSquirrel(
      {
        name: 'laudnet_studio',
        setupIcon: `${icons}/icon.ico`,
        setupExe: 'LAUDNet-Studio-Setup.exe',
      },
      ['win32'],
    ),
    new MakerDMG({ icon: `${icons}/icon.icns`, format: 'ULFO' }, ['darwin']),
  ],
  plugins: [
    new VitePlugin(viteTargets),
    // Release hardening, applied to the packaged binary before signing.
    new FusesPlugin({
      version: FuseVersion.V1,
      // Every fuse set explicitly: a fuse added by a newer @electron/fuses fails the build until decided.
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      // The default V8 snapshot is shared with the renderers; no custom browser snapshot is shipped.
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    }),
  ],
};

export default config;
