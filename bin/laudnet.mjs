#!/usr/bin/env node
// `laudnet`: runs the bundled CLI (dist-cli/, built by `npm run build:cli` and on `npm install`). In a
// clone, a bundle older than any of its sources is rebuilt first (about half a second, once), so an edit
// is never run stale; LAUDNET_SKIP_STALE_CHECK=1 skips that check.
// This file runs before every command, so it stays lean: one builtin (node:fs), no thrown errors on the
// common path, and the bundle imported by a relative specifier.
import { readFileSync, statSync } from 'node:fs';

const root = `${import.meta.dirname}/..`;
const bundle = `${root}/dist-cli/laudnet.mjs`;

/** Modification time in ms, or null when the path does not exist. */
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? null;

/** True when the bundle is missing or a source it was built from changed since. */
function stale() {
  const built = mtime(bundle);
  if (built === null) return true;
  if (process.env.LAUDNET_SKIP_STALE_CHECK === '1') return false;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(`${root}/dist-cli/inputs.json`, 'utf8'));
  } catch {
    return true;
  }
  if (!Array.isArray(inputs)) return true;
  for (const file of inputs) {
    // A source gone from an installed copy (no cli/ or core/ shipped) is not a reason to rebuild.
    const t = typeof file === 'string' ? mtime(`${root}/${file}`) : null;
    if (t !== null && t > built) return true;
  }
  return false;
}

if (stale()) {
  let buildCli;
  try {
    ({ buildCli } = await import('../scripts/build-cli.mjs'));
  } catch {
    buildCli = null;
  }
  if (buildCli) await buildCli({ quiet: true });
  else if (mtime(bundle) === null) {
    process.stderr.write('laudnet: the CLI is not built; run `npm run build:cli` first.\n');
    process.exit(1);
  }
}
await import('../dist-cli/laudnet.mjs');
