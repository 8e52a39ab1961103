/**
 * Issue 10, acceptance 1: every dump of the numpy-written conformance corpus opens through the app's file
 * input, and the rates the filmstrip shows equal the ones numpy computed (tests/fixtures/conformance/).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/studio';

const corpus = join(process.cwd(), 'tests', 'fixtures', 'conformance');
interface ExpectedRates {
  spatialRate: number | null;
  conv1Rate: number | null;
  conv2Rate: number | null;
  channelRate: number | null;
  gate: number | null;
}
const expected = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as Record<
  string,
  { arch: string; modes: string[]; blocks: Record<string, ExpectedRates> }
>;
/** The corpus file whose manifest says `weights: "random-init (masks meaningless)"`. */
const RANDOM_WEIGHTS = 'r50-both-random.laudmask.npz';
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.laudmask.npz'))
  .sort();
const LABELS: Record<string, string> = {
  uni_resnet50: 'ResNet-50',
  uni_resnet101: 'ResNet-101',
  lad_regnet_y_400mf: 'RegNetY-400MF',
  lad_regnet_y_800mf: 'RegNetY-800MF',
};

async function openDump(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('mask-open-dump').click();
  await (await chooser).setFiles(join(corpus, file));
  await expect(page.getByTestId('mask-source')).toContainText(`Real masks from ${file} (`);
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** The tile text the filmstrip shows for a block with these rates. */
function tileText(mode: string, r: ExpectedRates): string {
  if (mode === 'layer') return r.gate === 1 ? 'runs' : 'skipped';
  if (r.spatialRate !== null && r.channelRate !== null)
    return `${pct(r.spatialRate)} · ch ${pct(r.channelRate)}`;
  return pct(r.spatialRate ?? r.channelRate ?? 1);
}

async function expectRates(page: Page, file: string) {
  const want = expected[file]!;
  for (const [key, rates] of Object.entries(want.blocks)) {
    const stage = Number(/^stage(\d+)/.exec(key)![1]) - 1;
    const tile = page.getByTestId(`mask-tile-rate-${key.replace('/', '-')}`);
    await expect(tile, `${file} ${key}`).toHaveText(tileText(want.modes[stage]!, rates));
    const attrs = await tile.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
    const fields: [keyof ExpectedRates, string | undefined][] = [
      ['spatialRate', attrs.spatialRate],
      ['conv1Rate', attrs.conv1Rate],
      ['conv2Rate', attrs.conv2Rate],
      ['channelRate', attrs.channelRate],
      ['gate', attrs.gate],
    ];
    for (const [field, shown] of fields) {
      const ref = rates[field];
      if (ref === null) expect(shown, `${file} ${key} ${field}`).toBe('');
      else expect(Math.abs(Number(shown) - ref), `${file} ${key} ${field}`).toBeLessThan(1e-6);
    }
  }
}

test.describe('conformance corpus through the file input', () => {
  test('every corpus dump opens with no error and shows numpy’s per-block rates', async ({
    studio,
    page,
  }) => {
    test.setTimeout(240_000);
    expect(files.length).toBeGreaterThanOrEqual(12);
    await studio.open();
    await page.getByRole('tab', { name: 'Masks over images' }).click();
    for (const file of files) {
      await openDump(page, file);
      await expect(page.getByTestId('mask-source')).toContainText(LABELS[expected[file]!.arch]!);
      await expect(page.getByTestId('notice-error')).toHaveCount(0);
      await expectRates(page, file);
      // A file whose weights say "random" gets the notice once (info notices fade: check it at once).
      if (file === RANDOM_WEIGHTS) {
        await expect(
          page.getByTestId('notice-info').filter({ hasText: 'randomly initialised' }),
        ).toHaveCount(1);
      }
    }
    expect(studio.consoleErrors).toEqual([]);
  });

  for (const [name, file] of [
    ['spatial', 'r50-spatial-s4-savez.laudmask.npz'],
    ['layer', 'r50-layer-minimal.laudmask.npz'],
    ['both', 'r50-both-random.laudmask.npz'],
    ['no-conv', 'r50-spatial-s14-no-conv.laudmask.npz'],
  ] as const) {
    test(`screenshot of the ${name} dump at 1440×900`, async ({ studio, page }) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await studio.open();
      await page.getByRole('tab', { name: 'Masks over images' }).click();
      await openDump(page, file);
      await expect(page.getByTestId('notice-error')).toHaveCount(0);
      // A dump that names no weights says so (no invented "checkpoint").
      if (name === 'layer')
        await expect(page.getByTestId('mask-source')).toContainText('weights not stated');
      await page.getByTestId('mask-tile-stage2-1').click();
      await expect(page.getByTestId('mask-overlay')).toHaveAttribute('data-block', 'stage2/1');
      // The overlay, the original card and the selected block's numbers: the top of the view.
      await page.getByTestId('masks-view').evaluate((el) => el.parentElement?.scrollTo(0, 0));
      await studio.screenshot(`conformance-${name}`);
      expect(studio.consoleErrors).toEqual([]);
    });
  }
});
