import type { Page } from '@playwright/test';
import { test, expect } from './support/studio';
import { cliPredict } from './support/cli';

/** The summary's full-precision batch latency must equal the CLI's for the same configuration. */
async function expectSummaryMatchesCli(page: Page, args: Record<string, string>) {
  const cli = cliPredict(args);
  await expect(page.getByTestId('summary-batch-latency')).toHaveAttribute(
    'data-exact',
    String(cli.latencyS),
  );
  await expect(page.getByTestId('summary-ms-per-image')).toHaveAttribute(
    'data-exact',
    String(cli.latencyMsPerImage),
  );
}

/** The current curve contains the marked point, and the drawn line passes through the drawn dot. */
async function expectCurveThroughMarker(page: Page) {
  const chart = page.getByTestId('curves-chart');
  await expect(chart).toHaveAttribute('data-marker', /ratio/);
  // The curves of a new scope arrive from the worker after the marker (which comes from the live
  // prediction): wait until the drawn current curve contains the marked point.
  await expect
    .poll(async () => {
      const marker = JSON.parse((await chart.getAttribute('data-marker')) ?? 'null') as {
        rate: number;
        ratio: number;
      } | null;
      const series = JSON.parse((await chart.getAttribute('data-current-series')) ?? '[]') as {
        rate: number;
        ratio: number;
      }[];
      // The sweep adds the same block latencies as the prediction in another order: equal to rounding.
      return (
        marker !== null &&
        series.some(
          (p) => p.rate === marker.rate && Math.abs(p.ratio - marker.ratio) <= 1e-12 * marker.ratio,
        )
      );
    })
    .toBe(true);
  // Geometry: the drawn dot's centre lies on the drawn thick (current) polyline, in page pixels.
  const geometry = await chart.evaluate((el) => {
    const dot = el
      .querySelector('[data-testid="curves-marker-dot"] circle')!
      .getBoundingClientRect();
    const surface = el.querySelector('svg.recharts-surface')!.getBoundingClientRect();
    const line = [...el.querySelectorAll('path.recharts-line-curve')].find(
      (p) => p.getAttribute('stroke-width') === '3',
    );
    return {
      cx: dot.left + dot.width / 2 - surface.left,
      cy: dot.top + dot.height / 2 - surface.top,
      d: line?.getAttribute('d') ?? '',
    };
  });
  const nums = (geometry.d.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
  const points: [number, number][] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) points.push([nums[i]!, nums[i + 1]!]);
  expect(points.length).toBeGreaterThan(10);
  const nearest = Math.min(...points.map(([x, y]) => Math.hypot(x - geometry.cx, y - geometry.cy)));
  expect(nearest).toBeLessThan(0.75);
}

test('every control change gives the CLI latency, and the curve passes through the marker', async ({
  studio,
  page,
}) => {
  await studio.open();
  const base = {
    model: 'resnet50',
    hardware: 'v100',
    mode: 'spatial',
    granularity: '4-4-2-1',
    'channel-granularity': '2-2-2-2',
    rate: '0.5',
  };
  await expectSummaryMatchesCli(page, base);
  await expectCurveThroughMarker(page);

  await page.getByTestId('model-select').selectOption('resnet101');
  const r101 = { ...base, model: 'resnet101' };
  await expectSummaryMatchesCli(page, r101);

  await page.getByTestId('hardware-select').selectOption('tx2');
  const tx2 = { ...r101, hardware: 'tx2' };
  await expectSummaryMatchesCli(page, tx2);

  await page.getByTestId('stage-1-granularity').selectOption('8');
  const s8 = { ...tx2, granularity: '8-4-2-1' };
  await expectSummaryMatchesCli(page, s8);
  await expectCurveThroughMarker(page);

  await page.getByTestId('global-rate-number').fill('0.3');
  const r03 = { ...s8, rate: '0.3' };
  await expectSummaryMatchesCli(page, r03);
  await expectCurveThroughMarker(page);

  // The slider itself (keyboard on the range input moves it by one step of 0.01).
  await page.getByTestId('global-rate').focus();
  await page.keyboard.press('ArrowRight');
  await expectSummaryMatchesCli(page, { ...s8, rate: '0.31' });
  await expectCurveThroughMarker(page);

  for (const n of [1, 2, 3, 4]) await page.getByTestId(`stage-${n}-mode`).selectOption('channel');
  await expectSummaryMatchesCli(page, { ...s8, rate: '0.31', mode: 'channel' });
  await expectCurveThroughMarker(page);

  for (const n of [1, 2, 3, 4]) await page.getByTestId(`stage-${n}-mode`).selectOption('layer');
  await expectSummaryMatchesCli(page, { ...s8, rate: '0.31', mode: 'layer' });
  await expectCurveThroughMarker(page);

  await page.getByTestId('curves-scope-network').click();
  await expectCurveThroughMarker(page);
  expect(studio.consoleErrors).toEqual([]);
});
