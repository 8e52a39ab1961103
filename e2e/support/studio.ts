import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Screenshots and other outputs of the e2e run (git-ignored); Playwright runs from the repo root. */
export const artifactsDir = join(process.cwd(), 'e2e', 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

/** Page object for the studio: opening it, waiting for predictions, reading the summary. */
export class Studio {
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.consoleErrors.push(err.message));
  }

  /** Opens the app with a clean session (or keeps local storage when `keepSession`). */
  async open(options: { keepSession?: boolean; colorScheme?: 'light' | 'dark' } = {}) {
    if (options.colorScheme) await this.page.emulateMedia({ colorScheme: options.colorScheme });
    await this.page.goto('/');
    if (!options.keepSession) {
      await this.page.evaluate(() => localStorage.clear());
      await this.page.reload();
    }
    await this.waitForPrediction();
  }

  /** Waits until the summary shows a prediction that is not stale. */
  async waitForPrediction() {
    await expect(this.page.getByTestId('summary-ms-per-image')).not.toHaveText('—');
    await expect(this.page.getByTestId('status-predictor')).toContainText('Predicted in');
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: join(artifactsDir, `${name}.png`) });
  }
}

export const test = base.extend<{ studio: Studio }>({
  studio: async ({ page }, use) => {
    await use(new Studio(page));
  },
});

export { expect };
