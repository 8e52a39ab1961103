// Builds the `laudnet` command-line tool: one esbuild bundle of cli/main.ts (plus one chunk per command,
// loaded on demand) in dist-cli/, so no TypeScript is compiled when the tool starts. Runs on `npm install`
// (the "prepare" script) and as `npm run build:cli`; bin/laudnet.mjs rebuilds it when a source is newer.
import { build } from 'esbuild';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist-cli');

/** Builds the bundle; returns the repository-relative source files it was made from. */
export async function buildCli({ quiet = false } = {}) {
  const started = performance.now();
  // Build beside the old bundle and swap it in whole, so a process starting meanwhile never sees half.
  const tmp = `${outdir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { laudnet: 'cli/main.ts' },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // Native or wasm-backed packages are loaded from node_modules at run time.
    external: ['onnxruntime-node', 'onnxruntime-web', '@jsquash/jpeg'],
    // esbuild's ESM output has no `require`; give the bundle one for CommonJS dependencies.
    banner: {
      js: "import { createRequire as __laudnetCreateRequire } from 'node:module'; const require = __laudnetCreateRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
    legalComments: 'none',
    minify: false,
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('node_modules/'))
    .map((f) => relative(root, join(root, f)));
  writeFileSync(join(tmp, 'inputs.json'), `${JSON.stringify(inputs)}\n`);
  writeFileSync(join(tmp, 'meta.json'), JSON.stringify(result.metafile));
  rmSync(outdir, { recursive: true, force: true });
  renameSync(tmp, outdir);
  if (!quiet) {
    const ms = (performance.now() - started).toFixed(0);
    console.log(`built dist-cli/laudnet.mjs from ${inputs.length} sources in ${ms} ms`);
  }
  return inputs;
}

if (process.argv[1] === import.meta.filename) {
  buildCli().catch((e) => {
    console.error(`build:cli failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
