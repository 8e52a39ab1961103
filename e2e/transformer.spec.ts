/**
 * Issue 18 acceptance 3 and 4: T2T-ViT-19 on V100 in the tuner — the static model at 2.2036 ms per image
 * (3060 3.4156, TX2 44.385 in the hardware comparison); the token rate moved → the header, the curves
 * and the breakdown follow with the reference numbers; proxy token masks over a sample photo; the 3D
 * token stack. Expected values come from tests/data/reference/transformer_model_vectors.csv (rows made
 * by running the official code), never from the app. Screenshots at 1440×900 and 1024×700.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { test, expect } from './support/studio';

interface RefRow {
  [column: string]: string;
}

const rows: RefRow[] = (() => {
  const lines = readFileSync(
    join(process.cwd(), 'tests', 'data', 'reference', 'transformer_model_vectors.csv'),
    'utf8',
  )
    .trim()
    .split('\n');
  const head = lines[0]!.split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
})();

/** ms per image of a uniform T2T-ViT-19 reference row (batch convention in_shapes). */
function refMs(hardware: string, mode: string, match: Partial<RefRow> = {}): number {
  const row = rows.find(
    (r) =>
      r.variant === 't2t_vit_19' &&
      r.hardware === hardware &&
      r.batch_convention === 'in_shapes' &&
      r.mode === mode &&
      (mode === 'static' || r.rate_kind === 'uniform') &&
      Object.entries(match).every(([k, v]) => r[k] === v),
  );
  if (!row) throw new Error(`no reference row for ${hardware} ${mode} ${JSON.stringify(match)}`);
  return (Number(row.latency_s) / Number(row.batch_size)) * 1000;
}

async function exact(locator: Locator): Promise<number> {
  return Number(await locator.getAttribute('data-exact'));
}

const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-12);

