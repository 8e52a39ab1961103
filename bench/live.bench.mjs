// Live masks (issue 15) in the built web app, Debian Chromium: for the committed test ONNX and a
// ResNet-50-sized model, the session creation time, the first-mask time (model file picked → first live
// masks in the store), then:
// - single image: the in-app time per image, from the image file given to the app (the file input's
//   change event) to its live masks ready in the app (the store holds them and the masks view has
//   rendered them: file read, decode, preprocessing, session.run, mask mapping, transfers, store update,
//   render), against onnxruntime-web's own `session.run` time for the same image (timed around
//   session.run in the worker);
// - batch over a folder: the app's wall time from the folder given to the set statistics ready, divided
//   by the images, against the mean session.run time of the same images.
// The photos are the app's sample photos (assets/samples, 500–773 px JPEGs), in turn. Target: ≤ 1.3×.
// On a shared machine wall times follow the load: LIVE_BENCH_TRACE=1 adds one batch under a Chrome
// trace and prints the CPU per image by thread and event (between the app's user timing marks around
// the images); LIVE_BENCH_URL=http://… measures an app served elsewhere (an A/B build), without building.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, serveBuiltApp } from './support/webApp.mjs';
import { resnet50SizedModel, testModelPath } from './support/live-models.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4224);
const IMAGES = Number(process.env.LIVE_BENCH_IMAGES ?? 11);
const BATCH = Number(process.env.LIVE_BENCH_BATCH ?? 20);
const BATCH_RUNS = Math.max(1, Number(process.env.LIVE_BENCH_BATCH_RUNS ?? 2));
const root = new URL('..', import.meta.url).pathname;
const samples = join(root, 'assets', 'samples');
const photos = readdirSync(samples)
  .filter((f) => f.endsWith('.jpg'))
  .sort()
  .map((f) => ({ file: f, bytes: readFileSync(join(samples, f)) }));
const batchDir = mkdtempSync(join(tmpdir(), 'live-bench-'));
mkdirSync(join(batchDir, 'photos'));
for (let i = 0; i < BATCH; i++) {
  const p = photos[i % photos.length];
  copyFileSync(
    join(samples, p.file),
    join(batchDir, 'photos', `${String(i).padStart(3, '0')}-${p.file}`),
  );
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v) => `${v.toFixed(1)} ms`;

// LIVE_BENCH_MODELS=tiny or r50 measures one of the two (default: both).
const which = process.env.LIVE_BENCH_MODELS ?? 'tiny,r50';
const models = which.includes('tiny')
  ? [{ label: 'test model (tiny-mixed.onnx)', path: testModelPath() }]
  : [];
const wide = which.includes('r50') ? resnet50SizedModel() : null;
if (wide) models.push({ label: 'ResNet-50-sized (random weights)', path: wide });
else if (which.includes('r50'))
  console.log('ResNet-50-sized model: not measured (the exporter could not run here)');

// LIVE_BENCH_URL serves the app from elsewhere (an A/B build under `vite preview --outDir`): no build here.
const app = process.env.LIVE_BENCH_URL
  ? { url: process.env.LIVE_BENCH_URL, stop: () => {} }
  : await serveBuiltApp(PORT);
// LIVE_BENCH_TRACE=1 runs one more batch (sessions kept) under a Chrome trace of every thread and
// prints the CPU time (trace `tdur`) per image by thread and by event.
const TRACE = process.env.LIVE_BENCH_TRACE === '1';
const TRACE_CATEGORIES = [
  'toplevel',
  'v8',
  'blink.user_timing',
  'blink',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
];

/**
 * CPU per thread and per event (self time, trace `tdur` less its children's) over a trace, for the
 * renderer process of the page (its main thread, workers, and the media / thread-pool threads), the
 * GPU and browser processes too.
 */
