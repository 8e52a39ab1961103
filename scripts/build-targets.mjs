// `npm run build`: the Forge Vite build of all three desktop targets (main, preload, renderer)
// without the Electron binary. It loads the target list from forge.config.ts and resolves each
// target's Vite config with Forge's own config generator, so the bundles are the ones
// `electron-forge package` would pack: .vite/build/main.js, .vite/build/preload.js and
// .vite/renderer/main_window/. Then it checks the outputs the packaged app relies on.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

async function main() {
  const forge = await tsImport(join(root, 'forge.config.ts'), import.meta.url);
  const targets = forge.viteTargets;
  if (!targets?.build || !targets?.renderer) {
    throw new Error('forge.config.ts must export `viteTargets` (the VitePlugin configuration).');
  }
  // Forge's generator merges its base config (entry, CJS format, externals, output folders,
  // define constants) with ours, exactly as `electron-forge package` does.
  const {
    default: ViteConfigGenerator,
  } = require('@electron-forge/plugin-vite/dist/ViteConfig.js');
  const generator = new ViteConfigGenerator(targets, root, true);

  rmSync(join(root, '.vite'), { recursive: true, force: true });
  const configs = [
    ...(await generator.getBuildConfigs()),
    ...(await generator.getRendererConfig()),
  ];
  for (const config of configs) {
    const started = performance.now();
    await build({ configFile: false, logLevel: 'warn', ...config });
    const entry = config.build?.lib?.entry ?? config.build?.rollupOptions?.input;
    const label = entry
      ? Object.keys(entry).join(', ')
      : `renderer (${relative(root, config.root) || '.'})`;
    console.log(`built ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const expected = [
    '.vite/build/main.js',
    '.vite/build/fileCheckWorker.js',
    '.vite/build/preload.js',
    '.vite/renderer/main_window/index.html',
  ];
  const missing = expected.filter((p) => !existsSync(join(root, p)));
  if (missing.length > 0) {
    throw new Error(
      `missing build outputs: ${missing.join(', ')} (a renderer config whose root is not the ` +
        'project root must set an absolute build.outDir for the Forge build)',
    );
  }
  // A sandboxed preload can only require 'electron': anything else would fail at run time.
  const preload = readFileSync(join(root, '.vite/build/preload.js'), 'utf8');
  const requires = [...preload.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
  const foreign = requires.filter((r) => r !== 'electron');
  if (foreign.length > 0) {
    throw new Error(
      `preload.js requires ${foreign.join(', ')}; a sandboxed preload may only require electron`,
    );
  }
  for (const p of expected) {
    console.log(`${p}  ${(statSync(join(root, p)).size / 1024).toFixed(1)} KiB`);
  }
}

main().catch((error) => {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
