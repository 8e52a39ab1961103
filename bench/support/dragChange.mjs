// A rate change as a drag of the global slider makes it (ui-tabs bench): the mouse, pressed on the
// slider, moves through Chrome's input pipeline (CDP `Input.dispatchMouseEvent`), so Chromium queues
// each pointer move and dispatches it at the start of the next frame, as it does for a user's drag.
// Per change: the input delay (the pointer event's arrival to its `input` event's dispatch: the frame
// clock's phase, not the app's doing), the change-to-paint time (from that dispatch to the end of the
// frame that shows the new configuration in the header and the tab's content) and the marks for the
// main-thread CPU figure.

/** In the page: listeners on the window, in the capture phase, so they run before the app's own. */
function installInPage() {
  const slider = document.querySelector('[data-testid="global-rate"]');
  const state = { arrival: 0, armed: null, afterPaint: null };
  window.__laudDrag = state;
  // A message posted from a frame callback runs after that frame is painted. One channel for all
  // changes: a new MessageChannel per change cost the page more than its message.
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()?.(performance.now());
  state.afterPaint = () =>
    new Promise((r) =>
      requestAnimationFrame(() => {
        waiting.push(r);
        channel.port2.postMessage(0);
      }),
    );
  const begin = (armed) => {
    armed.t0 = performance.now();
    armed.delay = armed.t0 - state.arrival;
    performance.mark(`laud-c${armed.index}-s`);
    armed.start();
  };
  window.addEventListener(
    'pointermove',
    (e) => {
      state.arrival = e.timeStamp;
      // A move armed as `still` (it keeps the value) is timed from the pointer event itself.
      if (state.armed?.still && !state.armed.t0) begin(state.armed);
    },
    true,
  );
  window.addEventListener(
    'input',
    (e) => {
      const armed = state.armed;
      if (e.target === slider && armed && !armed.still && !armed.t0) begin(armed);
    },
    true,
  );
}

/**
 * In the page: arms the next slider change. `window.__laudDragDone` resolves after the paint that shows
 * `areas` drawn for it, or with `{ none: true }` when no change comes within `quietMs` (the move kept the
 * slider's value).
 */
function armInPage({ index, areas, quietMs, still }) {
  const probe = window.__laudnetProbe;
  const slider = document.querySelector('[data-testid="global-rate"]');
  const state = window.__laudDrag;
  const { afterPaint } = state;
  window.__laudDragDone = new Promise((resolve, reject) => {
    const quiet = setTimeout(() => {
      state.armed = null;
      resolve({ none: true });
    }, quietMs);
    state.armed = {
      index,
      still,
      t0: 0,
      delay: 0,
      start: async () => {
        clearTimeout(quiet);
        const armed = state.armed;
        let frames = 0;
        let t1;
        for (;;) {
          t1 = await afterPaint();
          frames++;
          if (probe.isDrawn(...areas)) break;
          if (t1 - armed.t0 > 10000)
            return reject(new Error(`${areas.join('+')} not drawn in 10 s`));
        }
        performance.mark(`laud-c${index}-e`);
        state.armed = null;
        resolve({ ms: t1 - armed.t0, delay: armed.delay, frames, value: Number(slider.value) });
      },
    };
  });
}

/** Rates in 0.12…0.88 at the slider's step (0.01), in golden-ratio order, each once. */
function* targetRates() {
  const seen = new Set();
  for (let k = 1; seen.size < 77; k++) {
    const v = Math.round((0.12 + 0.76 * ((k * 0.6180339887498949) % 1)) * 100) / 100;
    if (seen.has(v)) continue;
    seen.add(v);
    yield v;
  }
}

/**
 * Drags the slider of a freshly loaded page (every value but the first not yet shown) to `count` new
 * rates, after `warmup` uncounted ones. Between changes the mouse rests (the page is idle), so each
 * move arrives at a random phase of the frame clock. The mouse x for a rate is read off a straight line
 * fitted to the (x, value) pairs seen so far. Then `still` moves that keep the value (the control).
 * Returns the counted changes (an array, the control's moves as its `still`), with their mark indices.
 */
export async function dragChanges(page, { areas, count, warmup, onCounting, still = 0 }) {
  await page.evaluate(installInPage);
  const slider = page.getByTestId('global-rate');
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const start = await slider.evaluate((s) => Number(s.value));
  const seen = new Set([start]);
  // value ≈ a + b·x: guessed from the box (the thumb's half width, ≈ 8 px, clear of both ends) until
  // two moves to different x have been measured.
  const guess = [
    [box.x + 8, 0],
    [box.x + box.width - 8, 1],
  ];
  const measured = [];
  const line = () => {
    const pairs = new Set(measured.map((p) => p[0])).size >= 2 ? measured : guess;
    const mx = pairs.reduce((s, p) => s + p[0], 0) / pairs.length;
    const my = pairs.reduce((s, p) => s + p[1], 0) / pairs.length;
    let sxy = 0;
    let sxx = 0;
    for (const [x, v] of pairs) {
      sxy += (x - mx) * (v - my);
      sxx += (x - mx) ** 2;
    }
    const b = sxy / sxx;
    return (v) => (v - (my - b * mx)) / b;
  };
  // Straight CDP input, not Playwright's mouse (whose moves with a button held also run a drag-and-drop
  // probe in the page, work no user's drag causes).
  const cdp = await page.context().newCDPSession(page);
  const mouse = (type, x, dy = 0) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x,
      y: y + dy,
      button: 'left',
      buttons: type === 'mouseReleased' ? 0 : 1,
      clickCount: type === 'mouseMoved' ? 0 : 1,
    });
  await mouse('mousePressed', line()(start));
  const out = [];
  let index = 0;
  let counting = false;
  for (const target of targetRates()) {
    if (out.length >= count) break;
    if (seen.has(target)) continue;
    if (!counting && seen.size - 1 >= warmup) {
      counting = true;
      await onCounting?.();
    }
    const x = line()(target);
    await page.evaluate(armInPage, { index, areas, quietMs: 300 });
    await mouse('mouseMoved', x);
    const r = await page.evaluate(() => window.__laudDragDone);
    if (r.none) continue;
    measured.push([x, r.value]);
    if (!seen.has(r.value) && counting) out.push({ ...r, index });
    seen.add(r.value);
    index++;
  }
  // The control: moves of the pressed mouse by a pixel up or down, which keep the slider's value. What
  // they cost (pointer events, the measurement's own frame callback and message) is in every change too.
  const quiet = [];
  let x = line()(out.at(-1)?.value ?? start);
  for (let i = 0; i < still; i++) {
    await page.evaluate(armInPage, { index, areas: [], quietMs: 300, still: true });
    await mouse('mouseMoved', x, i % 2 ? 0 : 1);
    const r = await page.evaluate(() => window.__laudDragDone);
    if (!r.none) quiet.push({ ...r, index });
    index++;
  }
  x = line()(start);
  await mouse('mouseReleased', x);
  await cdp.detach();
  if (out.length < count) throw new Error(`only ${out.length} new rates reached by dragging`);
  // The changes, with the control's moves as `.still`.
  return Object.assign(out, { still: quiet });
}