function cpuOfTrace(all) {
  // The batch's images only (the app marks them), when the marks are there.
  const mark = (name) => all.find((e) => e.name === name && e.cat?.includes('user_timing'))?.ts;
  const from = mark('laudnet live batch: images start') ?? -Infinity;
  const to = mark('laudnet live batch: images end') ?? Infinity;
  const events = all.filter((e) => e.ph === 'M' || (e.ts >= from && e.ts + (e.dur ?? 0) <= to));
  const names = new Map();
  const procs = new Map();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.name === 'process_name') procs.set(e.pid, e.args?.name ?? '?');
  }
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const key = `${e.pid}:${e.tid}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  const threads = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const self = new Map();
    const stack = [];
    let total = 0;
    const cpu = (e) => (typeof e.tdur === 'number' ? e.tdur : e.dur) / 1000;
    const close = (until) => {
      while (stack.length > 0 && stack[stack.length - 1].end <= until) {
        const top = stack.pop();
        self.set(top.name, (self.get(top.name) ?? 0) + Math.max(0, top.cpu - top.children));
      }
    };
    for (const e of list) {
      close(e.ts);
      const c = cpu(e);
      const parent = stack[stack.length - 1];
      if (parent) parent.children += c;
      else total += c;
      stack.push({ name: e.name, end: e.ts + e.dur, cpu: c, children: 0 });
    }
    close(Infinity);
    const pid = Number(key.split(':')[0]);
    threads.push({ name: `${procs.get(pid) ?? pid} / ${names.get(key) ?? key}`, total, self });
  }
  threads.sort((a, b) => b.total - a.total);
  return { threads, windowMs: Number.isFinite(to - from) ? (to - from) / 1000 : null };
}

function printCpu({ threads, windowMs }, images) {
  const all = threads.reduce((s, t) => s + t.total, 0);
  const span = windowMs === null ? 'the whole trace' : `the images' ${ms(windowMs)}`;
  console.log(
    `    CPU per image from the trace over ${span} (tdur of top-level tasks, every thread): ${ms(all / images)}`,
  );
  for (const t of threads.filter((x) => x.total / images >= 0.2).slice(0, 14)) {
    const top = [...t.self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([n, v]) => `${n} ${(v / images).toFixed(1)}`)
      .join(', ');
    console.log(`      ${t.name}: ${ms(t.total / images)} (self: ${top})`);
  }
}

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
    const masks = [];
    let shared = 0;
    let imageDecoder = 0;
    /** Per image: the worker's steps and the page's phases (ms). */
    const phases = [];
    for (let i = 0; i < IMAGES; i++) {
      const photo = photos[i % photos.length];
      const name = `${i}-${photo.file}`;
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
      await chosen.setFiles({ name, mimeType: 'image/jpeg', buffer: photo.bytes });
      const elapsed = await page.evaluate(
        (want) =>
          new Promise((resolve) => {
            const poll = () => {
              const s = window.__laudnetLiveStatus?.();
              // The masks are in the store: the poll runs after the render they caused.
              if (s?.image === want && window.__liveBenchT0 !== null)
                resolve(performance.now() - window.__liveBenchT0);
              else setTimeout(poll, 1);
            };
            poll();
          }),
        name,
      );
      const s = await status();
      const origin = await page.evaluate(() => performance.timeOrigin + window.__liveBenchT0);
      if (i === 0) continue; // the first image warms caches up
      const at = s.timing.at ?? {};
      phases.push({
        ...s.timing.steps,
        'page: change → bytes at the live actions': at.opening - origin,
        'page → worker (bytes posted)': at.workerStart - at.opening,
        'worker → page (result posted)': at.arrived - at.workerEnd,
        'page: result → masks in the store': at.shown - at.arrived,
        'store → the bench sees them (render)': origin + elapsed - at.shown,
      });
      wall.push(elapsed);
      run.push(s.timing.runMs);
      total.push(s.timing.totalMs);
      decode.push(s.timing.decodeMs);
      prep.push(s.timing.preprocessMs);
      masks.push(s.timing.masksMs);
      shared += s.timing.sharedDecode ? 1 : 0;
      imageDecoder += s.timing.decoder === 'image-decoder' ? 1 : 0;
    }
    const ratio = median(wall) / median(run);
    worst = Math.max(worst, ratio);
    console.log(
      `\n${model.label} (load average ${loadavg()[0].toFixed(2)} at the end of its single images)`,
    );
    console.log(
      `  session creation ${ms(first.createMs)}, first masks ${ms(firstMaskMs)} (model file picked → masks), ${first.threads} thread(s)`,
    );
    console.log(
      `  single image (median of ${wall.length}): in-app ${ms(median(wall))} (image file given → its masks ready in the app), session.run ${ms(median(run))} → ${ratio.toFixed(2)}× (target ≤ 1.3×)`,
    );
    console.log(
      `    where it goes (medians): worker ${ms(median(total))} = decode ${ms(median(decode))} + preprocessing ${ms(median(prep))} + session.run ${ms(median(run))} + outputs → masks ${ms(median(masks))}; outside the worker (file read, transfers, store, render) ${ms(median(wall) - median(total))}; decoded once (the view showed the live decode) for ${shared} of ${wall.length}, by WebCodecs' ImageDecoder for ${imageDecoder} of ${wall.length}`,
    );
    console.log(
      `    fastest image: in-app ${ms(Math.min(...wall))}, session.run ${ms(Math.min(...run))}, decode ${ms(Math.min(...decode))}, preprocessing ${ms(Math.min(...prep))} (minima over the images; a loaded machine inflates medians)`,
    );
    const keys = [...new Set(phases.flatMap((p) => Object.keys(p)))];
    console.log(
      `    steps in order (median / min over the images, ms): ${keys
        .map((k) => {
          const xs = phases.map((p) => p[k]).filter((v) => Number.isFinite(v));
          return `${k} ${median(xs).toFixed(1)} / ${Math.min(...xs).toFixed(1)}`;
        })
        .join('; ')}`,
    );
    if (BATCH === 0) {
      await page.close();
      continue;
    }
    // Batch over a folder: images pipelined (the next decoded and preprocessed while one runs).
    // LIVE_BENCH_POOL=off|W:T sets the batch workers' layout (default: the app's own).
    await page.evaluate((pool) => {
      if (pool) localStorage.setItem('laudnet.liveBatchPool', pool);
      else localStorage.removeItem('laudnet.liveBatchPool');
    }, process.env.LIVE_BENCH_POOL ?? null);
    // LIVE_BENCH_BATCH_RUNS (default 2): the first batch creates the batch sessions, the next keep them.
    let previousWall = null;
    for (let runIndex = 0; runIndex < BATCH_RUNS + (TRACE ? 1 : 0); runIndex++) {
      const traced = runIndex === BATCH_RUNS;
      if (traced)
        await browser.startTracing(undefined, { categories: TRACE_CATEGORIES, screenshots: false });
      await page.getByRole('tab', { name: 'Masks over images' }).click();
      const chooser2 = page.waitForEvent('filechooser');
      await page.getByTestId('live-batch-run').click();
      const t1 = Date.now();
      await (await chooser2).setFiles(join(batchDir, 'photos'));
      await page.waitForFunction(
        ([n, before]) => {
          const b = window.__laudnetLiveStatus?.().batch;
          return (b?.images ?? 0) === n && b.wallMs !== before;
        },
        [BATCH, previousWall],
        { timeout: 600_000, polling: 20 },
      );
      const benchWall = Date.now() - t1;
      const { batch } = await status();
      let threadsCpu = null;
      if (traced) {
        const buffer = await browser.stopTracing();
        // LIVE_BENCH_TRACE_OUT=FILE keeps the trace (open it in Perfetto or chrome://tracing).
        if (process.env.LIVE_BENCH_TRACE_OUT)
          writeFileSync(process.env.LIVE_BENCH_TRACE_OUT, buffer);
        threadsCpu = cpuOfTrace(JSON.parse(buffer.toString()).traceEvents);
      }
      previousWall = batch.wallMs;
      const perImage = batch.wallMs / batch.images;
      const per = (v) => ms(v / batch.images);
      const runPerImage = batch.times.runMs / batch.images;
      const batchRatio = perImage / runPerImage;
      if (!traced) worst = Math.max(worst, batchRatio);
      console.log(
        `  batch ${runIndex + 1} of ${BATCH_RUNS}${traced ? ' (traced: figures inflated by the trace)' : ''}: ${batch.images} images (folder given → last image's masks added to the set statistics): ${ms(perImage)} per image in the app (wall ${ms(batch.wallMs)}; ${ms(benchWall / batch.images)} to the set view shown, seen from the bench), session.run ${ms(runPerImage)} per image → ${batchRatio.toFixed(2)}× (target ≤ 1.3×)`,
      );
      const t = batch.times;
      const sessions = batch.sessions
        ? `${batch.sessions.length} batch worker(s), session threads ${batch.sessions.map((x) => x.threads).join(' + ')}, created in ${batch.sessions.map((x) => ms(x.createMs)).join(' / ')} (ready ${ms(batch.startMs ?? 0)} after the folder was given, not in the per-image figure)`
        : `the live worker's own session (${first.threads} thread(s))`;
      console.log(
        `    ran on ${sessions}; per image against the single image's session.run (${ms(median(run))}, ${first.threads} thread(s)): ${(perImage / median(run)).toFixed(2)}×`,
      );
      console.log(
        `    worker per image: decode ${per(t.decodeMs)}, preprocessing ${per(t.preprocessMs)}, session.run ${per(t.runMs)}, outputs → masks ${per(t.masksMs)}, set statistics ${per(t.addMs)} (decode and preprocessing overlap the previous image's run)`,
      );
      if (threadsCpu) printCpu(threadsCpu, batch.images);
    }
    await page.close();
  }
} finally {
  await browser.close();
  app.stop();
  rmSync(batchDir, { recursive: true, force: true });
}
console.log(
  `\nos.loadavg(): ${loadavg()
    .map((v) => v.toFixed(2))
    .join(', ')} (2 CPU cores)`,
);
console.log(`worst in-app / session.run (single image and batch): ${worst.toFixed(2)}×`);
