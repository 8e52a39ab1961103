import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/studio';

const setDir = join(process.cwd(), 'e2e', 'fixtures', 'set');

async function openSetView(page: Page) {
  await page.getByRole('tab', { name: 'Image set' }).click();
  await expect(page.getByTestId('set-view')).toBeVisible();
}

async function pickFolder(page: Page) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-set-folder').click();
  await (await chooser).setFiles(setDir);
}

/** The per-image dumps of the fixture (the 8 cheapest and 8 most expensive images). */
function fixtureDumps(): string[] {
  const out: string[] = [];
  for (const cls of readdirSync(setDir, { withFileTypes: true })) {
    if (!cls.isDirectory()) continue;
    for (const f of readdirSync(join(setDir, cls.name))) out.push(join(setDir, cls.name, f));
  }
  return out.sort();
}

test.describe('image set view', () => {
  test('opens a set folder: per-block distributions, ranking, mean maps, classes; click opens the image', async ({
    studio,
    page,
  }) => {
    await studio.open();
    await openSetView(page);
    await expect(page.getByText('Open a folder written by')).toBeVisible();
    await pickFolder(page);

    await expect(page.getByTestId('set-summary')).toContainText('240');
    await expect(page.getByTestId('set-summary')).toContainText('ResNet-50');
    // Spatial blocks of stages 1 and 2 (3 + 4 blocks) each get a box.
    await expect(page.getByTestId('set-distributions').getByTestId('set-rate-box')).toHaveCount(7);
    await page.getByRole('button', { name: 'Layer kept' }).click();
    await expect(page.getByTestId('set-distributions')).toHaveAttribute('data-kind', 'gate');
    await expect(page.getByTestId('set-distributions').getByTestId('set-rate-box')).toHaveCount(3);
    await page.getByRole('button', { name: 'Spatial rate' }).click();

    await expect(page.getByTestId('set-mean-maps').locator('canvas')).toHaveCount(7);
    await expect(page.getByTestId('set-class-table').locator('tbody tr')).toHaveCount(4);

    // Ranking: cheapest first; a virtualised list, never 240 rows in the DOM.
    const rows = page.getByTestId('set-rank-row');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeLessThan(40);
    const ratios = await rows.locator('.set-rank-ratio').allTextContents();
    const values = ratios.map((t) => Number.parseFloat(t));
    expect(values.length).toBeGreaterThan(5);
    for (let i = 1; i < values.length; i++)
      expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
    await expect(page.getByTestId('set-cheapest').getByTestId('set-extreme-image')).toHaveCount(6);
    await expect(page.getByTestId('set-dearest').getByTestId('set-extreme-image')).toHaveCount(6);
    await expect(page.locator('.set-thumb.ok')).toHaveCount(12);

    // The per-image latency spread on every preset.
    await expect(page.getByTestId('set-spread-preset').first()).toBeVisible({ timeout: 20_000 });

    await page.setViewportSize({ width: 1440, height: 900 });
    await studio.screenshot('set-view-1440x900');
    await page.getByTestId('set-rank-list').scrollIntoViewIfNeeded();
    await studio.screenshot('set-view-1440x900-ranking');
    await page.getByTestId('set-spread').scrollIntoViewIfNeeded();
    await studio.screenshot('set-view-1440x900-spread');
    await page.setViewportSize({ width: 1024, height: 700 });
    await studio.screenshot('set-view-1024x700');
    await page.getByTestId('set-spread').scrollIntoViewIfNeeded();
    await studio.screenshot('set-view-1024x700-spread');

    // Click the most expensive image: its dump opens in the mask views.
    const dearest = page.getByTestId('set-dearest').getByTestId('set-extreme-image').first();
    const name = (await dearest.locator('.set-image-name').textContent()) ?? '';
    await dearest.click();
    await expect(page.getByRole('tab', { name: 'Masks over images' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByTestId('mask-source')).toHaveAttribute('data-source', 'dump');
    await expect(page.getByTestId('mask-source')).toContainText(name);
    expect(studio.consoleErrors).toEqual([]);
  });

  test("'Use the set's rates' changes the header latency and is undoable", async ({
    studio,
    page,
  }) => {
    await studio.open({ colorScheme: 'dark' });
    await openSetView(page);
    await pickFolder(page);
    await expect(page.getByTestId('set-summary')).toContainText('240');
    const before = await page.getByTestId('summary-ms-per-image').getAttribute('data-exact');
    await page.getByTestId('use-set-rates').click();
    await expect(page.getByTestId('header-model')).toContainText('ResNet-50');
    await expect(page.getByTestId('summary-ms-per-image')).not.toHaveAttribute(
      'data-exact',
      before ?? '',
    );
    const after = await page.getByTestId('summary-ms-per-image').getAttribute('data-exact');
    await page.setViewportSize({ width: 1440, height: 900 });
    await studio.screenshot('set-view-dark-after-use-rates');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('summary-ms-per-image')).toHaveAttribute(
      'data-exact',
      before ?? '',
    );
    expect(after).not.toBe(before);
    expect(studio.consoleErrors).toEqual([]);
  });

  test('builds a set from picked dumps alone (no summary) with progress', async ({
    studio,
    page,
  }) => {
    await studio.open();
    await openSetView(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-set-files').click();
    await (await chooser).setFiles(fixtureDumps());
    await expect(page.getByTestId('set-summary')).toContainText('16');
    await expect(page.getByTestId('set-summary')).toContainText('built from dumps');
    await expect(page.getByTestId('set-distributions').getByTestId('set-rate-box')).toHaveCount(7);
    await page.getByTestId('set-rank-row').first().click();
    await expect(page.getByTestId('mask-source')).toHaveAttribute('data-source', 'dump');
  });

  test('folders that are not sets get a message saying what was expected', async ({
    studio,
    page,
  }) => {
    await studio.open();
    await openSetView(page);
    let chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-set-folder').click();
    await (await chooser).setFiles(join(process.cwd(), 'e2e', 'support'));
    await expect(page.getByTestId('notice-error').last()).toContainText(
      'support holds no image set: expected summary.npz or *.laudmask.npz files, found no such files.',
    );
    chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-set-folder').click();
    await (await chooser).setFiles(join(process.cwd(), 'e2e', 'fixtures', 'bad'));
    await expect(page.getByTestId('notice-error').last()).toContainText(
      'bad could not be opened as an image set: none of the dumps could be read.',
    );
    await expect(page.getByText('Open a folder written by')).toBeVisible();
  });
});

test('dropping several dumps anywhere on the window opens them as a set', async ({
  studio,
  page,
}) => {
  await studio.open();
  const payload = fixtureDumps()
    .slice(0, 4)
    .map((path) => ({ name: path.split('/').pop() ?? path, data: [...readFileSync(path)] }));
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(new File([new Uint8Array(f.data)], f.name));
    const target = document.querySelector('.app') ?? document.body;
    target.dispatchEvent(
      new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    target.dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
  }, payload);
  await expect(page.getByTestId('set-view')).toBeVisible();
  await expect(page.getByTestId('set-summary')).toContainText('4 images');
  await expect(page.getByTestId('set-summary')).toContainText('built from dumps');
});
