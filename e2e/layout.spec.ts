import { test, expect } from './support/studio';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];
const VIEWS = [
  { tab: 'Latency curves', name: 'curves' },
  { tab: 'Per-block breakdown', name: 'breakdown' },
  { tab: 'Theory vs practice', name: 'theory' },
  { tab: 'Hardware comparison', name: 'hardware' },
];
/** Text that must be shown whole: header figures and labels, chips, tab labels, chart titles. */
const WHOLE = [
  '.app-header .metric-label',
  '.app-header .metric-value',
  '.app-header .chip',
  '.chart-card-title',
  '.chart-card-context',
  '.chart-card-actions .btn',
];

for (const size of SIZES) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`main views at ${size.width}x${size.height}, ${scheme}: nothing clipped`, async ({
      studio,
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(size);
      await studio.open({ colorScheme: scheme });
      for (const view of VIEWS) {
        await page.getByRole('tab', { name: view.tab }).click();
        await expect(page.getByRole('tab', { name: view.tab })).toHaveAttribute(
          'aria-selected',
          'true',
        );
        await expect(page.locator('#view-panel .chart-card').first()).toBeVisible();
        await page.waitForTimeout(300);
        const clipped = await page.evaluate((selectors) => {
          const out: string[] = [];
          for (const sel of selectors) {
            for (const el of document.querySelectorAll<HTMLElement>(sel)) {
              if (el.offsetParent === null) continue;
              if (el.scrollWidth > el.clientWidth + 1)
                out.push(`${sel}: "${el.textContent ?? ''}"`);
            }
          }
          // Labels that must stay on one line (a wrapped figure or tab label is a clipped one here).
          for (const el of document.querySelectorAll<HTMLElement>(
            '.app-header .metric-label, .app-header .metric-value, .app-header .chip, .tab, .chart-card-actions .btn',
          )) {
            const range = document.createRange();
            range.selectNodeContents(el);
            // Line boxes: rectangles whose tops differ by more than a few pixels (bold runs sit a pixel apart).
            const tops = [...range.getClientRects()].map((r) => r.top).sort((a, b) => a - b);
            const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1]! > 6).length;
            if (lines > 1) out.push(`wraps: "${el.textContent ?? ''}"`);
          }
          // Tables fit their cards (one wider than its card is cut at the card's edge).
          for (const table of document.querySelectorAll<HTMLElement>('table.data')) {
            const card = table.closest<HTMLElement>('.card');
            if (!card || table.offsetParent === null) continue;
            if (card.scrollWidth > card.clientWidth + 1)
              out.push(`table wider than its card: ${table.className}`);
          }
          // Nothing wider than the window.
          if (document.documentElement.scrollWidth > window.innerWidth + 1)
            out.push('page wider than the window');
          const main = document.querySelector<HTMLElement>('.main')!;
          if (main.getBoundingClientRect().right > window.innerWidth + 1)
            out.push('main area past the window');
          const view = document.querySelector<HTMLElement>('#view-panel')!;
          if (view.scrollWidth > view.clientWidth + 1) out.push('view scrolls sideways');
          // Tabs: on one line, or a strip that scrolls.
          const tabs = document.querySelector<HTMLElement>('.tabs')!;
          const tops = new Set(
            [...tabs.querySelectorAll<HTMLElement>('[role="tab"]')].map((t) => t.offsetTop),
          );
          if (tops.size > 1) out.push('tabs wrap onto two lines');
          const overflowX = getComputedStyle(tabs).overflowX;
          if (
            tabs.scrollWidth > tabs.clientWidth + 1 &&
            overflowX !== 'auto' &&
            overflowX !== 'scroll'
          )
            out.push('tabs overflow without scrolling');
          // The header fits the window.
          const header = document.querySelector<HTMLElement>('.app-header')!;
          if (header.scrollWidth > header.clientWidth + 1) out.push('header wider than the window');
          return out;
        }, WHOLE);
        expect(clipped, `${view.name} at ${size.width}x${size.height}`).toEqual([]);
        await studio.screenshot(`layout-${view.name}-${size.width}x${size.height}-${scheme}`);
      }
      expect(studio.consoleErrors).toEqual([]);
    });
  }
}

test('network strip at 1024x700: a deep stage (ResNet-101) keeps its blocks inside its own place', async ({
  studio,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await studio.open();
  await studio.tuner.model.selectOption('resnet101');
  await expect(page.locator('.strip-stage')).toHaveCount(4);
  await expect(page.locator('.strip-block')).toHaveCount(33);
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const stages = [...document.querySelectorAll<HTMLElement>('.strip-stage')];
    const strip = document.querySelector<HTMLElement>('.strip')!.getBoundingClientRect();
    stages.forEach((stage, i) => {
      const box = stage.getBoundingClientRect();
      if (box.right > strip.right + 1) out.push(`stage ${i + 1} past the strip`);
      const next = stages[i + 1]?.getBoundingClientRect();
      for (const block of stage.querySelectorAll<HTMLElement>('.strip-block')) {
        const b = block.getBoundingClientRect();
        if (b.right > box.right + 1) out.push(`a block of stage ${i + 1} past its stage`);
        if (next && b.right > next.left) out.push(`a block of stage ${i + 1} under stage ${i + 2}`);
      }
    });
    return [...new Set(out)];
  });
  expect(problems).toEqual([]);
  await studio.screenshot('layout-strip-resnet101-1024x700');
});
