import { test, expect } from './support/studio';

const sizes = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

for (const scheme of ['light', 'dark'] as const) {
  for (const size of sizes) {
    test(`main screen, ${scheme}, ${size.width}×${size.height}`, async ({ studio, page }) => {
      await page.setViewportSize(size);
      await studio.open({ colorScheme: scheme });
      await studio.tuner.model.selectOption('resnet101');
      await studio.waitForPrediction();
      await expect(studio.curves.chart).toHaveAttribute('data-marker', /ratio/);
      // Nothing may overflow the window horizontally (clipped panels, runaway labels).
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await studio.screenshot(`main-${scheme}-${size.width}x${size.height}`);
      expect(studio.consoleErrors).toEqual([]);
    });
  }
}
