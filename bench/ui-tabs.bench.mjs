// Rate change → screen, tab by tab (issue 14): for each view, the main thread's work per change of the
// global activation rate (CPU time of the page's main-thread tasks in a Chrome trace, from the change to
// the paint after it) and the change-to-paint time (from the value change to the paint after the header
// and the tab's content show results of the new configuration, read from the app's probe,
// renderer/src/perf/probe.ts). ResNet-101 / V100, every change a rate the app has not seen before,
// 1440×900 and 1280×800, Debian's Chromium with the software compositor (--disable-gpu); the 3D view
// draws with SwiftShader GL and its WebGL renders per animation frame are counted. Then a drag: an input
// event every frame for two seconds on the Curves and 3D tabs (frames kept, renders per frame, catch-up).
// Wall-clock figures: the load average is printed beside them.
import os from 'node:os';
import { dragChanges } from './support/dragChange.mjs';
import { launchChromium, serveBuiltApp } from './support/webApp.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4181);
const CHANGES = Number(process.env.BENCH_TAB_CHANGES ?? 40);
const WARMUP = 3;
/** Runs of the measurement without a change: its own main-thread cost and the frame it waits for (BENCH_IDLE_RUNS). */
const IDLE_RUNS = Number(process.env.BENCH_IDLE_RUNS ?? 20);
const ALL_VIEWPORTS = [
  [1440, 900],
  [1280, 800],
];
/** Tabs and the probe areas that must show the new configuration ('set' does not depend on rates). */
const ALL_TABS = [
  { id: 'curves', label: 'Curves', areas: ['header', 'curves'], target: true },
  { id: 'breakdown', label: 'Breakdown', areas: ['header', 'breakdown'], target: true },
  { id: 'theory', label: 'Theory', areas: ['header', 'theory'], target: true },
  { id: 'hardware', label: 'Hardware', areas: ['header', 'hardware'], target: true },
  { id: 'masks', label: 'Masks', areas: ['header', 'masks'], target: true },
  { id: 'space', label: '3D (SwiftShader)', areas: ['header', 'space'], target: false },
  { id: 'set', label: 'Image set (empty)', areas: ['header'], target: false },
];
// BENCH_TABS=curves,masks and BENCH_VIEWPORTS=1440 narrow a run while working on one view.
const only = (name) => process.env[name]?.split(',').filter(Boolean) ?? null;
const TABS = ALL_TABS.filter((t) => !only('BENCH_TABS') || only('BENCH_TABS').includes(t.id));
const VIEWPORTS = ALL_VIEWPORTS.filter(
  ([w]) => !only('BENCH_VIEWPORTS') || only('BENCH_VIEWPORTS').includes(String(w)),
);

// BENCH_WAYS=drag or =typed: only the mouse drag, or only the typed values (and the drags after them).
const WAYS = only('BENCH_WAYS') ?? ['drag', 'typed'];

const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1] };
};
const f = (x) => x.toFixed(1).padStart(6);

/** Rates never used before in this run: golden-ratio steps over 0.12…0.88, four decimals. */
let counter = 0;
function freshRate() {
  counter++;
  return Number((0.12 + 0.76 * ((counter * 0.6180339887498949) % 1)).toFixed(4));
}

