/**
 * The formatting and dead-code gates of `npm test` (scripts/test-all.mjs runs `prettier --check .` and
 * `knip`): each is run here, as the script runs it, on a small temporary project that breaks one rule,
 * and must fail; the same project without the fault must pass.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const prettierBin = join(root, 'node_modules/prettier/bin/prettier.cjs');
const knipBin = join(root, 'node_modules/knip/bin/knip.js');
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary folder holding `files` (path → text). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'laudnet-gate-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function exec(bin: string, args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** `prettier --check .` with the project's own configuration, in `dir`. */
function prettierCheck(dir: string) {
  copyFileSync(join(root, '.prettierrc.json'), join(dir, '.prettierrc.json'));
  return exec(prettierBin, ['--check', '.'], dir);
}

/** `knip` as test-all runs it, in `dir` (a package with one entry file). */
function knip(dir: string) {
  return exec(knipBin, ['--no-progress', '--no-config-hints'], dir);
}

const formatted = "export const answer = { value: 42, label: 'answer' };\n";

describe('npm test fails on an unformatted file', () => {
  it('prettier --check fails on a file that is not formatted, and passes once it is', () => {
    const bad = project({ 'a.ts': 'export const answer={value:42,label:"answer"}\n' });
    const r = prettierCheck(bad);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/a\.ts/);
    expect(prettierCheck(project({ 'a.ts': formatted })).status).toBe(0);
  });
});

describe('npm test fails on dead code', () => {
  const pkg = (deps: Record<string, string>) =>
    JSON.stringify({
      name: 'gate-fixture',
      version: '1.0.0',
      main: 'index.ts',
      dependencies: deps,
    });
  const used = "import { value } from './lib';\n\nexport const main = value;\n";

  it('knip passes a project with no unused export or dependency', () => {
    const r = knip(
      project({ 'package.json': pkg({}), 'index.ts': used, 'lib.ts': 'export const value = 1;\n' }),
    );
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('knip fails on an unused export', () => {
    const lib = 'export const value = 1;\nexport const forgotten = 2;\n';
    const r = knip(project({ 'package.json': pkg({}), 'index.ts': used, 'lib.ts': lib }));
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/Unused exports[\s\S]*forgotten/);
  });

  it('knip fails on an unused dependency', () => {
    const r = knip(
      project({
        'package.json': pkg({ 'left-pad': '1.3.0' }),
        'index.ts': used,
        'lib.ts': 'export const value = 1;\n',
      }),
    );
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/Unused dependencies[\s\S]*left-pad/);
  });

  it('knip fails on an unused file', () => {
    const r = knip(
      project({
        'package.json': pkg({}),
        'index.ts': used,
        'lib.ts': 'export const value = 1;\n',
        'orphan.ts': 'export const alone = 3;\n',
      }),
    );
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/Unused files[\s\S]*orphan\.ts/);
  });
});
