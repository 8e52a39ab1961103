/**
 * The live decoder in Chromium against Pillow: every JPEG layout (YCbCr 4:2:0, 4:2:2, 4:4:4 planes,
 * progressive, RGB frames of ICC-tagged files, grey, EXIF-rotated) opened with a live model gives the
 * network input the Python exporter computes — resize 256, centre crop 224 of Pillow's decode — byte
 * for byte: the crop the views show is compared with the SHA-256 of the exporter's crop, written by
 * tests/fixtures/live-jpeg/make-fixtures.py. The EXIF-rotated file is read unrotated, as Pillow reads
 * it, and the original the views show has the file's stored size.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/studio';
import type { LiveInputPixels } from '../renderer/src/live/testHook';

const MODEL_TIMEOUT = 90_000;
test.setTimeout(240_000);

const root = process.cwd();
const MODEL = join(root, 'tests', 'fixtures', 'onnx', 'tiny-mixed.onnx');
const dir = join(root, 'tests', 'fixtures', 'live-jpeg');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  { width: number; height: number; rgbSha256: string; cropSha256?: string }
>;
const FILES = [
  'yuv420.jpg',
  'yuv422.jpg',
  'yuv444.jpg',
  'progressive420.jpg',
  'icc-rgb.jpg',
  'grey.jpg',
  'exif-rotated.jpg',
];

async function pickFile(page: Page, buttonTestId: string, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(buttonTestId).click();
  await (await chooser).setFiles(file);
}

interface Status {
  image: string | null;
  timing: { sharedDecode: boolean; decoder?: string; totalMs: number } | null;
}
const status = (page: Page) =>
  page.evaluate(() => (window as { __laudnetLiveStatus?: () => Status }).__laudnetLiveStatus?.());

type Input = LiveInputPixels;
const input = (page: Page) =>
  page.evaluate(() =>
    (window as { __laudnetLiveInput?: () => Input | null }).__laudnetLiveInput?.(),
  );

test('every JPEG layout gives the exporter’s network input, byte for byte', async ({
  studio,
  page,
}) => {
  await studio.open();
  await studio.openView('masks');
  await pickFile(page, 'mask-open-model', MODEL);
  await expect(page.getByTestId('live-model-name')).toHaveText('live: tiny-mixed.onnx', {
    timeout: MODEL_TIMEOUT,
  });
  // The first image run makes the model "quick": from then on the views show the live decode.
  await pickFile(page, 'mask-open-image', join(dir, 'yuv420.jpg'));
  await expect
    .poll(async () => (await status(page))?.timing?.totalMs ?? null, { timeout: MODEL_TIMEOUT })
    .not.toBeNull();

  for (const file of FILES) {
    const want = expected[file];
    expect(want?.cropSha256, `${file} in expected.json`).toBeTruthy();
    const before = (await status(page))?.timing?.totalMs;
    await pickFile(page, 'mask-open-image', join(dir, file));
    await expect
      .poll(
        async () => {
          const s = await status(page);
          return s?.image === file && s.timing?.totalMs !== before;
        },
        { timeout: MODEL_TIMEOUT },
      )
      .toBe(true);
    const s = await status(page);
    expect(s?.timing?.sharedDecode, `${file}: the views show the live decode`).toBe(true);
    expect(s?.timing?.decoder, `${file}: decoded by ImageDecoder`).toBe('image-decoder');
    const shown = await input(page);
    expect(shown?.image).toBe(file);
    expect(shown?.side).toBe(224);
    const crop = Uint8Array.from(shown?.rgb ?? []);
    expect(crop.length).toBe(224 * 224 * 3);
    expect(createHash('sha256').update(crop).digest('hex'), `${file}: the crop`).toBe(
      want?.cropSha256,
    );
    // Pillow's size: the stored one, never the EXIF-rotated one.
    expect([shown?.origWidth, shown?.origHeight]).toEqual([want?.width, want?.height]);
    const original = shown?.original;
    expect(original).not.toBeNull();
    expect(original!.width > original!.height).toBe(want!.width > want!.height);
  }
  expect(studio.consoleErrors).toEqual([]);
});