/** In the page: sets the global rate (number box), waits for the areas, then for the paint after. */
function changeInPage({ value, areas, change, index }) {
  const probe = window.__laudnetProbe;
  const input = document.querySelector('[data-testid="global-rate-number"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  // A message posted from a frame callback runs after that frame is painted (one channel for all
  // changes, made at the first: a new MessageChannel per change cost the page more than its message).
  window.__laudAfterPaint ??= (() => {
    const channel = new MessageChannel();
    const waiting = [];
    channel.port1.onmessage = () => waiting.shift()?.(performance.now());
    return () =>
      new Promise((r) =>
        requestAnimationFrame(() => {
          waiting.push(r);
          channel.port2.postMessage(0);
        }),
      );
  })();
  const afterPaint = window.__laudAfterPaint;
  return (async () => {
    const t0 = performance.now();
    performance.mark(`laud-c${index}-s`);
    if (change) {
      setter.call(input, String(value));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    // Checked after each paint: the app applies worker results in frame callbacks, which may run after
    // a check made in a frame callback of the same frame.
    let t1;
    let frames = 0;
    for (;;) {
      t1 = await afterPaint();
      frames++;
      if (probe.isDrawn(...areas)) break;
      if (performance.now() - t0 > 10000) throw new Error(`${areas.join('+')} not drawn in 10 s`);
    }
    performance.mark(`laud-c${index}-e`);
    return { ms: t1 - t0, frames };
  })();
}

/**
 * Main-thread CPU time per change from a Chrome trace: the thread time (`tdur`, not wall time, so a
 * loaded machine's waiting is not counted) of every top-level task on the page's main thread that
 * overlaps the change's window, between the page's `laud-c<i>-s` and `laud-c<i>-e` marks.
 */
function mainThreadMs(traceBuffer, indices) {
  const events = JSON.parse(traceBuffer.toString()).traceEvents;
  const marks = new Map();
  let main = null;
  for (const e of events) {
    if (e.cat === 'blink.user_timing' && e.name.startsWith('laud-c')) {
      marks.set(e.name, e.ts);
      main = { pid: e.pid, tid: e.tid };
    }
  }
  if (!main) throw new Error('no change marks in the trace');
  const tasks = events.filter(
    (e) =>
      e.ph === 'X' &&
      e.name === 'ThreadControllerImpl::RunTask' &&
      e.pid === main.pid &&
      e.tid === main.tid,
  );
  const out = [];
  for (const i of indices) {
    const s = marks.get(`laud-c${i}-s`);
    const end = marks.get(`laud-c${i}-e`);
    if (s === undefined || end === undefined) throw new Error(`change ${i} has no marks`);
    let us = 0;
    for (const t of tasks) if (t.ts < end && t.ts + t.dur > s) us += t.tdur ?? t.dur;
    out.push(us / 1000);
  }
  return out;
}

async function openApp(browser, url, width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('model-select').selectOption('resnet101');
  await page.getByTestId('hardware-select').selectOption('v100');
  await page.waitForFunction(() =>
    document
      .querySelector('[data-testid="status-predictor"]')
      ?.textContent?.includes('Predicted in'),
  );
  await page.evaluate(`window.__laudBenchChange = ${changeInPage.toString()};`);
  return page;
}

async function measureTab(browser, page, tab) {
  await page.locator(`#tab-${tab.id}`).click();
  await page.waitForFunction((areas) => window.__laudnetProbe?.isDrawn(...areas), tab.areas, {
    timeout: 30000,
  });
  // The change function is compiled in the page once; each change then evaluates a one-line call, so
  // the measurement's own main-thread cost (printed as "the measurement itself") stays small.
  const run = (change, index) =>
    page.evaluate(
      `window.__laudBenchChange(${JSON.stringify({
        value: change ? freshRate() : 0,
        areas: tab.areas,
        change,
        index,
      })})`,
    );
  for (let i = 0; i < WARMUP; i++) await run(true, 1000 + i);
  await page.evaluate(() => performance.clearMarks());
  const renders0 = await page.evaluate(() => window.__laudnetProbe.spaceRenders);
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  const paint = [];
  let oneFrame = 0;
  for (let i = 0; i < CHANGES; i++) {
    const r = await run(true, i);
    paint.push(r.ms);
    if (r.frames === 1) oneFrame++;
  }
  // Without a change: what the measurement itself costs (evaluate, marks, one frame).
  const still = [];
  for (let i = 0; i < IDLE_RUNS; i++) still.push((await run(false, CHANGES + i)).ms);
  const trace = await browser.stopTracing();
  const renders = (await page.evaluate(() => window.__laudnetProbe.spaceRenders)) - renders0;
  const cpu = mainThreadMs(
    trace,
    Array.from({ length: CHANGES + IDLE_RUNS }, (_, i) => i),
  );
  return {
    main: stats(cpu.slice(0, CHANGES)),
    paint: stats(paint),
    idle: stats(cpu.slice(CHANGES)).p50,
    renders,
    oneFrame,
    still: stats(still),
  };
}

/**
 * The slider dragged with the mouse to CHANGES new rates on a fresh page (so no value has been shown
 * before), the mouse resting between moves: main-thread CPU per change (trace, as above), the
 * change-to-paint time from the `input` event's dispatch (Chromium dispatches a drag's moves at the
 * start of a frame) and the input delay before it.
 */
async function measureDragTab(browser, url, width, height, tab) {
  const page = await openApp(browser, url, width, height);
  await page.locator(`#tab-${tab.id}`).click();
  await page.waitForFunction((areas) => window.__laudnetProbe?.isDrawn(...areas), tab.areas, {
    timeout: 30000,
  });
  const changes = await dragChanges(page, {
    areas: tab.areas,
    count: CHANGES,
    warmup: WARMUP,
    still: IDLE_RUNS,
    onCounting: () => browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] }),
  });
  const trace = await browser.stopTracing();
  await page.close();
  return {
    main: stats(
      mainThreadMs(
        trace,
        changes.map((c) => c.index),
      ),
    ),
    still: stats(
      mainThreadMs(
        trace,
        changes.still.map((c) => c.index),
      ),
    ).p50,
    paint: stats(changes.map((c) => c.ms)),
    delay: stats(changes.map((c) => c.delay)),
    oneFrame: changes.filter((c) => c.frames === 1).length,
  };
}

/** A drag: an input event on the range slider in every animation frame for `frames` frames. */
function dragInPage({ frames, areas, start }) {
  const probe = window.__laudnetProbe;
  const slider = document.querySelector('[data-testid="global-rate"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  return new Promise((resolve, reject) => {
    const stamps = [];
    const renders0 = probe.spaceRenders;
    probe.spaceMaxRendersPerFrame = 0;
    const step = (ts) => {
      stamps.push(ts);
      if (stamps.length <= frames) {
        const v = Math.round((start + 0.3 * Math.sin(stamps.length / 9)) * 100) / 100;
        setter.call(slider, String(v));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(step);
        return;
      }
      const t0 = performance.now();
      const wait = () => {
        if (probe.isDrawn(...areas)) {
          const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
          resolve({
            gaps,
            catchUp: performance.now() - t0,
            renders: probe.spaceRenders - renders0,
            maxPerFrame: probe.spaceMaxRendersPerFrame,
          });
        } else if (performance.now() - t0 > 10000) reject(new Error('drag did not settle'));
        else requestAnimationFrame(wait);
      };
      wait();
    };
    requestAnimationFrame(step);
  });
}

