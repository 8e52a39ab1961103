/**
 * The analysis views (breakdown, theory vs practice, hardware comparison), the network strip and chart
 * export, driven in the built web app. Screenshots of each view in light and dark at 1280×800 are saved to
 * e2e/artifacts for review.
 */
import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { test, expect } from './support/studio';

/** Boxes of the visible elements matched by `locator`. */
async function boxes(locator: Locator) {
  const all = await locator.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return {
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom,
        text: el.textContent ?? '',
      };
    }),
  );
  return all.filter((b) => b.right > b.left && b.bottom > b.top);
}

/** Fails when two labels overlap (allowing a pixel of antialiasing). */
async function expectNoOverlap(locator: Locator) {
  const list = await boxes(locator);
  expect(list.length).toBeGreaterThan(0);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      const overlap =
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
      expect(overlap, `labels "${a.text}" and "${b.text}" overlap`).toBe(false);
    }
  }
}

test.describe('analysis views', () => {
  test.beforeEach(async ({ studio }) => {
    await studio.open();
    await studio.selectModel('resnet101');
  });

  test('breakdown: a strip click selects the block, its operator tables follow; ticks do not overlap', async ({
    studio,
    page,
  }) => {
    await studio.openView('breakdown');
    await expect(studio.strip.blocks).toHaveCount(33);
    await studio.strip.block('Block stage3/2, spatial, rate 0.50').click();
    await expect(studio.breakdown.blockSelect).toHaveValue('stage3/2');
    await expect(
      studio.breakdown.operators('Dynamic').getByRole('row', { name: /Masker \+ conv1/ }),
    ).toBeVisible();
    await expect(
      studio.breakdown.operators('Static').getByRole('row', { name: /Residual add/ }),
    ).toBeVisible();
    // Keyboard: the strip is one tab stop and arrows move the shared selection.
    await page.keyboard.press('ArrowRight');
    await expect(studio.breakdown.blockSelect).toHaveValue('stage3/3');
    await expectNoOverlap(page.locator('.svg-axis-x .svg-tick-label'));
    await expectNoOverlap(page.locator('.svg-axis-y .svg-tick-label'));
    expect(studio.consoleErrors).toEqual([]);
  });

  test('chart export: SVG with resolved colours and a PNG, both through downloads', async ({
    studio,
    page,
  }) => {
    await studio.openView('breakdown');
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      studio.breakdown.exportButton('SVG').click(),
    ]);
    expect(svgDownload.suggestedFilename()).toBe('per-block-breakdown.svg');
    const svg = await readFile(await svgDownload.path(), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toContain('var(');
    expect(svg).toContain('Per-block breakdown');
    expect(svg).toContain('Masker + conv1');
    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      studio.breakdown.exportButton('PNG').click(),
    ]);
    expect(pngDownload.suggestedFilename()).toBe('per-block-breakdown.png');
    const png = await readFile(await pngDownload.path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR width: twice the SVG's width (2× export scale).
    const svgWidth = Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(png.readUInt32BE(16)).toBe(2 * svgWidth);
    expect(studio.consoleErrors).toEqual([]);
  });

  test('theory vs practice: explanation, one dot per block plus the network', async ({
    studio,
    page,
  }) => {
    await studio.openView('theory');
    await expect(studio.theory.explanation).toContainText(/^FLOPs −\d+ %, latency [−+]\d+ %: /);
    await expect(studio.theory.dots).toHaveCount(33 + 1);
    await expectNoOverlap(page.locator('.svg-axis-x .svg-tick-label'));
    expect(studio.consoleErrors).toEqual([]);
  });

  test('chart tooltips: a bar, a dot and a preset show their numbers on hover; a click selects', async ({
    studio,
    page,
  }) => {
    await studio.openView('breakdown');
    const bars = page.getByTestId('breakdown-chart').locator('svg');
    const box = (await bars.boundingBox())!;
    // Block 10 of 33 (stage 3), halfway up the plot.
    await page.mouse.move(box.x + 72 + ((box.width - 84) * 10.5) / 33, box.y + 150);
    await expect(page.getByRole('tooltip')).toContainText(/^Block stage3\/\d+Dynamic/);
    await page.mouse.down();
    await page.mouse.up();
    await expect(studio.breakdown.blockSelect).toHaveValue(/^stage3\//);
    await studio.openView('theory');
    const dot = page.getByTestId('theory-chart').locator('circle.theory-point').first();
    await dot.hover({ force: true });
    await expect(page.getByRole('tooltip')).toContainText(/^Block stage1\/0.*FLOPs [−+]\d/);
    await studio.openView('hardware');
    // The first preset's band of the ratio chart (the plot starts 18 px down, 27 px per preset), over
    // its bar (drawn on the canvas above the SVG, which keeps the pointer events).
    const ratio = (await page.getByTestId('hardware-ratio-chart').locator('svg').boundingBox())!;
    await page.mouse.move(ratio.x + 200, ratio.y + 18 + 13);
    await expect(page.getByRole('tooltip')).toContainText('V100 (current)');
    expect(studio.consoleErrors).toEqual([]);
  });

  test('hardware comparison: every preset, the current one marked, unvalidated ones flagged', async ({
    studio,
    page,
  }) => {
    await studio.openView('hardware');
    await expect(studio.hardware.rows).toHaveCount(10);
    await expect(studio.hardware.currentRow).toContainText('V100');
    await expect(studio.hardware.table.getByText('not validated')).toHaveCount(5);
    await studio.tuner.hardware.selectOption('3090');
    await studio.waitForPrediction();
    await expect(studio.hardware.currentRow).toContainText('RTX 3090');
    await expectNoOverlap(page.locator('.hw-charts .svg-axis-y .svg-tick-label'));
    expect(studio.consoleErrors).toEqual([]);
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`analysis views screenshots, ${scheme}, 1280×800`, async ({ studio, page }) => {
    await studio.open({ colorScheme: scheme });
    await studio.tuner.model.selectOption('resnet101');
    await studio.waitForPrediction();
    for (const name of ['breakdown', 'theory', 'hardware'] as const) {
      await studio.openView(name);
      if (name === 'breakdown') await studio.strip.blocks.nth(9).click();
      if (name === 'hardware') await expect(studio.hardware.table).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await studio.screenshot(`view-${name}-${scheme}-1280x800`);
    }
    expect(studio.consoleErrors).toEqual([]);
  });
}
