// `npm test`: lint, typecheck (`tsc -b` over the per-folder projects), formatting (`prettier --check .`),
// dead code (knip: unused files, exports, dependencies), Vitest (node + happy-dom projects), then
// Playwright e2e against the built web app. Every step runs even when an earlier one failed, so one run
// shows every problem; the summary line "N passed, N failed" (lint, typecheck, format and knip count as
// one check each) is printed last and written to test-results/summary.txt for .ci/run.
// `node scripts/test-all.mjs <step>…` runs only the named steps (lint, typecheck, format, knip, unit, e2e).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const vitestJson = join(results, 'vitest-results.json');
const e2eJson = join(results, 'e2e-results.json');
for (const f of [vitestJson, e2eJson]) rmSync(f, { force: true });

const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);

function run(label, cmd, args) {
  console.log(`\n──── ${label}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return res.status === 0;
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const steps = [];

function check(label, ok) {
  steps.push(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (ok) counts.passed++;
  else counts.failed++;
}

if (want('lint')) check('lint', run('lint', 'npx', ['eslint', '.', '--max-warnings', '0']));
if (want('typecheck')) check('typecheck', run('typecheck', 'npx', ['tsc', '-b']));
if (want('format')) check('format', run('format', 'npx', ['prettier', '--check', '.']));
if (want('knip')) check('knip', run('knip', 'npx', ['knip', '--no-progress']));

if (want('unit')) {
  const ok = run('vitest', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ]);
  if (existsSync(vitestJson)) {
    const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
    counts.passed += r.numPassedTests ?? 0;
    counts.failed += r.numFailedTests ?? 0;
    counts.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    // A suite that fails to load has no tests but must still count as a failure.
    const brokenSuites = (r.testResults ?? []).filter(
      (s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
    ).length;
    counts.failed += brokenSuites;
    steps.push(
      `${ok ? 'ok  ' : 'FAIL'} vitest (${r.numPassedTests} passed, ${r.numFailedTests} failed)`,
    );
    if (!ok && r.numFailedTests === 0 && brokenSuites === 0) counts.failed++;
  } else {
    check('vitest (no report written)', false);
  }
}

if (want('e2e')) {
  const built = run('build web', 'npx', [
    'vite',
    'build',
    '--config',
    'vite.renderer.config.mts',
    '--mode',
    'web',
  ]);
  // The e2e specs also run the CLI (bin/laudnet.mjs); build its bundle once so no worker rebuilds it.
  const cliBuilt = run('build cli', 'node', ['scripts/build-cli.mjs']);
  if (!built) check('web build', false);
  else if (!cliBuilt) check('cli build', false);
  else {
    const ok = run('playwright', 'npx', ['playwright', 'test']);
    if (existsSync(e2eJson)) {
      const s = JSON.parse(readFileSync(e2eJson, 'utf8')).stats ?? {};
      counts.passed += (s.expected ?? 0) + (s.flaky ?? 0);
      counts.failed += s.unexpected ?? 0;
      counts.skipped += s.skipped ?? 0;
      steps.push(
        `${ok ? 'ok  ' : 'FAIL'} playwright (${s.expected ?? 0} passed, ${s.unexpected ?? 0} failed, ${s.skipped ?? 0} skipped)`,
      );
      if (!ok && !(s.unexpected > 0)) counts.failed++;
    } else check('playwright (no report written)', false);
  }
}

const summary = `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`;
console.log(`\n──── summary\n${steps.join('\n')}\n${summary}`);
writeFileSync(join(results, 'summary.txt'), `${summary}\n`);
process.exit(counts.failed > 0 ? 1 : 0);