const app = await serveBuiltApp(PORT);
try {
  const browser = await launchChromium();
  console.log(
    `rate change → screen per tab (ResNet-101, V100, ${CHANGES} new rates per tab, software compositor; 3D: SwiftShader GL)`,
  );
  console.log(
    `load average before: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  for (const [width, height] of VIEWPORTS) {
    if (WAYS.includes('drag')) {
      console.log(
        `\n${width}×${height}, the slider dragged with the mouse (a fresh page per tab)\n` +
          `                        main thread CPU ms            change→paint ms        input delay ms`,
      );
      console.log(
        `  tab                   median    p95   own         p50    p95    max       p50    p95`,
      );
      for (const tab of TABS) {
        const r = await measureDragTab(browser, app.url, width, height, tab);
        const over = tab.target && r.paint.p95 >= 16 ? '   (p95 over 16)' : '';
        console.log(
          `  ${tab.label.padEnd(20)} ${f(r.main.p50)} ${f(r.main.p95)} ${f(r.main.p50 - r.still)}      ${f(r.paint.p50)} ${f(r.paint.p95)} ${f(r.paint.max)}    ${f(r.delay.p50)} ${f(r.delay.p95)}   shown in that frame: ${r.oneFrame}/${CHANGES}${over}`,
        );
      }
      console.log(
        '  ("own": the median less the median of the same measurement for a move of the pressed mouse that keeps the value, measured per tab: its pointer events, the measurement\'s frame callback and message)',
      );
      console.log(
        "  (change→paint: from the input event's dispatch, at the start of a frame, to the end of the frame that shows the new rate in the header and the tab; input delay: from the pointer move's arrival to that dispatch, the wait for the frame clock)",
      );
    }
    if (!WAYS.includes('typed')) continue;
    const page = await openApp(browser, app.url, width, height);
    console.log(
      `\n${width}×${height}, a new value typed in the number box (unaligned: it waits for the next frame)`,
    );
    console.log(`                        main thread CPU ms            change→paint ms`);
    console.log(`  tab                   median    p95   own        p50    p95    max`);
    for (const tab of TABS) {
      const r = await measureTab(browser, page, tab);
      const frames = `   shown in the first frame: ${r.oneFrame}/${CHANGES}`;
      const extra =
        tab.id === 'space'
          ? `   renders ${r.renders} for ${CHANGES} changes`
          : tab.target && r.paint.p95 >= 16
            ? '   (p95 over 16)'
            : '';
      console.log(
        `  ${tab.label.padEnd(20)} ${f(r.main.p50)} ${f(r.main.p95)} ${f(r.main.p50 - r.idle)}     ${f(r.paint.p50)} ${f(r.paint.p95)} ${f(r.paint.max)}${frames}${extra}`,
      );
      if (tab.id === 'curves')
        console.log(
          `  (the measurement itself: ${r.idle.toFixed(1)} ms of main thread without a change, included in median and p95; "own": the median less the measurement's own cost, measured per tab)`,
        );
      if (tab.target)
        console.log(
          `      the same measurement without a change (${IDLE_RUNS} runs, the frame alone): p50 ${r.still.p50.toFixed(1)}, p95 ${r.still.p95.toFixed(1)}, max ${r.still.max.toFixed(1)} ms`,
        );
    }
    if (width === 1440) {
      for (const tab of TABS.filter((t) => t.id === 'curves' || t.id === 'space')) {
        await page.locator(`#tab-${tab.id}`).click();
        await page.waitForFunction((areas) => window.__laudnetProbe.isDrawn(...areas), tab.areas);
        const d = await page.evaluate(dragInPage, { frames: 120, areas: tab.areas, start: 0.5 });
        const g = stats(d.gaps);
        const fps = 1000 / (d.gaps.reduce((a, b) => a + b, 0) / d.gaps.length);
        console.log(
          `  drag on ${tab.label}: ${fps.toFixed(0)} frames/s of input handling, frame gap p50 ${g.p50.toFixed(1)} / p95 ${g.p95.toFixed(1)} / max ${g.max.toFixed(1)} ms, catch-up after release ${d.catchUp.toFixed(1)} ms` +
            (tab.id === 'space'
              ? `, ${d.renders} WebGL renders in ${d.gaps.length + 1} frames, at most ${d.maxPerFrame} per frame`
              : ''),
        );
      }
    }
    await page.close();
  }
  await browser.close();
  console.log(
    `\nload average after: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    'targets: main thread < 8 ms median on every tab; change→paint p95 < 16 ms on Curves, Breakdown, Theory, Hardware, Masks; 3D at most one render per frame',
  );
} finally {
  app.stop();
}
