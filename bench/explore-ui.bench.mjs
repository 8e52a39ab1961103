// The explorer in the built web app (issue 16, acceptance 1, in-app): time from "Explore" to the merged
// result over the app's Web Workers (two here), read from the view's data attributes, for the default
// ResNet-50 space (≈400,000 configurations), a single rate (57,120) and a space of 8,160. Target: 10,000 configurations
// in < 3 s. The workers are kept between runs, so later runs find the tile searches memoised ("warm").
// Debian's Chromium, headless; the load average is printed because the figures are wall-clock.
import { loadavg } from 'node:os';
import { launchChromium, serveBuiltApp } from './support/webApp.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4296);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

console.log(
  `load average (1, 5, 15 min): ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
const app = await serveBuiltApp(PORT);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(app.url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('tab', { name: 'Explore' }).click();
  const result = page.getByTestId('explore-result');

  async function measure(label) {
    await result.waitFor({ timeout: 120_000 });
    const [configs, elapsed, worker] = await Promise.all(
      ['data-configs', 'data-elapsed-ms', 'data-worker-ms'].map((a) => result.getAttribute(a)),
    );
    const n = Number(configs);
    const ms = Number(elapsed);
    console.log(
      `${label}: ${fmt(n)} configurations in ${ms.toFixed(0)} ms wall (slowest worker ${Number(worker).toFixed(0)} ms), ` +
        `${fmt((n / ms) * 1000)} configurations/s; 10,000 at that rate: ${((10_000 / n) * ms).toFixed(0)} ms (target < 3,000 ms)`,
    );
  }

  // First visit explores the default space by itself.
  await measure('default space (rates 0.3:0.9:0.1), cold workers');
  // One rate: re-run and wait for the new result.
  await page.getByLabel('Rate grid').fill('0.5');
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="explore-result"]')?.getAttribute('data-configs') ===
      '57120',
    undefined,
    { timeout: 120_000 },
  );
  await measure('one rate (0.5), warm workers');
  // About 10,000: one rate, stage 4 limited to static and layer (17 · 16 · 15 · 2 = 8,160).
  await page.getByText('Per-stage limits').click();
  await page.getByRole('button', { name: 'Stage 4 spatial' }).click();
  await page.getByRole('button', { name: 'Stage 4 channel' }).click();
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="explore-result"]')?.getAttribute('data-configs') ===
      '8160',
    undefined,
    { timeout: 120_000 },
  );
  await measure('one rate, stage 4 static or layer, warm workers');
} finally {
  await browser.close();
  app.stop();
}
