/**
 * Issue 17 acceptance 3: import a measurement CSV in the calibration dialog, see the predicted-vs-measured
 * scatter and the error table, save the fit as a hardware preset, select it, and see the header latency
 * change. Screenshots of the dialog at 1440×900 and 1024×700 go to e2e/artifacts.
 */
import { join } from 'node:path';
import { test, expect } from './support/studio';

const fixtures = join(process.cwd(), 'e2e', 'fixtures', 'calibration');

test.describe('calibration', () => {
  test('import, inspect, save as preset, select it: the header latency follows', async ({
    studio,
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await studio.open();
    const summary = page.getByTestId('summary-ms-per-image');
    const before = await summary.textContent();

    await page.getByTestId('open-calibration').click();
    const dialog = page.getByTestId('calibration-dialog');
    await expect(dialog).toBeVisible();
    await page
      .getByTestId('calibration-file')
      .setInputFiles(join(fixtures, 'synthetic-v100-perturbed.csv'));
    await expect(page.getByTestId('calibration-table')).toBeVisible({ timeout: 150_000 });

    // 96 measurements, one dot each; the axes say what they show.
    const scatter = page.getByTestId('calibration-scatter');
    await expect(scatter.locator('.recharts-scatter-symbol')).toHaveCount(96);
    await expect(scatter).toContainText('Measured latency (ms per batch)');
    await expect(scatter).toContainText('conv 1×1');
    const table = page.getByTestId('calibration-table');
    for (const family of [
      'conv 3×3',
      'static_block',
      'gather',
      'dynamic_conv patches',
      'scatter_add',
    ])
      await expect(table).toContainText(family);
    const heldOut = await page.getByTestId('calibration-heldout').locator('td').allTextContents();
    // Start preset vs fitted median error on the held-out rows: the fit must have improved them.
    const startMedian = parseFloat(heldOut[2]!);
    const fittedMedian = parseFloat(heldOut[5]!);
    expect(fittedMedian).toBeLessThan(3);
    expect(startMedian).toBeGreaterThan(10);
    await studio.screenshot('calibration-dialog-1440x900');
    await page.setViewportSize({ width: 1024, height: 700 });
    await studio.screenshot('calibration-dialog-1024x700');
    await dialog.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await studio.screenshot('calibration-dialog-bottom-1024x700');
    await page.getByRole('button', { name: 'Start preset' }).click();
    await expect(page.getByRole('button', { name: 'Start preset' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByTestId('calibration-name').fill('Lab V100');
    await page.getByTestId('calibration-save').click();
    await expect(dialog).toBeHidden();
    const select = page.getByTestId('hardware-select');
    await expect(select).toHaveValue(/^cal:/);
    await expect(select.locator('option:checked')).toContainText(
      /Lab V100 — calibrated \d{4}-\d\d-\d\d, synthetic-v100-perturbed\.csv/,
    );
    await expect(page.getByTestId('hardware-validation')).toContainText(
      'Calibrated from synthetic-v100-perturbed.csv',
    );
    await studio.waitForPrediction();
    await expect(summary).not.toHaveText(before!);
    const calibrated = await summary.textContent();
    await studio.screenshot('calibration-selected-1440x900');

    // Spec-sheet presets are marked unvalidated; switching back restores the preset's latency.
    await expect(select.locator('option[value="h100-sxm"]')).toContainText('unvalidated');
    await select.selectOption('v100');
    await studio.waitForPrediction();
    await expect(summary).toHaveText(before!);

    // The preset persists (web host: local storage) and can be selected again after a reload.
    await studio.open({ keepSession: true });
    const option = select.locator('option', { hasText: 'Lab V100' });
    await expect(option).toHaveCount(1);
    await select.selectOption(await option.getAttribute('value'));
    await studio.waitForPrediction();
    await expect(summary).toHaveText(calibrated!);
    expect(studio.consoleErrors).toEqual([]);
  });

  test('a file with an unknown operator gets a message naming it and the valid ones', async ({
    studio,
    page,
  }) => {
    await studio.open();
    await page.getByTestId('open-calibration').click();
    await page.getByTestId('calibration-file').setInputFiles(join(fixtures, 'bad-operator.csv'));
    await expect(page.getByTestId('calibration-error')).toContainText(
      "line 3: unknown operator 'winograd_conv' (valid: conv, fc, avg_pool, add",
    );
    await expect(page.getByTestId('calibration-table')).toHaveCount(0);
  });
});
