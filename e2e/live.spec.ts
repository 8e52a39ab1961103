import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/studio';
import { unzip } from './support/zip';
import { artifactsDir } from './support/studio';
import { metadataOf, withMetadata } from '../tests/core/live/onnxBytes';

/** Compiling onnxruntime's 14 MB wasm and creating a session takes seconds on a loaded CI machine. */
const MODEL_TIMEOUT = 90_000;
test.setTimeout(240_000);

/** Playwright runs from the repository root (playwright.config.ts). */
const root = process.cwd();
const onnxDir = join(root, 'tests', 'fixtures', 'onnx');
const MODEL = join(onnxDir, 'tiny-mixed.onnx');
const MODEL_DUMP = join(onnxDir, 'tiny-mixed.laudmask.npz');
const IMAGE = join(onnxDir, 'image.png');
const SAMPLE = join(root, 'assets', 'samples', 'horses.jpg');

/** The values of a uint8 or bool .npy member (header parsed here, independently of the app). */
function npyBytes(bytes: Uint8Array): number[] {
  const major = bytes[6];
  const headerLength =
    major === 1
      ? bytes[8]! | (bytes[9]! << 8)
      : new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  expect(header).toMatch(/'descr': '(\|u1|\|b1)'/);
  return Array.from(bytes.subarray(start + headerLength));
}

/** The Python exporter's masks: member name (without .npy) → values, for the mask kinds. */
function dumpMasks(path: string): Record<string, number[]> {
  const members = unzip(readFileSync(path));
  const out: Record<string, number[]> = {};
  for (const [name, bytes] of Object.entries(members)) {
    const m = /^(stage\d+\/\d+\/(spatial|conv1|conv2|channel))\.npy$/.exec(name);
    if (m?.[1]) out[m[1]] = npyBytes(bytes);
  }
  return out;
}

async function pickFile(page: Page, buttonTestId: string, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(buttonTestId).click();
  await (await chooser).setFiles(file);
}

/** The live masks the app shows, read back through its test hook. */
function liveMasks(page: Page) {
  return page.evaluate(() => {
    type Shown = { image: string; masks: Record<string, number[]> };
    const hook = (window as { __laudnetLiveMasks?: () => Shown | null }).__laudnetLiveMasks;
    return hook ? hook() : null;
  });
}

/** The live worker's timing of the shown masks (null before any). */
function liveTiming(page: Page) {
  return page.evaluate(
    () =>
      (
        window as unknown as {
          __laudnetLiveStatus: () => {
            timing: { sharedDecode: boolean; totalMs: number } | null;
          };
        }
      ).__laudnetLiveStatus().timing,
  );
}

/** Every mask the Python exporter wrote for the fixture image equals the shown one, cell for cell. */
function expectPythonMasks(shown: Record<string, number[]> | undefined) {
  const expected = dumpMasks(MODEL_DUMP);
  expect(shown).toBeDefined();
  const names = Object.keys(expected);
  // Every mask kind the exporter wrote: 16 blocks, decision grids, conv masks, channel groups.
  expect(names.filter((n) => n.endsWith('/spatial')).length).toBeGreaterThanOrEqual(12);
  expect(names.some((n) => n.endsWith('/channel'))).toBe(true);
  let cells = 0;
  let kept = 0;
  for (const name of names) {
    const want = expected[name]!;
    const got = shown?.[name];
    expect(got, name).toBeDefined();
    expect(got!.length, name).toBe(want.length);
    const differing = want.filter((v, i) => (v ? 1 : 0) !== got![i]).length;
    expect(differing, `${name}: cells that differ from the Python dump`).toBe(0);
    cells += want.length;
    kept += want.filter(Boolean).length;
  }
  // Mixed masks: a comparison of all-ones against all-ones would prove nothing.
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(cells);
}

