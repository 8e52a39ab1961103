/**
 * Issue 13: main never blocks on a file. The real worker script (TypeScript loaded with tsx, as
 * the built .js is in the app) checks hostile files while main's event loop keeps answering.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileCheckPort } from '../../../../electron/main/lib/fileChecks';
import { createWorkerFileChecks } from '../../../../electron/main/lib/workerChecks';
import { lyingSizeZip, sharedStreamZip } from '../../../../scripts/fuzz/hostileZips';

const workerPath = join(import.meta.dirname, 'fileCheckWorker.tsx-boot.cjs');
const execArgv: string[] = [];
let checks: FileCheckPort | undefined;
afterEach(async () => {
  await checks?.dispose();
  checks = undefined;
});

/** Counts how often a 10 ms timer fires on this (main) thread while `work` is pending. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  try {
    return { result: await work, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('file checks on a worker thread', () => {
  it('refuses the hostile zips with their specific messages', async () => {
    checks = createWorkerFileChecks({ workerPath, execArgv });
    expect(await checks.check('mask', lyingSizeZip())).toBe(
      'Member padding.npy inflates past its declared 1000 bytes; the archive is damaged or crafted.',
    );
    expect(await checks.check('mask', sharedStreamZip(4000))).toMatch(
      /the members m0\.npy and m1\.npy overlap/,
    );
    expect(await checks.check('config', new TextEncoder().encode('{"a":1,}'))).toMatch(
      /^not valid JSON: line 1, column 8/,
    );
    expect(await checks.check('config', new TextEncoder().encode('{"a":1}'))).toBeNull();
  });

  it('keeps main answering while a slow check runs', async () => {
    checks = createWorkerFileChecks({ workerPath, execArgv, stallMs: 1500 });
    const { result, ticks } = await ticksDuring(
      checks.check('config', new TextEncoder().encode('{}')),
    );
    expect(result).toBeNull();
    // 1.5 s of a busy worker: a blocked main thread would fire the 10 ms timer about once.
    expect(ticks).toBeGreaterThan(20);
  });

  it('gives up on a check past the time limit, says so, and recovers for the next file', async () => {
    checks = createWorkerFileChecks({ workerPath, execArgv, stallMs: 60_000, timeoutMs: 500 });
    const { result, ticks } = await ticksDuring(
      checks.check('mask', new Uint8Array([0x50, 0x4b, 3, 4])),
    );
    expect(result).toBe(
      'checking the file took longer than 0.5 s, so it was not opened (a damaged or crafted file can take that long)',
    );
    expect(ticks).toBeGreaterThan(5);
    const fresh = createWorkerFileChecks({ workerPath, execArgv });
    expect(await fresh.check('config', new TextEncoder().encode('[1]'))).toBe('not a JSON object');
    await fresh.dispose();
  });

  it('reports a worker that cannot start as a problem, not a crash', async () => {
    checks = createWorkerFileChecks({ workerPath: join(workerPath, '..', 'missing.js') });
    expect(await checks.check('config', new TextEncoder().encode('{}'))).toMatch(
      /^the file could not be checked \(/,
    );
  });
});
