// Set view first paint for a 50,000-image summary: from the moment the file input reports the picked
// summary to the frame after the set view has drawn its per-block distributions (the summary read in
// the page, parsed and summarised in the set worker, the overview rendered). Median of 5 opens in the
// built web app in Debian's Chromium. The summary is generated first (bench/support/make-large-set.ts,
// which also prints the worker's read + overview time in Node).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, serveBuiltApp } from './support/webApp.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4189);
const IMAGES = 50_000;
const RUNS = 5;
const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'laudnet-set-bench-'));
const summaryPath = join(work, 'summary.npz');

const made = spawnSync(
  'npx',
  ['tsx', join(root, 'bench', 'support', 'make-large-set.ts'), String(IMAGES), summaryPath],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (made.status !== 0) process.exit(1);

const app = await serveBuiltApp(PORT);
const stop = () => {
  app.stop();
  rmSync(work, { recursive: true, force: true });
};

try {
  const browser = await launchChromium();
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole('tab', { name: 'Image set' }).click();
    // Start the clock when the picked file reaches the page; stop it one frame after the boxes exist.
    await page.evaluate(() => {
      window.__setBench = new Promise((resolve) => {
        document.addEventListener(
          'change',
          () => {
            const t0 = performance.now();
            const poll = () => {
              if (document.querySelector('[data-testid="set-rate-box"]')) {
                requestAnimationFrame(() => resolve(performance.now() - t0));
              } else {
                requestAnimationFrame(poll);
              }
            };
            poll();
          },
          { capture: true, once: true },
        );
      });
    });
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-set-files').click();
    await (await chooser).setFiles(summaryPath);
    times.push(await page.evaluate(() => window.__setBench));
    const shown = await page.getByTestId('set-summary').textContent();
    if (!shown?.includes('50,000')) throw new Error(`the set view shows "${shown}"`);
    const rows = await page.getByTestId('set-rank-row').count();
    if (rows > 100) throw new Error(`${rows} rank rows in the DOM: the list is not virtualised`);
    await page.close();
  }
  await browser.close();
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `set view first paint, ${IMAGES.toLocaleString('en-US')}-image summary picked → distributions painted (${RUNS} opens):`,
  );
  console.log(
    `  median ${sorted[Math.floor(RUNS / 2)].toFixed(0)} ms   min ${sorted[0].toFixed(0)} ms   max ${sorted[RUNS - 1].toFixed(0)} ms   (target < 1500 ms)`,
  );
  // Wall-clock figures: on a machine whose load exceeds its cores they measure the queue, not the app.
  console.log(`  load average ${loadavg()[0].toFixed(1)} on this machine during the run`);
} finally {
  stop();
}
