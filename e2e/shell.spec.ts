import { test, expect } from './support/studio';

test.describe('application shell', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`renders the frame in the ${scheme} theme without console errors`, async ({
      studio,
      page,
    }) => {
      await studio.open({ colorScheme: scheme });
      await expect(page.getByRole('banner')).toContainText('LAUDNet Studio');
      await expect(studio.summary.headerModel).toContainText('ResNet-50');
      await expect(studio.summary.headerHardware).toContainText('V100');
      await expect(page.getByRole('complementary', { name: 'Controls' })).toBeVisible();
      await expect(page.getByRole('main')).toBeVisible();
      await expect(page.getByRole('status')).toContainText('Web build');
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      // Light theme paints a light background, dark a dark one (sum of RGB channels).
      const sum = (bg.match(/\d+/g) ?? []).slice(0, 3).reduce((a, b) => a + Number(b), 0);
      if (scheme === 'light') expect(sum).toBeGreaterThan(600);
      else expect(sum).toBeLessThan(150);
      await studio.screenshot(`shell-${scheme}`);
      expect(studio.consoleErrors).toEqual([]);
    });
  }
});
