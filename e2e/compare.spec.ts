import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, serializeConfig } from '../core/config';
import { artifactsDir, test, expect } from './support/studio';

/** Pins ≥ 3 configurations (one at 800×1333, one from a file), checks the exports, takes screenshots. */
test('compare: pinned configurations side by side at mixed input sizes, exported', async ({
  studio,
  page,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await studio.open();

  // Input size: the detection preset gives the stage maps by conv arithmetic, partial patches labelled.
  await studio.tuner.model.selectOption('resnet101');
  await studio.waitForPrediction();
  const compareTab = page.getByRole('tab', { name: 'Compare' });
  await compareTab.click();
  await expect(page.getByTestId('compare-empty')).toBeVisible();
  await page.getByRole('button', { name: 'Pin current configuration' }).click();

  await page.getByTestId('input-size-select').selectOption('800x1333');
  await studio.waitForPrediction();
  await expect(page.getByTestId('input-size-maps')).toContainText(
    '200×334 · 100×167 · 50×84 · 25×42',
  );
  await expect(page.getByTestId('input-size-note')).toContainText('224×224');
  await expect(page.getByTestId('stage-1-partial')).toContainText(
    'partial border patches on the width (334 = 83·4 + 2)',
  );
  await studio.screenshot('compare-input-size-tuner');
  await page.getByRole('button', { name: 'Pin current configuration' }).click();

  // A custom size: height × width.
  await page.getByTestId('input-size-select').selectOption('custom');
  await page.getByTestId('input-height').fill('10');
  await page.getByTestId('input-size-apply').click();
  await expect(page.getByTestId('input-size-error')).toContainText('height: 10 is outside');
  await page.getByTestId('input-height').fill('512');
  await page.getByTestId('input-width').fill('1024');
  await page.getByTestId('input-size-apply').click();
  await studio.waitForPrediction();
  await expect(page.getByTestId('input-size-maps')).toContainText(
    '128×256 · 64×128 · 32×64 · 16×32',
  );

  // A saved configuration file: RegNetY-800MF, layer skipping, on a Jetson TX2.
  const file = defaultConfig('regnety008', 'tx2');
  file.name = 'RegNet channel (file)';
  file.stages = file.stages.map((s) => ({ ...s, mode: 'channel' }));
  const filePath = join(artifactsDir, 'compare-pin.laudnet.json');
  writeFileSync(filePath, serializeConfig(file));
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Pin configuration file…' }).click(),
  ]);
  await chooser.setFiles(filePath);

  const pins = page.getByTestId('compare-pin');
  await expect(pins).toHaveCount(3);
  const summary = page.getByTestId('compare-summary');
  await expect(summary).toContainText('800×1333');
  await expect(summary).toContainText('224×224');
  await expect(summary).toContainText('RegNetY-800MF');
  await expect(page.getByTestId('compare-size-note')).toBeVisible();
  await expect(page.getByTestId('compare-blocks')).toContainText('stage3/22');
  await expect(page.locator('.compare-view svg.recharts-surface')).toHaveCount(2);
  await expect(page.locator('.compare-view .recharts-line')).toHaveCount(3);

  // Exports: Markdown, CSV, PNG and SVG.
  const save = async (name: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name }).first().click(),
    ]);
    return readFileSync(await download.path());
  };
  const md = (await save('Export Markdown')).toString('utf8');
  expect(md).toContain('# Configuration comparison');
  expect(md).toMatch(/\| input size \(H×W\) \| 224×224 \| 800×1333 \| 224×224 \|/);
  expect(md).toContain('## Per-block settings and latency (ms/image)');
  writeFileSync(join(artifactsDir, 'comparison.md'), md);
  const csv = (await save('Export CSV')).toString('utf8').trim().split('\n');
  expect(csv[0]).toBe('configuration,quantity,key,value,unit');
  expect(csv.some((l) => /,input_size,,800×1333,/.test(l))).toBe(true);
  expect(csv.filter((l) => l.includes(',latency_on_preset,')).length).toBeGreaterThanOrEqual(15);
  const png = await save('Export Latency vs uniform rate as PNG');
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  writeFileSync(join(artifactsDir, 'compare-curves-export.png'), png);
  const svg = (await save('Export Latency on every hardware preset as SVG')).toString('utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('Latency (ms/image, log)');

  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  const view = page.getByTestId('compare-view');
  const scrollTo = (where: 'start' | 'end') =>
    view.evaluate((el, block) => el.scrollIntoView({ block }), where);
  await scrollTo('start');
  await studio.screenshot('compare-1440x900');
  await page.getByTestId('compare-blocks').scrollIntoViewIfNeeded();
  await studio.screenshot('compare-1440x900-blocks');
  await page.setViewportSize({ width: 1024, height: 700 });
  await scrollTo('start');
  await studio.screenshot('compare-1024x700');
  await page
    .getByText('Latency on every hardware preset', { exact: true })
    .scrollIntoViewIfNeeded();
  await studio.screenshot('compare-1024x700-hardware');
  expect(studio.consoleErrors).toEqual([]);
});
