/**
 * Packaging configuration, checked without the Electron binary: Forge's plugins and makers, the
 * release fuses, every icon file the makers reference (decoded, sizes checked), electron-builder's
 * configuration against its own schema, and the scripts that guard the binary-dependent commands.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import config, { viteTargets } from '../../forge.config';
import { tempDir } from './helpers';

const root = join(import.meta.dirname, '..', '..');
const at = (p: string) => join(root, p);
const require = createRequire(import.meta.url);
// electron-builder's own YAML reader and config validator (pinned through electron-builder 26.17.0).
const { load } = require('js-yaml') as { load: (text: string) => unknown };

/** Width and height from a PNG's IHDR chunk (independent of the generator). */
function pngSize(png: Uint8Array): [number, number] {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...png.subarray(0, 8)]).toEqual(signature);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

describe('forge.config.ts', () => {
  const plugins = config.plugins ?? [];
  const pluginNamed = (name: string) =>
    plugins.find((p) => (p as { name?: string }).name === name) as unknown as Record<
      string,
      unknown
    >;

  it('builds main, preload and renderer with the Vite plugin, from files that exist', () => {
    expect(pluginNamed('vite')).toBeDefined();
    for (const target of [...viteTargets.build, ...viteTargets.renderer]) {
      expect(existsSync(at(target.config)), target.config).toBe(true);
    }
    const entries = viteTargets.build.map((t) => t.entry as Record<string, string>);
    for (const entry of entries.flatMap((e) => Object.values(e))) {
      expect(existsSync(at(entry)), entry).toBe(true);
    }
    // Output names must match package.json's "main" and the preload path main.ts uses.
    expect(entries.map((e) => Object.keys(e)[0])).toEqual(['main', 'preload']);
    // The file-check worker is built next to main.js, where index.ts starts it from.
    expect(entries[0]).toMatchObject({ fileCheckWorker: 'electron/main/lib/fileCheckWorker.ts' });
    expect(readFileSync(at('electron/main/index.ts'), 'utf8')).toContain(
      "join(__dirname, 'fileCheckWorker.js')",
    );
    const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('.vite/build/main.js');
  });

  it('sets every release fuse explicitly', () => {
    const fuses = pluginNamed('fuses').fusesConfig as Record<number | string, boolean>;
    expect(fuses.strictlyRequireAllFuses).toBe(true);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(fuses[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(false);
    // No fuse of this @electron/fuses version is left to its default.
    const all = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    expect(all.filter((f) => typeof fuses[f] !== 'boolean')).toEqual([]);
  });

  it('makes zip, deb, squirrel and dmg, with icons that exist', () => {
    const makers = (config.makers ?? []) as unknown as Array<{
      name: string;
      configOrConfigFetcher: Record<string, unknown>;
    }>;
    expect(makers.map((m) => m.name).sort()).toEqual(['deb', 'dmg', 'squirrel', 'zip']);
    const deb = makers.find((m) => m.name === 'deb')?.configOrConfigFetcher.options as Record<
      string,
      unknown
    >;
    expect(deb.bin).toBe(config.packagerConfig?.executableName);
    expect(existsSync(at(deb.icon as string))).toBe(true);
    expect(
      existsSync(
        at(makers.find((m) => m.name === 'squirrel')?.configOrConfigFetcher.setupIcon as string),
      ),
    ).toBe(true);
    expect(
      existsSync(at(makers.find((m) => m.name === 'dmg')?.configOrConfigFetcher.icon as string)),
    ).toBe(true);
    const icon = config.packagerConfig?.icon as string;
    expect(existsSync(at(`${icon}.icns`)) && existsSync(at(`${icon}.ico`))).toBe(true);
    for (const extra of config.packagerConfig?.extraResource as string[])
      expect(existsSync(at(extra))).toBe(true);
  });

  it('declares the macOS document types for both associated extensions', () => {
    const info = config.packagerConfig?.extendInfo as {
      CFBundleDocumentTypes: Array<{ CFBundleTypeExtensions: string[] }>;
    };
    expect(info.CFBundleDocumentTypes.flatMap((t) => t.CFBundleTypeExtensions)).toEqual([
      'laudnet.json',
      'laudmask.npz',
    ]);
  });
});

describe('assets/icons', () => {
  it('has a PNG of every size 16…1024, each really that size', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(at(`assets/icons/png/${size}x${size}.png`)))).toEqual([
        size,
        size,
      ]);
    }
    expect(pngSize(readFileSync(at('assets/icons/icon.png')))).toEqual([512, 512]);
  });

  it('has an .ico whose directory points at PNGs of the declared sizes, up to 256', () => {
    const ico = readFileSync(at('assets/icons/icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const entry = 6 + 16 * i;
      const declared = ico[entry] === 0 ? 256 : (ico[entry] ?? -1);
      const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual([declared, declared]);
      sizes.push(declared);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('has an .icns whose elements are PNGs of the sizes their types require', () => {
    const icns = readFileSync(at('assets/icons/icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = {
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    };
    const seen: string[] = [];
    for (let offset = 8; offset < icns.length;) {
      const type = icns.subarray(offset, offset + 4).toString('ascii');
      const length = icns.readUInt32BE(offset + 4);
      const size = expected[type];
      expect(size, type).toBeDefined();
      expect(pngSize(icns.subarray(offset + 8, offset + length))).toEqual([size, size]);
      seen.push(type);
      offset += length;
    }
    expect(seen.sort()).toEqual(Object.keys(expected).sort());
  });
});

describe('electron-builder.yml', () => {
  const builder = load(readFileSync(at('electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    await expect(validateConfiguration(builder, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator is real: an unknown option is refused.
    await expect(
      validateConfiguration({ ...builder, nsisx: {} }, new DebugLogger(false)),
    ).rejects.toThrow();
  });

  it('targets AppImage, nsis and dmg with existing icons and the Forge executable name', () => {
    const target = (os: string) => (builder[os] as { target: string[] }).target;
    expect([target('linux'), target('win'), target('mac')]).toEqual([
      ['AppImage'],
      ['nsis'],
      ['dmg'],
    ]);
    expect(builder.executableName).toBe(config.packagerConfig?.executableName);
    for (const os of ['linux', 'win', 'mac'])
      expect(existsSync(at((builder[os] as { icon: string }).icon)), os).toBe(true);
  });

  it('associates .laudnet.json and .laudmask.npz', () => {
    const associations = builder.fileAssociations as Array<{ ext: string; mimeType: string }>;
    expect(associations.map((a) => a.ext)).toEqual(['laudnet.json', 'laudmask.npz']);
  });
});

describe('scripts', () => {
  const node = (script: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [at(script)], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });

  it('require-electron fails with one clear sentence when the binary is missing', () => {
    const { dir, cleanup } = tempDir();
    try {
      const result = node('scripts/require-electron.cjs', { ELECTRON_OVERRIDE_DIST_PATH: dir });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^The Electron binary is not installed and cannot be downloaded on this machine;/,
      );
    } finally {
      cleanup();
    }
  });

  it('require-electron passes when a binary is present', () => {
    const { dir, cleanup } = tempDir();
    try {
      const pathTxt = join(root, 'node_modules/electron/path.txt');
      const binaryName = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : 'electron';
      writeFileSync(join(dir, binaryName), '#!/bin/sh\n');
      chmodSync(join(dir, binaryName), 0o755);
      const result = node('scripts/require-electron.cjs', { ELECTRON_OVERRIDE_DIST_PATH: dir });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    } finally {
      cleanup();
    }
  });

  it('dist explains what is missing instead of failing inside electron-builder', () => {
    const result = node('scripts/dist.mjs', {
      DIST_PLATFORM: 'linux',
      DIST_ARCH: 'nonexistent-arch',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^Forge's packaged app is missing at .*out\/LAUDNet Studio-linux-nonexistent-arch: run `npm run package` first\.$/,
    );
  });
});
