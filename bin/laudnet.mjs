#!/usr/bin/env node
// `laudnet`: runs the bundled CLI (dist-cli/, built by `npm run build:cli` and on `npm install`). In a
// clone, a bundle older than any of its sources is rebuilt first (about half a second, once), so an edit
// is never run stale; LAUDNET_SKIP_STALE_CHECK=1 skips that check.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const bundle = join(root, 'dist-cli', 'laudnet.mjs');

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** True when the bundle is missing or a source it was built from changed (or vanished) since. */
function stale() {
  const built = mtime(bundle);
  if (built === null) return true;
  if (process.env.LAUDNET_SKIP_STALE_CHECK === '1') return false;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, 'dist-cli', 'inputs.json'), 'utf8'));
  } catch {
    return true;
  }
  for (const file of inputs) {
    const t = mtime(join(root, file));
    // A source gone from an installed copy (no cli/ or core/ shipped) is not a reason to rebuild.
    if (t !== null && t > built) return true;
  }
  return false;
}

if (stale()) {
  let buildCli;
  try {
    ({ buildCli } = await import(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href));
  } catch {
    buildCli = null;
  }
  if (buildCli) await buildCli({ quiet: true });
  else if (mtime(bundle) === null) {
    process.stderr.write('laudnet: the CLI is not built; run `npm run build:cli` first.\n');
    process.exit(1);
  }
}
await import(pathToFileURL(bundle).href);
