/**
 * Start-up structure (issue 14): the first screen's JavaScript holds neither three.js nor the chart
 * library, views and dialogs load on demand with a loading state, and a mask dump opened from another
 * tab reaches the lazily loaded masks view without decoding the default sample first. Structure only:
 * the timings are the benchmarks' (bench/ui-coldstart.bench.mjs, bench/ui-dump-open.bench.mjs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileChooser, Page, Route } from '@playwright/test';
import { test, expect } from './support/studio';

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const manifest = JSON.parse(
  readFileSync(join(process.cwd(), 'dist-web', '.vite', 'manifest.json'), 'utf8'),
) as Record<string, ManifestChunk>;

/** The chunks the page loads before any lazy import: the entry and its static imports, transitively. */
function initialChunks(): ManifestChunk[] {
  const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  if (!entries.length) throw new Error('the manifest names no entry chunk');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  for (const entry of entries) visit(entry);
  return [...seen].map((k) => manifest[k]!);
}

const chunkFile = (name: string) => {
  const chunk = Object.values(manifest).find((c) => c.name === name && c.file.endsWith('.js'));
  if (!chunk) throw new Error(`the manifest has no ${name} chunk`);
  return chunk.file;
};

/** Records the page's clock when the header first shows a latency number. */
async function watchFirstNumber(page: Page) {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      const text = document.querySelector('[data-testid="summary-ms-per-image"]')?.textContent;
      if (text && text !== '—') {
        (window as unknown as { __firstNumberAt: number }).__firstNumberAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** Holds back the responses of files matching `pattern` until `release()` is called. */
async function holdBack(page: Page, pattern: RegExp) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route: Route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

test('the entry chunk and its imports hold neither three.js nor the charts; views and dialogs are lazy', () => {
  const initial = initialChunks().map((c) => c.name ?? c.file);
  expect(initial).not.toContain('three');
  expect(initial).not.toContain('recharts');
  for (const view of ['Curves', 'Breakdown', 'Theory', 'Hardware', 'Masks', 'Space', 'Set'])
    expect(initial).not.toContain(`${view}View`);
  const entry = manifest['index.html'];
  if (!entry?.isEntry) throw new Error('the manifest has no index.html entry');
  const lazy = entry.dynamicImports ?? [];
  for (const src of [
    'src/views/curves/CurvesView.tsx',
    'src/views/masks/MasksView.tsx',
    'src/views/space/SpaceView.tsx',
    'src/views/set/SetView.tsx',
    'src/calibration/CalibrationDialog.tsx',
    'src/controls/GranularityDialog.tsx',
    'src/commands/Overlays.tsx',
  ])
    expect(lazy).toContain(src);
  // three.js is reached through the 3D view (directly or through a chunk it shares with the transformer's
  // 3D view).
  const reached = new Set<string>();
  const visit = (key: string) => {
    if (reached.has(key)) return;
    reached.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  visit('src/views/space/SpaceView.tsx');
  expect([...reached].map((k) => manifest[k]?.name)).toContain('three');
});

test('the first number is on screen before any chart or three.js code is requested', async ({
  studio,
  page,
}) => {
  await watchFirstNumber(page);
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  // A fresh context: empty storage, so the default configuration is predicted on the first load.
  await page.goto('/');
  await expect(studio.summary.msPerImage).not.toHaveText('—', { timeout: 30_000 });
  const { firstAt, scripts } = await page.evaluate(() => ({
    firstAt: (window as unknown as { __firstNumberAt: number }).__firstNumberAt,
    scripts: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js'))
      .map((e) => ({ file: e.name.split('/').pop()!, start: e.startTime })),
  }));
  expect(firstAt).toBeGreaterThan(0);
  const three = chunkFile('three').split('/').pop()!;
  const recharts = chunkFile('recharts').split('/').pop()!;
  const early = scripts.filter((s) => s.start < firstAt).map((s) => s.file);
  expect(early).not.toContain(three);
  expect(early).not.toContain(recharts);
  // The analysis worker was started by the page's first (inline) script, which the CSP admits by its
  // hash, and adopted by the application: no second analysis worker of that name.
  const boot = await page.evaluate(() => {
    const w = window as unknown as {
      __laudnetBootWorkers?: { analysis?: unknown };
      __cspViolations: string[];
    };
    return {
      started: w.__laudnetBootWorkers?.analysis instanceof Worker,
      // zod probes once whether it may compile parsers with `new Function` (refused, as intended).
      violations: w.__cspViolations.filter((v) => v !== 'script-src eval'),
    };
  });
  expect(boot).toEqual({ started: true, violations: [] });
  // The curves view follows the number (its chart once the curves are computed).
  await expect(page.getByRole('group', { name: 'Curve scope' })).toBeVisible();
  await expect(page.getByTestId('view-loading')).toHaveCount(0);
  expect(studio.consoleErrors).toEqual([]);
});

test('a view whose code is loading shows a loading state in its pane, then the view', async ({
  studio,
  page,
}) => {
  await studio.open();
  const release = await holdBack(page, /\/assets\/(SpaceView|three)-[^/]+\.js$/);
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(size);
    if (size.width === 1024) await studio.openView('space');
    const loading = page.getByTestId('view-loading');
    await expect(loading).toHaveText('Loading 3D view…');
    // The pane keeps its place: the strip below the view does not move while the view loads.
    await expect(loading).toBeVisible();
    await studio.screenshot(`startup-view-loading-${size.width}x${size.height}`);
  }
  const stripBefore = await page.locator('.strip-dock').boundingBox();
  release();
  await expect(page.getByTestId('view-loading')).toHaveCount(0);
  await expect(page.locator('.strip-dock')).toHaveCount(1);
  expect(await page.locator('.strip-dock').boundingBox()).toEqual(stripBefore);
  await studio.screenshot('startup-view-loaded-1440x900');
  expect(studio.consoleErrors).toEqual([]);
});

test('a dump opened from the curves tab reaches the masks view while its code loads, without the sample', async ({
  studio,
  page,
}) => {
  const samples: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/(dog|eagle|giraffe|horses|person)-[^/]+\.jpg$/.test(r.url()))
      samples.push(r.url());
  });
  // Held from the start: the page prefetches the masks view's chunk once idle after the first number,
  // which can be before studio.open() returns.
  const release = await holdBack(page, /\/assets\/MasksView-[^/]+\.js$/);
  await studio.open();
  // On a loaded machine the shortcut can land before the page handles keys; press again until the
  // picker opens (the assertions below are unchanged).
  let chooser: FileChooser | null = null;
  for (let attempt = 0; attempt < 5 && !chooser; attempt++) {
    const next = page.waitForEvent('filechooser', { timeout: 8_000 });
    await page.keyboard.press('Control+Alt+KeyO');
    chooser = await next.catch(() => null);
  }
  if (!chooser) throw new Error('Ctrl+Alt+O never opened the file picker');
  await chooser.setFiles(join(process.cwd(), 'e2e', 'fixtures', 'resnet50-spatial.laudmask.npz'));
  await expect(page.getByRole('tab', { name: 'Masks over images' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByTestId('view-loading')).toHaveText('Loading masks over images…');
  await page.waitForTimeout(300); // the open request waits for the view, it does not give up
  release();
  const view = page.getByTestId('masks-view');
  await expect(view).toHaveAttribute('data-drawn-source', 'dump');
  await expect(page.getByTestId('mask-overlay-title')).toContainText(
    'resnet50-spatial.laudmask.npz',
  );
  await expect(page.locator('[data-testid^="mask-tile-rate-"]')).toHaveCount(16);
  await expect(studio.errors).toHaveCount(0);
  expect(samples).toEqual([]);
  expect(studio.consoleErrors).toEqual([]);
});

test('a saved session is restored before the first render: its tab and its number are the first shown', async ({
  studio,
  page,
}) => {
  await studio.open();
  await studio.tuner.model.selectOption('resnet101');
  await studio.tuner.hardware.selectOption('3090');
  await studio.openView('breakdown');
  await studio.waitForPrediction();
  const restored = await studio.summary.msPerImage.textContent();
  expect(restored).toMatch(/\d/);
  // Autosave is debounced; the page flushes it when hidden, and reload hides it.
  await page.waitForTimeout(600);
  // Every number the header shows from the reload on, and the tab selected when the first one shows.
  await page.addInitScript(() => {
    const seen: string[] = [];
    const w = window as unknown as { __numbers: string[]; __tabAtFirst?: string };
    w.__numbers = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="summary-ms-per-image"]')?.textContent;
      if (!text || text === '—' || seen.at(-1) === text) return;
      seen.push(text);
      w.__tabAtFirst ??= document.querySelector('[role="tab"][aria-selected="true"]')?.id;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.reload();
  await expect(studio.summary.msPerImage).toHaveText(restored!);
  await expect(studio.tuner.model).toHaveValue('resnet101');
  const { numbers, tab } = await page.evaluate(() => {
    const w = window as unknown as { __numbers: string[]; __tabAtFirst?: string };
    return { numbers: w.__numbers, tab: w.__tabAtFirst };
  });
  // No default configuration's number first (ResNet-50 on the V100), no jump from the Curves tab.
  expect(numbers).toEqual([restored]);
  expect(tab).toBe('tab-breakdown');
  expect(studio.consoleErrors).toEqual([]);
});

test('a damaged saved session gives a clear message at start-up and the defaults are predicted', async ({
  studio,
  page,
}) => {
  await studio.open();
  // Written before the page's scripts run on the reload (the page autosaves its own session as it goes).
  await page.addInitScript(() => {
    if (sessionStorage.getItem('damaged-written')) return;
    sessionStorage.setItem('damaged-written', '1');
    localStorage.setItem(
      'laudnet-studio:session',
      JSON.stringify({
        format: 'laudnet-studio-session',
        version: 1,
        savedAt: '2026-01-01T00:00:00.000Z',
        fileName: null,
        dirty: false,
        config: { format: 'laudnet-studio-config', version: 1, targetRate: 7 },
        ui: { theme: 'system', activeView: 'breakdown', selectedStage: 0, curveScope: 'stage' },
      }),
    );
  });
  await page.reload();
  await expect(studio.errors).toHaveCount(1);
  await expect(studio.errors.first()).toContainText('Could not restore the previous session');
  await expect(studio.errors.first()).toContainText('the saved configuration is invalid');
  // The defaults, on the default tab: the analysis worker's warm-up read the same damaged text.
  await expect(studio.summary.msPerImage).toHaveText(/\d/);
  await expect(studio.tuner.model).toHaveValue('resnet50');
  await expect(page.getByRole('tab', { name: 'Latency curves' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  expect(studio.consoleErrors).toEqual([]);
});

test('a restored session is not written again until it changes; then the change is saved', async ({
  studio,
  page,
}) => {
  await studio.open();
  await studio.tuner.model.selectOption('resnet101');
  await studio.waitForPrediction();
  await page.waitForTimeout(600); // the debounced autosave
  // Counts the page's writes of its session from the reload on.
  await page.addInitScript(() => {
    const w = window as unknown as { __sessionWrites: string[] };
    w.__sessionWrites = [];
    const original = Object.getOwnPropertyDescriptor(Storage.prototype, 'setItem')!.value as (
      this: Storage,
      key: string,
      value: string,
    ) => void;
    Object.defineProperty(Storage.prototype, 'setItem', {
      value(this: Storage, key: string, value: string) {
        if (key === 'laudnet-studio:session') w.__sessionWrites.push(value);
        original.call(this, key, value);
      },
    });
  });
  await page.reload();
  await expect(studio.tuner.model).toHaveValue('resnet101');
  await studio.waitForPrediction();
  const writes = () =>
    page.evaluate(() => (window as unknown as { __sessionWrites: string[] }).__sessionWrites);
  // The page flushes its session when it loses focus or is hidden: unchanged, nothing is written.
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  expect(await writes()).toEqual([]);
  await studio.tuner.model.selectOption('resnet50');
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await expect.poll(async () => (await writes()).length).toBe(1);
  expect((await writes())[0]).toContain('"resnet50"');
  expect(studio.consoleErrors).toEqual([]);
});

test('after the first number, a built-in dump is read once at idle to warm the masks code; nothing of it shows', async ({
  studio,
  page,
}) => {
  await watchFirstNumber(page);
  await page.goto('/');
  await expect(studio.summary.msPerImage).not.toHaveText('—', { timeout: 30_000 });
  const warmUps = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /warmup\.laudmask[^/]*\.npz$/.test(e.name))
        .map((e) => e.startTime),
    );
  await expect.poll(async () => (await warmUps()).length, { timeout: 15_000 }).toBe(1);
  const firstAt = await page.evaluate(
    () => (window as unknown as { __firstNumberAt: number }).__firstNumberAt,
  );
  expect((await warmUps())[0]).toBeGreaterThan(firstAt);
  // Read by the masks worker, not adopted: the configuration, the tab and the notices are as they were.
  await expect(studio.tuner.model).toHaveValue('resnet50');
  await expect(page.getByRole('tab', { name: 'Latency curves' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByText(/replaced the configuration/)).toHaveCount(0);
  // A real dump opened afterwards is read and drawn as usual.
  await page.getByRole('tab', { name: 'Masks over images' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('mask-open-dump').click();
  await (
    await chooser
  ).setFiles(join(process.cwd(), 'e2e', 'fixtures', 'resnet50-spatial.laudmask.npz'));
  await expect(page.getByTestId('masks-view')).toHaveAttribute('data-drawn-source', 'dump');
  expect(await warmUps()).toHaveLength(1);
  expect(studio.consoleErrors).toEqual([]);
});
