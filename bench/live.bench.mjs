// Live masks (issue 15) in the built web app, Debian Chromium: for the committed test ONNX and a
// ResNet-50-sized model, the session creation time, the first-mask time (model file picked → first live
// masks in the store), then per image the in-app time (image file picked → its live masks in the store:
// decode, preprocessing, session.run, mask mapping, transfer, store update) against onnxruntime-web's own
// `session.run` time for the same run (timed around session.run in the worker). Target: ≤ 1.3×.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchChromium, serveBuiltApp } from './support/webApp.mjs';
import { resnet50SizedModel, testModelPath } from './support/live-models.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4224);
const IMAGES = Number(process.env.LIVE_BENCH_IMAGES ?? 6);
const root = new URL('..', import.meta.url).pathname;
const photo = readFileSync(join(root, 'assets', 'samples', 'horses.jpg'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v) => `${v.toFixed(1)} ms`;

const models = [{ label: 'test model (tiny-mixed.onnx)', path: testModelPath() }];
const wide = resnet50SizedModel();
if (wide) models.push({ label: 'ResNet-50-sized (random weights)', path: wide });
else console.log('ResNet-50-sized model: not measured (the exporter could not run here)');

const app = await serveBuiltApp(PORT);
const browser = await launchChromium();
let worst = 0;
try {
  for (const model of models) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole('tab', { name: 'Masks over images' }).click();
    const status = () => page.evaluate(() => window.__laudnetLiveStatus?.() ?? null);
    // The default sample is shown first; picking the model runs it through the model.
    await page.waitForFunction(() => document.querySelector('[data-testid="mask-overlay"]'));
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('mask-open-model').click();
    const t0 = Date.now();
    await (await chooser).setFiles(model.path);
    await page.waitForFunction(
      () => (window.__laudnetLiveStatus?.().image ?? null) !== null,
      null,
      {
        timeout: 600_000,
        polling: 20,
      },
    );
    const firstMaskMs = Date.now() - t0;
    const first = await status();
    const wall = [];
    const run = [];
    const total = [];
    const decode = [];
    const prep = [];
    for (let i = 0; i < IMAGES; i++) {
      const name = `photo-${i}.jpg`;
      const pick = page.waitForEvent('filechooser');
      await page.getByTestId('mask-open-image').click();
      const chosen = await pick;
      const started = await page.evaluate(() => {
        window.__liveBenchT0 = null;
        document.addEventListener('change', () => (window.__liveBenchT0 = performance.now()), {
          capture: true,
          once: true,
        });
        return true;
      });
      if (!started) throw new Error('could not arm the timer');
      await chosen.setFiles({ name, mimeType: 'image/jpeg', buffer: photo });
      const elapsed = await page.evaluate(
        (want) =>
          new Promise((resolve) => {
            const poll = () => {
              const s = window.__laudnetLiveStatus?.();
              if (s?.image === want && window.__liveBenchT0 !== null)
                resolve(performance.now() - window.__liveBenchT0);
              else setTimeout(poll, 2);
            };
            poll();
          }),
        name,
      );
      const s = await status();
      if (i === 0) continue; // the first image warms caches up
      wall.push(elapsed);
      run.push(s.timing.runMs);
      total.push(s.timing.totalMs);
      decode.push(s.timing.decodeMs);
      prep.push(s.timing.preprocessMs);
    }
    const ratio = median(wall) / median(run);
    worst = Math.max(worst, ratio);
    console.log(`\n${model.label}`);
    console.log(
      `  session creation ${ms(first.createMs)}, first masks ${ms(firstMaskMs)} (model file picked → masks), ${first.threads} thread(s)`,
    );
    console.log(
      `  per image (median of ${wall.length}): in-app ${ms(median(wall))}, worker ${ms(median(total))}, session.run ${ms(median(run))} → in-app / session.run = ${ratio.toFixed(2)}× (target ≤ 1.3×)`,
    );
    console.log(
      `  worker breakdown (median): decode ${ms(median(decode))}, preprocessing ${ms(median(prep))}, session.run ${ms(median(run))}`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  app.stop();
}
console.log(
  `\nos.loadavg(): ${loadavg()
    .map((v) => v.toFixed(2))
    .join(', ')} (2 CPU cores)`,
);
console.log(`worst in-app / session.run: ${worst.toFixed(2)}×`);
