/**
 * The granularity dialog (issue 11 §1): spatial stages get a spatial S (never layer skipping), the numbers
 * are the CLI's, nothing overlaps from 1024 to 1920 px, and Apply changes S only.
 */
import { spawnSync } from 'node:child_process';
import { test, expect } from './support/studio';

interface CliGranularity {
  choices: { stage: number; mode: string; value: number; latencyRatio: number }[];
}

function cliGranularity(args: string[]): CliGranularity {
  const argv = ['bin/laudnet.mjs', 'granularity', '--json', ...args];
  const res = spawnSync(process.execPath, argv, { encoding: 'utf8', cwd: process.cwd() });
  if (res.status !== 0)
    throw new Error(`laudnet granularity failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout) as CliGranularity;
}

const sizes = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

test('ResNet-101 on V100: a spatial S per stage, the CLI’s numbers, Apply sets S only', async ({
  studio,
  page,
}) => {
  await studio.open();
  await page.getByTestId('model-select').selectOption('resnet101');
  await studio.waitForPrediction();
  await page.getByTestId('choose-granularity').click();
  const dialog = page.getByTestId('granularity-dialog');
  await expect(dialog).toBeVisible();
  const cli = cliGranularity(['--model', 'resnet101', '--hardware', 'v100', '--rate', '0.5']);
  expect(cli.choices.map((c) => c.mode)).toEqual(['spatial', 'spatial', 'spatial', 'spatial']);
  for (const c of cli.choices) {
    const row = dialog.getByTestId(`gran-chosen-${c.stage + 1}`);
    await expect(row.locator('th')).toContainText(`S = ${c.value}`);
    await expect(row.locator('td').first()).toHaveText(c.latencyRatio.toFixed(3));
  }
  await expect(dialog.getByTestId('gran-matched')).toContainText('Layer skipping');
  await dialog.getByTestId('apply-granularity').click();
  await expect(dialog).toBeHidden();
  for (const c of cli.choices) {
    await expect(page.getByTestId(`stage-${c.stage + 1}-mode`)).toHaveValue('spatial');
    await expect(page.getByTestId(`stage-${c.stage + 1}-granularity`)).toHaveValue(String(c.value));
  }
  expect(studio.consoleErrors).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  for (const size of sizes) {
    test(`granularity dialog readable, ${scheme}, ${size.width}×${size.height}`, async ({
      studio,
      page,
    }) => {
      await page.setViewportSize(size);
      await studio.open({ colorScheme: scheme });
      await page.getByTestId('model-select').selectOption('resnet101');
      await studio.waitForPrediction();
      await page.getByTestId('choose-granularity').click();
      const dialog = page.getByTestId('granularity-dialog');
      await expect(dialog.getByTestId('gran-matched')).toBeVisible();
      // No table is wider than its box, and no two stage tables overlap.
      const boxes = await dialog.locator('.gran-stage').evaluateAll((els) =>
        els.map((el) => {
          const t = el.querySelector('table')!;
          const r = t.getBoundingClientRect();
          return {
            left: r.left,
            right: r.right,
            top: r.top,
            bottom: r.bottom,
            over: t.scrollWidth - el.clientWidth,
          };
        }),
      );
      expect(boxes).toHaveLength(4);
      for (const b of boxes) expect(b.over).toBeLessThanOrEqual(0);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const overlap =
            a.left < b.right - 1 &&
            b.left < a.right - 1 &&
            a.top < b.bottom - 1 &&
            b.top < a.bottom - 1;
          expect(overlap, `stage tables ${i + 1} and ${j + 1} overlap`).toBe(false);
        }
      }
      const dialogBox = await dialog.boundingBox();
      expect(dialogBox!.x).toBeGreaterThanOrEqual(0);
      expect(dialogBox!.x + dialogBox!.width).toBeLessThanOrEqual(size.width);
      await studio.screenshot(`granularity-${scheme}-${size.width}x${size.height}`);
      await dialog.getByTestId('gran-matched').scrollIntoViewIfNeeded();
      await studio.screenshot(`granularity-matched-${scheme}-${size.width}x${size.height}`);
      expect(studio.consoleErrors).toEqual([]);
    });
  }
}

test('RegNet layer mode: predicted, marked not trainable, no training flags', async ({
  studio,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await studio.open();
  await page.getByTestId('model-select').selectOption('regnety004');
  await studio.waitForPrediction();
  await page.getByTestId('stage-1-mode').selectOption('layer');
  await studio.waitForPrediction();
  const note = page.getByTestId('stage-1-trainability');
  await expect(note).toContainText('Not trainable with the reference code');
  await expect(note).toContainText('RegNetY-400MF has no layer mode');
  await expect(page.getByTestId('stage-2-trainability')).toHaveCount(0);
  await expect(page.getByTestId('summary-ms-per-image')).not.toHaveText('—');
  await note.scrollIntoViewIfNeeded();
  await studio.screenshot('stage-not-trainable-1024x700');
  expect(studio.consoleErrors).toEqual([]);
});
