import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/studio';
import { unzip } from './support/zip';

/** Playwright runs from the repository root (playwright.config.ts). */
const root = process.cwd();
const fixtures = join(root, 'e2e', 'fixtures');
const DUMP = join(fixtures, 'resnet50-spatial.laudmask.npz');

/** Reads a uint8 .npy member (header parsed here, independently of the app's reader). */
function npyUint8(bytes: Uint8Array): { shape: number[]; data: Uint8Array } {
  const major = bytes[6];
  const headerLength =
    major === 1
      ? bytes[8]! | (bytes[9]! << 8)
      : new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  expect(header).toContain("'descr': '|u1'");
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  return { shape, data: bytes.subarray(start + headerLength) };
}

interface Manifest {
  model: { dyn_mode: string[]; mask_spatial_granularity: number[] };
  blocks: { key: string }[];
}

function readDump(path: string) {
  const members = unzip(readFileSync(path));
  const manifest = JSON.parse(new TextDecoder().decode(members['manifest.json'])) as Manifest;
  const rate = (key: string) => {
    const member = members[`${key}/spatial.npy`];
    if (!member) throw new Error(`no ${key}/spatial.npy`);
    const { data } = npyUint8(member);
    let kept = 0;
    for (const v of data) kept += v ? 1 : 0;
    return kept / data.length;
  };
  return { manifest, rate };
}

async function pickFile(
  page: Page,
  buttonTestId: string,
  file: string | { name: string; mimeType: string; buffer: Buffer },
) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(buttonTestId).click();
  await (await chooser).setFiles(file);
}

