// Slider → all views updated: median and p95 over 100 moves of the global activation-rate slider on
// ResNet-101 / V100, in the built web app in Debian's Chromium. "Updated" = the header and the curves
// view show the new configuration (the app's probe, renderer/src/perf/probe.ts), checked after each
// animation frame.
import { launchChromium, serveBuiltApp } from './support/webApp.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4179);
const MOVES = 100;

const app = await serveBuiltApp(PORT);
const { stop } = app;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

try {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(app.url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('model-select').selectOption('resnet101');
  await page.getByTestId('hardware-select').selectOption('v100');
  await page.waitForFunction(() =>
    document
      .querySelector('[data-testid="status-predictor"]')
      ?.textContent?.includes('Predicted in'),
  );
  // Warm-up: one sweep of the slider so that tile searches are memoised as in real use.
  const times = await page.evaluate(async (moves) => {
    const slider = document.querySelector('[data-testid="global-rate"]');
    const probe = window.__laudnetProbe;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const out = [];
    async function move(value) {
      const t0 = performance.now();
      setter.call(slider, String(value));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      for (;;) {
        await frame();
        if (probe.isDrawn('header', 'curves')) break;
        if (performance.now() - t0 > 5000) throw new Error('views did not update within 5 s');
      }
      return performance.now() - t0;
    }
    for (let i = 0; i <= 20; i++) await move(i / 20);
    for (let i = 0; i < moves; i++) out.push(await move((((i * 37) % 99) + 1) / 100));
    return out;
  }, MOVES);
  await browser.close();
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `slider → all views updated (ResNet-101, V100, ${MOVES} moves, curves view + header + strip):`,
  );
  console.log(
    `  median ${percentile(sorted, 50).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms   max ${sorted[sorted.length - 1].toFixed(1)} ms   (target p95 < 50 ms)`,
  );
} finally {
  stop();
}
