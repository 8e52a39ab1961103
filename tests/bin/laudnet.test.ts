// bin/laudnet.mjs, the launcher every CLI call goes through: it runs the bundle, rebuilds it first when a
// source listed in dist-cli/inputs.json is newer, and never rebuilds for sources an installed copy lacks.
// Each case runs the real launcher as a process in a throw-away copy with a stand-in bundle and builder.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const launcher = join(__dirname, '../../bin/laudnet.mjs');
const dirs: string[] = [];

/** A copy of the launcher beside a bundle printing `bundle v1` and a builder writing `bundle v2`. */
function sandbox(options: { builder: boolean; bundle: boolean; inputs: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'laudnet-bin-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist-cli'));
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'core'));
  copyFileSync(launcher, join(dir, 'bin/laudnet.mjs'));
  if (options.bundle)
    writeFileSync(join(dir, 'dist-cli/laudnet.mjs'), "process.stdout.write('bundle v1\\n');\n");
  writeFileSync(join(dir, 'dist-cli/inputs.json'), options.inputs);
  if (options.builder)
    writeFileSync(
      join(dir, 'scripts/build-cli.mjs'),
      [
        "import { writeFileSync } from 'node:fs';",
        'export async function buildCli() {',
        "  writeFileSync(new URL('../dist-cli/laudnet.mjs', import.meta.url), \"process.stdout.write('bundle v2\\\\n');\\n\");",
        '}',
      ].join('\n'),
    );
  writeFileSync(join(dir, 'core/a.ts'), 'export {};\n');
  return dir;
}

/** Sets a file's modification time to `seconds` after the epoch. */
const age = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

const run = (dir: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(dir, 'bin/laudnet.mjs'), '--help'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('bin/laudnet.mjs', () => {
  it('runs the bundle as it is when no source is newer', () => {
    const dir = sandbox({ builder: true, bundle: true, inputs: '["core/a.ts"]' });
    age(join(dir, 'core/a.ts'), 1_000_000);
    age(join(dir, 'dist-cli/laudnet.mjs'), 2_000_000);
    const r = run(dir);
    expect(r.stdout).toBe('bundle v1\n');
    expect(r.status).toBe(0);
  });

  it('rebuilds before running when a listed source is newer than the bundle', () => {
    const dir = sandbox({ builder: true, bundle: true, inputs: '["core/a.ts"]' });
    age(join(dir, 'dist-cli/laudnet.mjs'), 1_000_000);
    age(join(dir, 'core/a.ts'), 2_000_000);
    expect(run(dir).stdout).toBe('bundle v2\n');
  });

  it('does not rebuild for a newer source when LAUDNET_SKIP_STALE_CHECK=1', () => {
    const dir = sandbox({ builder: true, bundle: true, inputs: '["core/a.ts"]' });
    age(join(dir, 'dist-cli/laudnet.mjs'), 1_000_000);
    age(join(dir, 'core/a.ts'), 2_000_000);
    expect(run(dir, { LAUDNET_SKIP_STALE_CHECK: '1' }).stdout).toBe('bundle v1\n');
  });

  it('ignores sources an installed copy does not ship', () => {
    const dir = sandbox({ builder: false, bundle: true, inputs: '["core/a.ts","cli/gone.ts"]' });
    age(join(dir, 'core/a.ts'), 1_000_000);
    age(join(dir, 'dist-cli/laudnet.mjs'), 2_000_000);
    expect(run(dir).stdout).toBe('bundle v1\n');
  });

  it('rebuilds when the list of sources is unreadable', () => {
    const dir = sandbox({ builder: true, bundle: true, inputs: '{not json' });
    expect(run(dir).stdout).toBe('bundle v2\n');
  });

  it('says how to build when there is neither a bundle nor a builder', () => {
    const dir = sandbox({ builder: false, bundle: false, inputs: '[]' });
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the CLI is not built; run `npm run build:cli` first');
    expect(r.stdout).toBe('');
  });
});
