/**
 * Issue 16 acceptance 4 (explorer and accuracy import): the explorer runs in its workers, a point clicked
 * becomes the configuration and Undo restores the previous one; an accuracy CSV of the user's runs is
 * plotted with its row errors. Screenshots at 1440×900 and 1024×700 go to e2e/artifacts.
 */
import { join } from 'node:path';
import { test, expect } from './support/studio';
import { StageControls } from './support/views';

const fixtures = join(process.cwd(), 'tests', 'fixtures', 'explore');

test.describe('design-space explorer', () => {
  test('explores, adopts a clicked point, undoes it, imports accuracies', async ({
    studio,
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await studio.open();
    const stages = [1, 2, 3, 4].map((n) => new StageControls(page, n));
    const modesBefore = await Promise.all(stages.map((s) => s.mode.inputValue()));
    const msBefore = await studio.summary.msPerImage.textContent();
    expect(modesBefore).toEqual(['spatial', 'spatial', 'spatial', 'spatial']);

    await page.getByRole('tab', { name: 'Explore' }).click();
    const scatter = page.getByTestId('explore-scatter');
    await expect(scatter).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('explore-view')).toContainText('configurations');
    await expect(scatter).toContainText('Predicted latency (ms per image)');
    await expect(scatter).toContainText('FLOPs ratio kept');
    // The answer to "fastest design keeping ≥ 60 % FLOPs" is filled in.
    await expect(page.getByRole('button', { name: 'Adopt' }).first()).toBeVisible();
    await studio.screenshot('explore-1440x900');

    // The fastest front point: hover shows its configuration, a click adopts it.
    // (Front dots of near-equal configurations overlap, so the pointer goes to the dot's centre.)
    const dot = scatter.locator('svg circle[r="3"]').first();
    await dot.scrollIntoViewIfNeeded();
    const box = (await dot.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('on the Pareto front');
    const summary = (await tooltip.locator('.explore-tooltip-title').textContent()) ?? '';
    const firstMode = summary.split(' · ')[0]!.split(' ')[0]!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(stages[0]!.mode).toHaveValue(firstMode);
    const modesAfter = await Promise.all(stages.map((s) => s.mode.inputValue()));
    expect(modesAfter).not.toEqual(modesBefore);
    await studio.waitForPrediction();
    await expect(studio.summary.msPerImage).not.toHaveText(msBefore ?? '');

    await page.getByRole('button', { name: 'Undo' }).click();
    for (const [i, s] of stages.entries()) await expect(s.mode).toHaveValue(modesBefore[i]!);
    await studio.waitForPrediction();
    await expect(studio.summary.msPerImage).toHaveText(msBefore ?? '');

    // Pin an answer to the compare view.
    await page.getByRole('button', { name: 'Pin', exact: true }).first().click();
    await expect(page.getByText(/^Pinned to compare: /)).toBeVisible();

    // Accuracy import: the CSV and the configuration file it names, chosen together.
    await page
      .getByTestId('accuracy-input')
      .setInputFiles([join(fixtures, 'accuracy.csv'), join(fixtures, 'layer-r50.json')]);
    const panel = page.getByTestId('accuracy-panel');
    await expect(panel).toContainText('accuracy.csv · 7 runs plotted');
    await expect(panel).toContainText("line 9: top-1 accuracy 'seventy' is not a number");
    const acc = page.getByTestId('accuracy-scatter');
    await expect(acc).toBeVisible();
    await expect(acc).toContainText('Top-1 accuracy (from your file)');
    // Seven dots, exactly the file's runs (no invented point).
    await expect(acc.locator('svg circle[r="4"]')).toHaveCount(7);
    await panel.scrollIntoViewIfNeeded();
    await studio.screenshot('explore-accuracy-1440x900');

    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByTestId('explore-view').evaluate((el) => el.parentElement?.scrollTo(0, 0));
    await studio.screenshot('explore-1024x700');
    await panel.scrollIntoViewIfNeeded();
    await studio.screenshot('explore-accuracy-1024x700');
    expect(studio.consoleErrors).toEqual([]);
  });
});