test.describe('masks over images', () => {
  test('acceptance 1: stage 1 spatial, S = 4 at rate 0.5 keeps 98 of 14×14 cells; S = 8 gives 7×7', async ({
    studio,
  }) => {
    await studio.open();
    await studio.masks.open();
    await studio.masks.sample.selectOption('giraffe');
    await expect(studio.masks.overlay).toHaveAttribute('aria-label', /stage1\//);
    await expect(studio.masks.source).toContainText(
      'Proxy from image saliency — not a trained LAUDNet',
    );

    await studio.tuner.stage(1).mode.selectOption('spatial');
    await studio.tuner.stage(1).granularity.selectOption('4');
    await studio.tuner.stage(1).rateNumber.fill('0.5');
    await expect(studio.masks.gridSize).toHaveAttribute('data-rows', '14');
    await expect(studio.masks.gridSize).toHaveAttribute('data-cols', '14');
    await expect(studio.masks.keptCount).toHaveText('kept 98 of 196 cells (50.0%)');
    await studio.screenshot('masks-2d-s4');

    await studio.tuner.stage(1).granularity.selectOption('8');
    await expect(studio.masks.gridSize).toHaveAttribute('data-rows', '7');
    // The predictor's rounding: ⌈(0.5·7)·7⌉ = ⌈24.5⌉ = 25.
    const expectedKept = Math.ceil(0.5 * 7 * 7);
    await expect(studio.masks.keptCount).toHaveAttribute('data-kept', String(expectedKept));
    await expect(studio.masks.keptCount).toHaveText(`kept ${expectedKept} of 49 cells (51.0%)`);
    // Every stage-1 tile of the filmstrip follows.
    for (const b of [0, 1, 2])
      await expect(studio.masks.tileRate(`stage1/${b}`)).toHaveText('51.0%');
    expect(studio.consoleErrors).toEqual([]);
  });

  test('acceptance 2: a real dump shows the rates of its arrays and its configuration', async ({
    studio,
    page,
  }) => {
    const { manifest, rate } = readDump(DUMP);
    await studio.open();
    await studio.masks.open();
    await pickFile(page, 'mask-open-dump', DUMP);
    await expect(studio.masks.source).toContainText(
      'Real masks from resnet50-spatial.laudmask.npz (ResNet-50,',
    );
    for (const { key } of manifest.blocks) {
      const expected = rate(key);
      const tile = studio.masks.tileRate(key);
      await expect(tile).toHaveText(`${(expected * 100).toFixed(1)}%`);
      expect(Number(await tile.getAttribute('data-rate'))).toBeCloseTo(expected, 12);
    }
    const appMode: Record<string, string> = {
      spatial: 'spatial',
      channel: 'channel',
      layer: 'layer',
      both: 'spatial+channel',
    };
    for (const [i, mode] of manifest.model.dyn_mode.entries()) {
      await expect(studio.tuner.stage(i + 1).mode).toHaveValue(appMode[mode]!);
      if (mode === 'spatial' || mode === 'both') {
        await expect(studio.tuner.stage(i + 1).granularity).toHaveValue(
          String(manifest.model.mask_spatial_granularity[i]),
        );
      }
    }
    await expect(studio.summary.headerModel).toContainText('ResNet-50');
    await studio.masks.tile('stage2/1').click();
    await expect(studio.masks.overlay).toHaveAttribute('data-block', 'stage2/1');
    await studio.screenshot('masks-2d-dump');
    expect(studio.consoleErrors).toEqual([]);
  });

  test('acceptance 5: the 3D view renders, in sync with the 2D selection', async ({
    studio,
    page,
  }) => {
    await studio.open();
    await studio.masks.open();
    await studio.masks.tile('stage2/1').click();
    // A tall window shows the whole 2D view (overlay, original, ponder map, filmstrip) in one picture.
    await page.setViewportSize({ width: 1280, height: 1400 });
    await studio.masks.scrollToTop();
    await studio.screenshot('masks-2d');
    await page.setViewportSize({ width: 1280, height: 800 });
    await studio.openView('space');
    await expect(studio.space.selected).toHaveAttribute('data-block', 'stage2/1');
    const canvas = studio.space.canvas;
    await expect(canvas).toBeVisible();
    // Let the scene render (in a worker where the browser can), then read the WebGL drawing buffer back.
    await studio.space.waitForScene();
    const stats = await studio.space.pixelStats();
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.differing / stats.pixels).toBeGreaterThan(0.05);
    await studio.screenshot('masks-3d');
    expect(studio.consoleErrors).toEqual([]);
  });

  test('a mixed-mode dump shows channel strips, layer gates, and slabs and translucent blocks in 3D', async ({
    studio,
    page,
  }) => {
    await studio.open();
    await studio.masks.open();
    await pickFile(page, 'mask-open-dump', join(fixtures, 'resnet50-mixed.laudmask.npz'));
    await expect(studio.masks.source).toContainText(
      'Real masks from resnet50-mixed.laudmask.npz (ResNet-50, checkpoint)',
    );
    await expect(studio.tuner.stage(2).mode).toHaveValue('spatial+channel');
    await expect(studio.tuner.stage(4).mode).toHaveValue('layer');
    // Stage 2 (spatial + channel) and stage 3 (channel): 4 + 6 strips; stage 4 (layer): 3 gates.
    await expect(studio.masks.channelStrips).toHaveCount(10);
    await expect(studio.masks.layerGates).toHaveCount(3);
    await page.setViewportSize({ width: 1280, height: 1600 });
    await studio.masks.scrollToTop();
    await studio.screenshot('masks-2d-mixed');
    await page.setViewportSize({ width: 1280, height: 800 });
    await studio.openView('space');
    await expect(studio.space.canvas).toBeVisible();
    await studio.space.waitForScene();
    await studio.screenshot('masks-3d-mixed');
    expect(studio.consoleErrors).toEqual([]);
  });

  test('bad files get their specific message and leave what was open intact', async ({
    studio,
    page,
  }) => {
    await studio.open();
    await studio.masks.open();
    await pickFile(page, 'mask-open-dump', DUMP);
    await expect(studio.masks.source).toHaveAttribute('data-source', 'dump');
    const keptBefore = await studio.masks.keptCount.textContent();
    const modelBefore = await studio.summary.headerModel.textContent();

    const cases: {
      file: string | { name: string; mimeType: string; buffer: Buffer };
      button: string;
      message: RegExp;
    }[] = [
      {
        file: join(fixtures, 'bad', 'not-a-zip.laudmask.npz'),
        button: 'mask-open-dump',
        message: /not-a-zip\.laudmask\.npz could not be opened: This is not a mask dump/,
      },
      {
        file: join(fixtures, 'bad', 'truncated.laudmask.npz'),
        button: 'mask-open-dump',
        message: /truncated or corrupt/,
      },
      {
        file: join(fixtures, 'bad', 'wrong-dtype.laudmask.npz'),
        button: 'mask-open-dump',
        message: /stage1\/0\/spatial has dtype float32; it must be uint8/,
      },
      {
        file: join(fixtures, 'bad', 'wrong-shape.laudmask.npz'),
        button: 'mask-open-dump',
        message: /has shape \[1, 7, 7\]; ResNet-50, stage 1, S = 4 needs \[1, 14, 14\]/,
      },
      {
        file: join(fixtures, 'bad', 'other-arch.laudmask.npz'),
        button: 'mask-open-dump',
        message: /lists 33 blocks .* ResNet-50 has 16/,
      },
      {
        file: {
          name: 'notes.png',
          mimeType: 'image/png',
          buffer: Buffer.from('these are notes, not pixels'),
        },
        button: 'mask-open-image',
        message: /notes\.png could not be opened: This file is not an image/,
      },
      {
        // A PNG header that claims 10000×5000 pixels: refused before any decoding.
        file: { name: 'huge.png', mimeType: 'image/png', buffer: pngHeader(10_000, 5_000) },
        button: 'mask-open-image',
        message: /huge\.png could not be opened: The image is 50\.0 megapixels/,
      },
    ];
    for (const c of cases) {
      await pickFile(page, c.button, c.file);
      const notice = studio.errors.filter({ hasText: c.message });
      await expect(notice).toBeVisible();
      await expect(studio.masks.source).toHaveAttribute('data-source', 'dump');
      await expect(studio.masks.keptCount).toHaveText(keptBefore ?? '');
      await expect(studio.summary.headerModel).toHaveText(modelBefore ?? '');
      await notice.getByRole('button', { name: 'Dismiss' }).click();
    }
    await studio.screenshot('masks-bad-file');
  });

  test('an image dropped on the view opens it', async ({ studio, page }) => {
    await studio.open();
    await studio.masks.open();
    const bytes = [...readFileSync(join(root, 'assets', 'samples', 'horses.jpg'))];
    const dataTransfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'dropped-horses.jpg', { type: 'image/jpeg' }));
      return dt;
    }, bytes);
    await studio.masks.root.dispatchEvent('drop', { dataTransfer });
    await expect(studio.masks.overlayTitle).toContainText('dropped-horses.jpg');
    await expect(studio.masks.cropBox).toBeVisible();
  });
});

/** The first bytes of a PNG (signature + IHDR) declaring `width × height`. */
function pngHeader(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'ascii');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes[24] = 8;
  bytes[25] = 2;
  return bytes;
}
