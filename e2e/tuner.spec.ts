import { test, expect, type Studio } from './support/studio';
import { cliPredict } from './support/cli';

/** The summary's full-precision batch latency must equal the CLI's for the same configuration. */
async function expectSummaryMatchesCli(studio: Studio, args: Record<string, string>) {
  const cli = cliPredict(args);
  await expect(studio.summary.batchLatency).toHaveAttribute('data-exact', String(cli.latencyS));
  await expect(studio.summary.msPerImage).toHaveAttribute(
    'data-exact',
    String(cli.latencyMsPerImage),
  );
}

/** The current curve contains the marked point, and the drawn line passes through the drawn dot. */
async function expectCurveThroughMarker(studio: Studio) {
  const chart = studio.curves.chart;
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
  await expectSummaryMatchesCli(studio, base);
  await expectCurveThroughMarker(studio);

  await studio.tuner.model.selectOption('resnet101');
  const r101 = { ...base, model: 'resnet101' };
  await expectSummaryMatchesCli(studio, r101);

  await studio.tuner.hardware.selectOption('tx2');
  const tx2 = { ...r101, hardware: 'tx2' };
  await expectSummaryMatchesCli(studio, tx2);

  await studio.tuner.stage(1).granularity.selectOption('8');
  const s8 = { ...tx2, granularity: '8-4-2-1' };
  await expectSummaryMatchesCli(studio, s8);
  await expectCurveThroughMarker(studio);

  await studio.tuner.globalRateNumber.fill('0.3');
  const r03 = { ...s8, rate: '0.3' };
  await expectSummaryMatchesCli(studio, r03);
  await expectCurveThroughMarker(studio);

  // The slider itself (keyboard on the range input moves it by one step of 0.01).
  await studio.tuner.globalRate.focus();
  await page.keyboard.press('ArrowRight');
  await expectSummaryMatchesCli(studio, { ...s8, rate: '0.31' });
  await expectCurveThroughMarker(studio);

  for (const n of [1, 2, 3, 4]) await studio.tuner.stage(n).mode.selectOption('channel');
  await expectSummaryMatchesCli(studio, { ...s8, rate: '0.31', mode: 'channel' });
  await expectCurveThroughMarker(studio);

  for (const n of [1, 2, 3, 4]) await studio.tuner.stage(n).mode.selectOption('layer');
  await expectSummaryMatchesCli(studio, { ...s8, rate: '0.31', mode: 'layer' });
  await expectCurveThroughMarker(studio);

  await studio.curves.networkScope.click();
  await expectCurveThroughMarker(studio);
  expect(studio.consoleErrors).toEqual([]);
});
