import { readFileSync } from 'node:fs';
import { test, expect } from './support/studio';

test('export JSON and flags, re-open the JSON, reject a corrupt file', async ({
  studio,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await studio.open();
  await studio.tuner.model.selectOption('regnety004');
  await studio.tuner.stage(2).mode.selectOption('channel');
  await studio.tuner.globalRateNumber.fill('0.35');
  await studio.waitForPrediction();
  const latencyBefore = await studio.summary.batchLatency.getAttribute('data-exact');

  // Export the configuration (a download in the web build).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    studio.tuner.exportConfig.click(),
  ]);
  const exportedPath = await download.path();
  const exported = readFileSync(exportedPath, 'utf8');
  const doc = JSON.parse(exported) as {
    format: string;
    version: number;
    model: { id: string };
    targetRate: number;
  };
  expect(doc.format).toBe('laudnet-studio-config');
  expect(doc.version).toBe(1);
  expect(doc.model.id).toBe('regnety004');
  expect(doc.targetRate).toBe(0.35);

  // Training flags: what is shown is what lands on the clipboard.
  const shownFlags = (await studio.tuner.trainingFlags.textContent())!;
  expect(shownFlags).toContain('--arch lad_regnet_y_400mf');
  expect(shownFlags).toContain('--dyn_mode spatial-channel-spatial-spatial');
  await studio.tuner.copyFlags.click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shownFlags);

  // Change everything, then re-open the exported file: the configuration comes back identical.
  await studio.tuner.model.selectOption('resnet101');
  await studio.tuner.hardware.selectOption('nano');
  await studio.waitForPrediction();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    studio.tuner.openConfig.click(),
  ]);
  await chooser.setFiles(exportedPath);
  await expect(studio.tuner.model).toHaveValue('regnety004');
  await expect(studio.summary.batchLatency).toHaveAttribute('data-exact', latencyBefore!);
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    studio.tuner.exportConfig.click(),
  ]);
  expect(readFileSync(await again.path(), 'utf8')).toBe(exported);

  // A corrupt file: a visible, specific error; the configuration is untouched.
  const [chooser2] = await Promise.all([
    page.waitForEvent('filechooser'),
    studio.tuner.openConfig.click(),
  ]);
  await chooser2.setFiles({
    name: 'broken.laudnet.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "laudnet-studio-config", "version": 1, "model": '),
  });
  await expect(studio.errors).toContainText('broken.laudnet.json could not be opened');
  await expect(studio.errors).toContainText('unchanged');
  await expect(studio.tuner.model).toHaveValue('regnety004');
  await expect(studio.summary.batchLatency).toHaveAttribute('data-exact', latencyBefore!);

  // A well-formed file with a semantic error names the field.
  const bad = JSON.parse(exported) as { stages: { spatialGranularity: number }[] };
  bad.stages[0]!.spatialGranularity = 5;
  const [chooser3] = await Promise.all([
    page.waitForEvent('filechooser'),
    studio.tuner.openConfig.click(),
  ]);
  await chooser3.setFiles({
    name: 'bad-s.laudnet.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(studio.errors.last()).toContainText('stages[0].spatialGranularity');
  await expect(studio.tuner.model).toHaveValue('regnety004');
});

test('undo, redo, and the session survives a reload', async ({ studio, page }) => {
  await studio.open();
  await studio.tuner.model.selectOption('resnet101');
  await studio.tuner.hardware.selectOption('3090');
  await studio.waitForPrediction();
  await page.keyboard.press('Control+z');
  await expect(studio.tuner.hardware).toHaveValue('v100');
  await page.keyboard.press('Control+z');
  await expect(studio.tuner.model).toHaveValue('resnet50');
  await page.keyboard.press('Control+Shift+z');
  await expect(studio.tuner.model).toHaveValue('resnet101');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(studio.tuner.hardware).toHaveValue('3090');
  await studio.tuner.stage(3).granularity.selectOption('7');
  await studio.tuner.globalRateNumber.fill('0.42');
  await studio.waitForPrediction();
  const latency = await studio.summary.batchLatency.getAttribute('data-exact');

  // Autosave is debounced; the page flushes it when hidden, and reload hides it.
  await page.waitForTimeout(600);
  await page.reload();
  await studio.waitForPrediction();
  await expect(studio.tuner.model).toHaveValue('resnet101');
  await expect(studio.tuner.hardware).toHaveValue('3090');
  await expect(studio.tuner.stage(3).granularity).toHaveValue('7');
  await expect(studio.tuner.globalRateNumber).toHaveValue('0.42');
  await expect(studio.summary.batchLatency).toHaveAttribute('data-exact', latency!);
  expect(studio.consoleErrors).toEqual([]);
});
