import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type Studio } from './support/studio';

/**
 * The live batch over a folder on the batch workers (each with its own session, one thread) against
 * the live worker's own session (two threads where the page is isolated): the same set summary, byte
 * for byte, on the first batch and on the next one (sessions kept); cancel stops a batch.
 */
const MODEL_TIMEOUT = 90_000;
test.setTimeout(300_000);
const root = process.cwd();
const MODEL = join(root, 'tests', 'fixtures', 'onnx', 'tiny-mixed.onnx');
const IMAGE = join(root, 'tests', 'fixtures', 'onnx', 'image.png');
const samples = join(root, 'assets', 'samples');

interface BatchStatus {
  images: number;
  sessions?: { threads: number; createMs: number }[];
}

function batchStatus(page: Page): Promise<BatchStatus | null> {
  return page.evaluate(
    () =>
      (
        window as unknown as { __laudnetLiveStatus: () => { batch: BatchStatus | null } }
      ).__laudnetLiveStatus().batch,
  );
}

/** A folder of `count` photos in two class folders (the sample JPEGs in turn, and a PNG). */
function photoFolder(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'live-batch-pool-'));
  const jpegs = readdirSync(samples)
    .filter((f) => f.endsWith('.jpg'))
    .sort();
  for (const c of ['a', 'b']) mkdirSync(join(dir, 'photos', c), { recursive: true });
  copyFileSync(IMAGE, join(dir, 'photos', 'a', 'fixture.png'));
  for (let i = 1; i < count; i++)
    copyFileSync(
      join(samples, jpegs[i % jpegs.length]!),
      join(dir, 'photos', i % 2 ? 'b' : 'a', `${String(i).padStart(3, '0')}.jpg`),
    );
  return dir;
}

/** Opens the app's masks view with the test model open. */
async function openWithModel(studio: Studio) {
  await studio.open();
  await studio.openView('masks');
  const chooser = studio.page.waitForEvent('filechooser');
  await studio.page.getByTestId('mask-open-model').click();
  await (await chooser).setFiles(MODEL);
  await expect(studio.page.getByTestId('live-model-name')).toBeVisible({ timeout: MODEL_TIMEOUT });
}

/** Runs a batch with the pool layout `pool`; returns the batch's status once its set is shown. */
async function runBatch(studio: Studio, folder: string, pool: string, n: number) {
  const { page } = studio;
  await page.evaluate((p) => localStorage.setItem('laudnet.liveBatchPool', p), pool);
  await studio.openView('masks');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('live-batch-run').click();
  await (await chooser).setFiles(join(folder, 'photos'));
  await expect(page.getByTestId('set-summary')).toContainText(`${n} images`, {
    timeout: MODEL_TIMEOUT,
  });
  return batchStatus(page);
}

/** The last batch's summary bytes (what "Save set summary…" writes), through the app's test hook. */
async function lastSummary(studio: Studio) {
  const bytes = await studio.page.evaluate(() =>
    (
      window as unknown as { __laudnetLiveBatchSummary: () => number[] | null }
    ).__laudnetLiveBatchSummary(),
  );
  expect(bytes).not.toBeNull();
  return Buffer.from(bytes ?? []);
}

test.describe('live batch over a folder', () => {
  test.beforeEach(async ({ studio }) => {
    await openWithModel(studio);
  });

  test('two batch workers write the summary the live worker writes, byte for byte, and keep their sessions', async ({
    studio,
  }) => {
    const folder = photoFolder(7);
    try {
      const live = await runBatch(studio, folder, 'off', 7);
      expect(live?.sessions).toBeUndefined();
      const liveBytes = await lastSummary(studio);
      expect(liveBytes.length).toBeGreaterThan(1000);
      const pooled = await runBatch(studio, folder, '2:1', 7);
      expect(pooled?.sessions?.map((s) => s.threads)).toEqual([1, 1]);
      expect((await lastSummary(studio)).equals(liveBytes)).toBe(true);
      const again = await runBatch(studio, folder, '2:1', 7);
      // The same sessions: created once, for the first batch.
      expect(again?.sessions).toEqual(pooled?.sessions);
      expect((await lastSummary(studio)).equals(liveBytes)).toBe(true);
      expect(studio.consoleErrors).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a batch shows its progress and stops when cancelled', async ({ studio, page }) => {
    const folder = photoFolder(60);
    try {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('live-batch-run').click();
      await (await chooser).setFiles(join(folder, 'photos'));
      const progress = page.getByTestId('live-batch-progress');
      await expect(progress).toBeVisible({ timeout: MODEL_TIMEOUT });
      await expect
        .poll(async () => Number(await progress.getAttribute('value')), { timeout: MODEL_TIMEOUT })
        .toBeGreaterThan(0);
      await page.getByTestId('live-batch-cancel').click();
      await expect(
        page.getByText(/Batch over photos cancelled after \d+ of 60 images/),
      ).toBeVisible({ timeout: MODEL_TIMEOUT });
      await expect(progress).toHaveCount(0);
      await expect(page.getByTestId('set-view')).toHaveCount(0);
      expect(studio.consoleErrors).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
