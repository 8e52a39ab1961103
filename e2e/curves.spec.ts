import type { Page } from '@playwright/test';
import { test, expect } from './support/studio';
import { cliSweep, type CliSweepRow } from './support/cli';

interface Series {
  id: string;
  mode: string;
  sweep: { modes: string[]; granularity: number[]; channelGranularity: number[] };
  points: { rate: number; ratio: number }[];
}
interface CurveSet {
  scope: 'stage' | 'network';
  stage: number;
  series: Series[];
}

/** The curve set the chart draws, once the worker has delivered the one for `scope` (and `stage`). */
async function visibleCurves(
  page: Page,
  scope: 'stage' | 'network',
  stage: number,
): Promise<CurveSet> {
  const chart = page.getByTestId('curves-chart');
  let set: CurveSet | null = null;
  await expect
    .poll(async () => {
      set = JSON.parse((await chart.getAttribute('data-curves')) ?? 'null') as CurveSet | null;
      return set !== null && set.scope === scope && (scope === 'network' || set.stage === stage);
    })
    .toBe(true);
  return set!;
}

/** `laudnet sweep` flags that ask for one series; `pick` is the CSV cell naming it. */
function cliFor(
  set: CurveSet,
  s: Series,
): { key: Record<string, string>; granularity?: string; pick: (r: CliSweepRow) => boolean } {
  const { modes, granularity: g, channelGranularity: gc } = s.sweep;
  if (set.scope === 'stage') {
    const i = set.stage;
    const mode = modes[i]!;
    const key = { mode, stage: String(i + 1) };
    if (mode === 'spatial')
      return { key, granularity: String(g[i]), pick: (r) => r.granularity === String(g[i]) };
    if (mode === 'channel')
      return {
        key: { ...key, granularity: String(g[i]) },
        granularity: String(gc[i]),
        pick: (r) => r.channelGranularity === String(gc[i]),
      };
    return { key, pick: () => true };
  }
  const uniform = modes.every((m) => m === modes[0]);
  if (!uniform)
    return {
      key: { mode: modes.join('-'), granularity: g.join('-'), 'channel-granularity': gc.join('-') },
      pick: () => true,
    };
  const mode = modes[0]!;
  if (mode === 'spatial')
    return { key: { mode }, granularity: g.join('-'), pick: (r) => r.granularity === g.join('-') };
  if (mode === 'channel')
    return {
      key: { mode, granularity: g.join('-') },
      granularity: gc.join('-'),
      pick: (r) => r.channelGranularity === gc.join('-'),
    };
  return { key: { mode }, pick: () => true };
}

/** Every point of every visible curve equals `laudnet sweep`'s (run as a process) for the same candidate. */
async function expectCurvesMatchCli(
  page: Page,
  base: Record<string, string>,
  scope: 'stage' | 'network',
  stage = 0,
) {
  const set = await visibleCurves(page, scope, stage);
  expect(set.series.length).toBeGreaterThanOrEqual(3);
  // One CLI run per group of series that differ only in their swept granularity, at every rate drawn.
  const groups = new Map<
    string,
    { key: Record<string, string>; grans: Set<string>; rates: Set<number> }
  >();
  const asked = set.series.map((s) => {
    const c = cliFor(set, s);
    const id = JSON.stringify(c.key);
    const group = groups.get(id) ?? { key: c.key, grans: new Set(), rates: new Set() };
    if (c.granularity) group.grans.add(c.granularity);
    for (const p of s.points) group.rates.add(p.rate);
    groups.set(id, group);
    return { series: s, id, pick: c.pick };
  });
  const rows = new Map<string, CliSweepRow[]>();
  for (const [id, g] of groups) {
    const args = { ...base, ...g.key, rates: [...g.rates].sort((a, b) => a - b).join(',') };
    if (g.grans.size > 0) Object.assign(args, { granularities: [...g.grans].join(',') });
    rows.set(id, cliSweep(args));
  }
  let compared = 0;
  for (const { series, id, pick } of asked) {
    const mine = rows.get(id)!.filter(pick);
    for (const p of series.points) {
      const row = mine.find((r) => r.rate === p.rate);
      expect(row, `${series.id} at rate ${p.rate}`).toBeDefined();
      expect(p.ratio, `${series.id} at rate ${p.rate}`).toBe(row!.ratio);
      compared++;
    }
  }
  expect(compared).toBe(set.series.reduce((n, s) => n + s.points.length, 0));
}

test.describe.configure({ timeout: 180_000 });

test('stage 1 curves of ResNet-50 on V100 equal laudnet sweep', async ({ studio, page }) => {
  await studio.open();
  await expectCurvesMatchCli(page, { model: 'resnet50', hardware: 'v100' }, 'stage', 0);
  expect(studio.consoleErrors).toEqual([]);
});

test('ResNet-101 on TX2 with S = 56 on stage 1 (and stage 3) equals laudnet sweep', async ({
  studio,
  page,
}) => {
  await studio.open();
  await page.getByTestId('model-select').selectOption('resnet101');
  await page.getByTestId('hardware-select').selectOption('tx2');
  await page.getByTestId('stage-1-granularity').selectOption('56');
  await studio.waitForPrediction();
  const set = await visibleCurves(page, 'stage', 0);
  expect(set.series.find((s) => s.id === 'spatial-56')?.points.length).toBe(101);
  await expectCurvesMatchCli(page, { model: 'resnet101', hardware: 'tx2' }, 'stage', 0);
  await page.getByRole('button', { name: /^Stage 3 ·/ }).click();
  await expectCurvesMatchCli(page, { model: 'resnet101', hardware: 'tx2' }, 'stage', 2);
});

test('whole-network curves of a mixed configuration equal laudnet sweep', async ({
  studio,
  page,
}) => {
  await studio.open();
  await page.getByTestId('hardware-select').selectOption('a100');
  await page.getByTestId('stage-2-mode').selectOption('channel');
  await page.getByTestId('stage-3-mode').selectOption('layer');
  await page.getByTestId('stage-4-mode').selectOption('static');
  await studio.waitForPrediction();
  await page.getByTestId('curves-scope-network').click();
  await expectCurvesMatchCli(page, { model: 'resnet50', hardware: 'a100' }, 'network');
});