test.describe('live masks from an ONNX model', () => {
  test.beforeEach(async ({ studio }) => {
    await studio.open();
    await studio.openView('masks');
  });

  test('the test ONNX on the fixture image gives the Python dump, cell for cell', async ({
    studio,
    page,
  }) => {
    await pickFile(page, 'mask-open-model', MODEL);
    await expect(page.getByTestId('live-model-name')).toHaveText('live: tiny-mixed.onnx', {
      timeout: MODEL_TIMEOUT,
    });
    await pickFile(page, 'mask-open-image', IMAGE);
    await expect(studio.masks.overlayTitle).toContainText('image.png');
    await expect(page.getByTestId('live-timing')).toContainText('ms per image', {
      timeout: MODEL_TIMEOUT,
    });
    await expect(studio.masks.source).toHaveAttribute('data-source', 'live');
    await expect(studio.masks.source).toContainText('live: tiny-mixed.onnx');

    await expect
      .poll(async () => (await liveMasks(page))?.image, { timeout: MODEL_TIMEOUT })
      .toBe('image.png');
    expectPythonMasks((await liveMasks(page))?.masks);

    // Opened again, the model is warm and quick: the mask views show the live worker's decode (its
    // Pillow-exact crop) with the masks, without decoding the image a second time. Same masks.
    const first = await liveTiming(page);
    await pickFile(page, 'mask-open-image', IMAGE);
    await expect
      .poll(async () => (await liveTiming(page))?.totalMs, { timeout: MODEL_TIMEOUT })
      .not.toBe(first?.totalMs);
    expect((await liveTiming(page))?.sharedDecode).toBe(true);
    expect((await liveMasks(page))?.image).toBe('image.png');
    expectPythonMasks((await liveMasks(page))?.masks);

    expect(studio.consoleErrors).toEqual([]);
  });

  test('a dropped sample photo gets live masks; an offset changes a kept count and the latency', async ({
    studio,
    page,
  }) => {
    await pickFile(page, 'mask-open-model', MODEL);
    await expect(page.getByTestId('live-model-name')).toBeVisible({ timeout: MODEL_TIMEOUT });
    const data = readFileSync(SAMPLE).toString('base64');
    const transfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'horses.jpg', { type: 'image/jpeg' }));
      return dt;
    }, data);
    await studio.masks.root.dispatchEvent('drop', { dataTransfer: transfer });
    await expect(studio.masks.overlayTitle).toContainText('horses.jpg');
    await expect(page.getByTestId('live-timing')).toContainText('ms per image', {
      timeout: MODEL_TIMEOUT,
    });
    await expect(studio.masks.source).toHaveAttribute('data-source', 'live');
    await expect(studio.masks.source).toContainText('live: tiny-mixed.onnx');
    await expect(studio.masks.overlay).toBeVisible();
    await studio.waitForPrediction();

    // Pick a block whose cells are not all decided one way, then raise its offset.
    await page.getByTestId('live-offset-block-select').selectOption('stage2/1');
    const before = Number(await studio.masks.keptCount.getAttribute('data-kept'));
    const total = Number(await studio.masks.keptCount.getAttribute('data-total'));
    const latencyBefore = await studio.summary.msPerImage.textContent();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: join(artifactsDir, 'live-1440x900.png') });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: join(artifactsDir, 'live-1024x700.png') });

    const offset = before > 0 ? '3' : '-3';
    await page.getByTestId('live-offset-block-number').fill(offset);
    await expect(studio.masks.keptCount).not.toHaveAttribute('data-kept', String(before));
    const after = Number(await studio.masks.keptCount.getAttribute('data-kept'));
    expect(after).toBeGreaterThanOrEqual(0);
    expect(after).toBeLessThanOrEqual(total);
    if (before > 0) expect(after).toBeLessThan(before);
    else expect(after).toBeGreaterThan(before);
    await studio.waitForPrediction();
    await expect(studio.summary.msPerImage).not.toHaveText(latencyBefore ?? '');
    // The offset is part of the configuration: undo brings the model's own decisions back.
    await page.keyboard.press('Control+z');
    await expect(studio.masks.keptCount).toHaveAttribute('data-kept', String(before));
    expect(studio.consoleErrors).toEqual([]);
  });

  test('bad models are refused with a message; the open model and its masks stay', async ({
    studio,
    page,
  }) => {
    await pickFile(page, 'mask-open-model', MODEL);
    await expect(page.getByTestId('live-timing')).toContainText('ms per image', {
      timeout: MODEL_TIMEOUT,
    });
    await expect(studio.masks.source).toHaveAttribute('data-source', 'live');
    const model = readFileSync(MODEL);
    const meta = metadataOf(model) as { input: { size: number; shape: number[] } };
    meta.input.size = 320;
    meta.input.shape = [1, 3, 320, 320];
    const cases: { name: string; buffer: Buffer; says: string }[] = [
      { name: 'photo.onnx', buffer: readFileSync(IMAGE), says: 'not an ONNX model' },
      {
        name: 'plain.onnx',
        buffer: Buffer.from(withMetadata(model, {})),
        says: 'no LAUDNet metadata (key "laudnet")',
      },
      {
        name: 'other-size.onnx',
        buffer: Buffer.from(withMetadata(model, { laudnet: JSON.stringify(meta) })),
        says: '320',
      },
    ];
    for (const c of cases) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('mask-open-model').click();
      await (
        await chooser
      ).setFiles({ name: c.name, mimeType: 'application/octet-stream', buffer: c.buffer });
      const notice = studio.errors.filter({ hasText: c.name });
      await expect(notice).toContainText(`${c.name} could not be opened as a live model`);
      await expect(notice).toContainText(c.says);
      // Nothing open is lost: the model, its label and its masks stay.
      await expect(page.getByTestId('live-model-name')).toHaveText('live: tiny-mixed.onnx');
      await expect(studio.masks.source).toHaveAttribute('data-source', 'live');
      if (c === cases[cases.length - 1]) break;
      await notice.getByRole('button', { name: 'Dismiss' }).click();
    }
    await page.screenshot({ path: join(artifactsDir, 'live-bad-model.png') });
  });

  test('a batch over a folder of images opens its set statistics in the set view', async ({
    studio,
    page,
  }) => {
    const folder = mkdtempSync(join(tmpdir(), 'live-batch-'));
    mkdirSync(join(folder, 'photos'));
    copyFileSync(IMAGE, join(folder, 'photos', 'a.png'));
    copyFileSync(SAMPLE, join(folder, 'photos', 'b.jpg'));
    writeFileSync(join(folder, 'photos', 'notes.txt'), 'not an image');
    try {
      await pickFile(page, 'mask-open-model', MODEL);
      await expect(page.getByTestId('live-model-name')).toBeVisible({ timeout: MODEL_TIMEOUT });
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('live-batch-run').click();
      await (await chooser).setFiles(join(folder, 'photos'));
      const summary = page.getByTestId('set-summary');
      await expect(summary).toContainText('2 images', { timeout: MODEL_TIMEOUT });
      await expect(summary).toContainText('live: tiny-mixed.onnx');
      await expect(page.getByTestId('set-view')).toBeVisible();
      await page.screenshot({ path: join(artifactsDir, 'live-batch-set.png') });
      expect(studio.consoleErrors).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
