import { readFileSync } from 'node:fs';
import { test, expect } from './support/studio';

test('export JSON and flags, re-open the JSON, reject a corrupt file', async ({ studio, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await studio.open();
  await page.getByTestId('model-select').selectOption('regnety004');
  await page.getByTestId('stage-2-mode').selectOption('channel');
  await page.getByTestId('global-rate-number').fill('0.35');
  await studio.waitForPrediction();
  const latencyBefore = await page.getByTestId('summary-batch-latency').getAttribute('data-exact');

  // Export the configuration (a download in the web build).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-config').click()]);
  const exportedPath = await download.path();
  const exported = readFileSync(exportedPath, 'utf8');
  const doc = JSON.parse(exported) as { format: string; version: number; model: { id: string }; targetRate: number };
  expect(doc.format).toBe('laudnet-studio-config');
  expect(doc.version).toBe(1);
  expect(doc.model.id).toBe('regnety004');
  expect(doc.targetRate).toBe(0.35);

  // Training flags: what is shown is what lands on the clipboard.
  const shownFlags = (await page.getByTestId('training-flags').textContent())!;
  expect(shownFlags).toContain('--arch lad_regnet_y_400mf');
  expect(shownFlags).toContain('--dyn_mode spatial-channel-spatial-spatial');
  await page.getByTestId('copy-flags').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shownFlags);

  // Change everything, then re-open the exported file: the configuration comes back identical.
  await page.getByTestId('model-select').selectOption('resnet101');
  await page.getByTestId('hardware-select').selectOption('nano');
  await studio.waitForPrediction();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-config').click()]);
  await chooser.setFiles(exportedPath);
  await expect(page.getByTestId('model-select')).toHaveValue('regnety004');
  await expect(page.getByTestId('summary-batch-latency')).toHaveAttribute('data-exact', latencyBefore!);
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-config').click()]);
  expect(readFileSync(await again.path(), 'utf8')).toBe(exported);

  // A corrupt file: a visible, specific error; the configuration is untouched.
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-config').click()]);
  await chooser2.setFiles({
    name: 'broken.laudnet.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "laudnet-studio-config", "version": 1, "model": '),
  });
  await expect(page.getByTestId('notice-error')).toContainText('broken.laudnet.json could not be opened');
  await expect(page.getByTestId('notice-error')).toContainText('unchanged');
  await expect(page.getByTestId('model-select')).toHaveValue('regnety004');
  await expect(page.getByTestId('summary-batch-latency')).toHaveAttribute('data-exact', latencyBefore!);

  // A well-formed file with a semantic error names the field.
  const bad = JSON.parse(exported) as { stages: { spatialGranularity: number }[] };
  bad.stages[0]!.spatialGranularity = 5;
  const [chooser3] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-config').click()]);
  await chooser3.setFiles({ name: 'bad-s.laudnet.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByTestId('notice-error').last()).toContainText('stages[0].spatialGranularity');
  await expect(page.getByTestId('model-select')).toHaveValue('regnety004');
});

test('undo, redo, and the session survives a reload', async ({ studio, page }) => {
  await studio.open();
  await page.getByTestId('model-select').selectOption('resnet101');
  await page.getByTestId('hardware-select').selectOption('3090');
  await studio.waitForPrediction();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('hardware-select')).toHaveValue('v100');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('model-select')).toHaveValue('resnet50');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('model-select')).toHaveValue('resnet101');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByTestId('hardware-select')).toHaveValue('3090');
  await page.getByTestId('stage-3-granularity').selectOption('7');
  await page.getByTestId('global-rate-number').fill('0.42');
  await studio.waitForPrediction();
  const latency = await page.getByTestId('summary-batch-latency').getAttribute('data-exact');

  // Autosave is debounced; the page flushes it when hidden, and reload hides it.
  await page.waitForTimeout(600);
  await page.reload();
  await studio.waitForPrediction();
  await expect(page.getByTestId('model-select')).toHaveValue('resnet101');
  await expect(page.getByTestId('hardware-select')).toHaveValue('3090');
  await expect(page.getByTestId('stage-3-granularity')).toHaveValue('7');
  await expect(page.getByTestId('global-rate-number')).toHaveValue('0.42');
  await expect(page.getByTestId('summary-batch-latency')).toHaveAttribute('data-exact', latency!);
  expect(studio.consoleErrors).toEqual([]);
});