test.describe('dynamic transformer', () => {
  test('T2T-ViT-19 on V100: static numbers, token rate → header, curves, breakdown, masks', async ({
    studio,
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await studio.open();
    await studio.tuner.hardware.selectOption('v100');
    await studio.tuner.model.selectOption('t2t_vit_19');
    await expect(page.getByTestId('header-model')).toContainText('T2T-ViT-19');

    // Static T2T-ViT-19 on V100 (in_shapes): 2.2036 ms per image.
    const perImage = page.getByTestId('tf-summary-ms-per-image');
    await expect(perImage).toHaveText('2.2036 ms');
    close(await exact(perImage), refMs('v100', 'static'));
    await expect(page.getByTestId('tf-summary-static')).toHaveText('2.2036 ms');
    await expect(page.getByTestId('tf-summary-ratio')).toHaveText('1.000');

    // Hardware comparison: 3060 and TX2 static per image.
    await studio.openView('hardware');
    const hwTable = page.getByTestId('tf-hardware-table');
    await expect(page.getByTestId('tf-hw-v100')).toContainText('2.2036 ms');
    await expect(page.getByTestId('tf-hw-3060')).toContainText('3.4156 ms');
    await expect(page.getByTestId('tf-hw-tx2')).toContainText('44.385 ms');
    close(
      await exact(page.getByTestId('tf-hw-3060').locator('td').nth(3)),
      refMs('3060', 'static'),
    );
    close(await exact(page.getByTestId('tf-hw-tx2').locator('td').nth(3)), refMs('tx2', 'static'));
    await expect(hwTable.locator('tbody tr')).not.toHaveCount(0);

    // Curves before the change: no current point (static), four paradigms drawn.
    await studio.openView('curves');
    const chart = page.getByTestId('tf-curves-chart');
    await expect(chart.locator('.recharts-line')).toHaveCount(4);
    await expect(chart).toContainText('Latency per image (ms)');
    const before = JSON.parse((await chart.getAttribute('data-curves'))!) as CurveSet;
    expect(before.curves.every((c) => c.current === null)).toBe(true);

    // Token mode, token rate 0.5 in every block: 98 tokens kept.
    await page.getByTestId('tf-mode-token').click();
    await page.getByTestId('tf-token-rate-number').fill('0.5');
    const tokenHalf = refMs('v100', 'token', { token_rate: '0.5' });
    await expect(perImage).toHaveText(`${tokenHalf.toFixed(4)} ms`);
    close(await exact(perImage), tokenHalf);
    await expect(page.getByTestId('tf-summary-ratio')).toHaveText(
      (tokenHalf / refMs('v100', 'static')).toFixed(3),
    );

    // The curves follow: the token curve carries the current point at 0.5 with the header's value, its
    // samples are the reference's, and the head curve now runs at t = 0.5 (below its static start).
    await expect
      .poll(async () => {
        const set = JSON.parse((await chart.getAttribute('data-curves')) ?? 'null') as CurveSet;
        return set?.curves.find((c) => c.paradigm === 'token')?.current?.rate ?? null;
      })
      .toBe(0.5);
    const after = JSON.parse((await chart.getAttribute('data-curves'))!) as CurveSet;
    const token = after.curves.find((c) => c.paradigm === 'token')!;
    close(token.current!.msPerImage, tokenHalf);
    close(
      token.points.find((p) => p.rate === 0.25)!.msPerImage,
      refMs('v100', 'token', { token_rate: '0.25' }),
    );
    const headBefore = before.curves.find((c) => c.paradigm === 'head')!.points.at(-1)!;
    const headAfter = after.curves.find((c) => c.paradigm === 'head')!.points.at(-1)!;
    expect(headAfter.msPerImage).toBeLessThan(headBefore.msPerImage);
    await expect(chart.locator('.recharts-reference-dot')).toHaveCount(1);
    await expect(page.getByTestId('tf-curves-current')).toContainText('0.500');
    await studio.screenshot('transformer-curves-1440x900');

    // Breakdown: the total is the header's, block 0 keeps 98 tokens.
    await studio.openView('breakdown');
    close(await exact(page.getByTestId('tf-breakdown-total')), tokenHalf);
    await expect(page.getByTestId('tf-block-parts')).toContainText('98 of 197 tokens');
    await expect(
      page.getByTestId('tf-breakdown-chart').locator('.recharts-bar-rectangle'),
    ).not.toHaveCount(0);
    await studio.screenshot('transformer-breakdown-1440x900');

    // The strip shows what block 0 keeps.
    await expect(page.getByTestId('tf-strip-block-0')).toHaveAttribute('data-tokens-kept', '98');

    // Token masks over the dog photo: exactly 98 tokens (class token + 97 patches) per block.
    await page.getByRole('tab', { name: 'Token masks' }).click();
    await expect(page.getByTestId('tf-proxy-badge')).toBeVisible();
    await expect(page.getByTestId('tf-mask-kept')).toContainText('98 of 197', { timeout: 30_000 });
    const big = page.getByTestId('tf-masks').locator('canvas.tf-token-canvas').first();
    await expect(big).toHaveAttribute('data-kept-patches', '97');
    await expect(page.locator('[data-testid^="tf-thumb-"]')).toHaveCount(19);
    await studio.screenshot('transformer-masks-1440x900');

    // Block 3 at 0.7 in the per-block table: trunc(197·0.7) = 137 tokens.
    await page.getByTestId('tf-block-3-token').fill('0.7');
    await page.getByTestId('tf-thumb-3').click();
    await expect(page.getByTestId('tf-mask-kept')).toContainText('137 of 197');
    await expect(big).toHaveAttribute('data-kept-patches', '136');

    await page.setViewportSize({ width: 1024, height: 700 });
    await studio.screenshot('transformer-masks-1024x700');
    await studio.openView('curves');
    await studio.screenshot('transformer-curves-1024x700');

    await studio.openView('space');
    await expect(page.getByTestId('tf-space-selected')).toContainText('Block 3: 137 of 197');
    await page.waitForTimeout(500);
    await studio.screenshot('transformer-3d-1024x700');

    // Export names no training flags, and back to a CNN restores its header.
    await expect(page.getByTestId('tf-no-flags')).toContainText('No reference training flags');
    await studio.tuner.model.selectOption('resnet50');
    await expect(page.getByTestId('summary-ms-per-image')).toBeVisible();
    expect(studio.consoleErrors).toEqual([]);
  });

  test('combined mode in the dark theme: heads k of H, skipped sub-blocks in the strip and masks', async ({
    studio,
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await studio.open({ colorScheme: 'dark' });
    await studio.tuner.model.selectOption('t2t_vit_19');
    await page.getByTestId('tf-mode-combined').click();
    await page.getByTestId('tf-token-rate-number').fill('0.7');
    // Heads are offered as k of 7 only: Home → 1 of 7, two steps right → 3 of 7.
    const heads = page.getByTestId('tf-head-rate');
    await heads.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('tf-head-rate-value')).toHaveText('3 / 7');
    await page.getByTestId('tf-attn-rate-number').fill('0.8');
    await page.getByTestId('tf-mlp-rate-number').fill('0.8');
    // Reference: combined, t = 0.7, h = 3/7, a = m = 0.8 in every block.
    const expected = refMs('v100', 'combined', {
      token_rate: '0.7',
      head_rate: '0.42857142857142855',
      attn_rate: '0.8',
      mlp_rate: '0.8',
    });
    const perImage = page.getByTestId('tf-summary-ms-per-image');
    await expect(perImage).toHaveText(`${expected.toFixed(4)} ms`);
    close(await exact(perImage), expected);
    await expect(page.getByTestId('tf-strip-block-0')).toHaveAttribute('data-heads-kept', '3');
    await expect(page.getByTestId('tf-strip-block-0')).toHaveAttribute('data-tokens-kept', '137');

    // Block 5 skips both sub-blocks: struck through in the strip, faded among the token masks.
    await page.getByTestId('tf-block-5-attn').fill('0');
    await page.getByTestId('tf-block-5-mlp').fill('0');
    await expect(page.getByTestId('tf-strip-block-5').locator('.tf-sub.skipped')).toHaveCount(2);
    await expect(page.getByTestId('tf-summary-ms-per-image')).not.toHaveText(
      `${expected.toFixed(4)} ms`,
    );
    await page.getByRole('tab', { name: 'Token masks' }).click();
    await expect(page.getByTestId('tf-thumb-5')).toHaveClass(/skipped/, { timeout: 30_000 });
    await page.getByTestId('tf-thumb-5').click();
    await expect(page.getByTestId('tf-mask-facts')).toContainText('skipped');
    await expect(page.getByTestId('tf-mask-facts')).toContainText('3 of 7');
    await studio.screenshot('transformer-masks-combined-dark-1440x900');
    await studio.openView('hardware');
    await expect(page.getByTestId('tf-hw-v100')).toHaveClass(/selected/);
    await studio.screenshot('transformer-hardware-dark-1440x900');
    await studio.openView('breakdown');
    await expect(page.getByTestId('tf-block-parts')).toContainText('head policy');
    await studio.screenshot('transformer-breakdown-dark-1440x900');
    expect(studio.consoleErrors).toEqual([]);
  });

  for (const size of [
    { width: 1024, height: 700 },
    { width: 1440, height: 900 },
  ]) {
    test(`every transformer view at ${size.width}x${size.height}: nothing clipped`, async ({
      studio,
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(size);
      await studio.open();
      await studio.tuner.model.selectOption('t2t_vit_24');
      await page.getByTestId('tf-mode-combined').click();
      await expect(page.getByTestId('tf-summary-ms-per-image')).not.toHaveText('—');
      for (const tab of [
        'Latency curves',
        'Per-block breakdown',
        'Hardware comparison',
        'Token masks',
        '3D view',
      ]) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
        await page.waitForTimeout(400);
        const clipped = await page.evaluate(() => {
          const out: string[] = [];
          const whole =
            '.app-header .metric-label, .app-header .metric-value, .app-header .chip, .chart-card-title, .tf-strip-caption strong, .tf-proxy-badge, .tab, .tf-modes .btn, table.data th';
          for (const el of document.querySelectorAll<HTMLElement>(whole)) {
            if (el.offsetParent === null) continue;
            if (el.scrollWidth > el.clientWidth + 1) out.push(`clipped: "${el.textContent ?? ''}"`);
          }
          if (document.documentElement.scrollWidth > window.innerWidth + 1)
            out.push('page wider than the window');
          const view = document.querySelector<HTMLElement>('#view-panel')!;
          if (view.scrollWidth > view.clientWidth + 1) out.push('view scrolls sideways');
          const strip = document.querySelector<HTMLElement>('.tf-strip-blocks')!;
          if (strip.scrollWidth > strip.clientWidth + 1) out.push('strip wider than its dock');
          return out;
        });
        expect(clipped, `${tab} at ${window_(size)}`).toEqual([]);
        await studio.screenshot(
          `transformer-t2t24-${tab.split(' ')[0]!.toLowerCase()}-${size.width}x${size.height}`,
        );
      }
      // 24 blocks in the strip, each still a tile that can be clicked.
      await expect(page.locator('[data-testid^="tf-strip-block-"]')).toHaveCount(24);
      const box = await page.getByTestId('tf-strip-block-23').boundingBox();
      expect(box!.width).toBeGreaterThan(14);
      expect(studio.consoleErrors).toEqual([]);
    });
  }
});

const window_ = (s: { width: number; height: number }) => `${s.width}×${s.height}`;

interface CurveSet {
  staticMsPerImage: number;
  curves: Array<{
    paradigm: string;
    points: Array<{ rate: number; msPerImage: number }>;
    current: { rate: number; msPerImage: number } | null;
  }>;
}
