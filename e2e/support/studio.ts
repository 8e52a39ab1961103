import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  BreakdownView,
  CurvesView,
  HardwareView,
  MasksView,
  NetworkStrip,
  SpaceView,
  Summary,
  TheoryView,
  Tuner,
  openView,
  type ViewName,
} from './views';

/** Screenshots and other outputs of the e2e run (git-ignored); Playwright runs from the repo root. */
export const artifactsDir = join(process.cwd(), 'e2e', 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

/** Page object for the studio: opening it, its parts and views, waiting for predictions. */
export class Studio {
  readonly consoleErrors: string[] = [];
  readonly tuner: Tuner;
  readonly summary: Summary;
  /** The error notices. */
  readonly errors: Locator;
  readonly strip: NetworkStrip;
  readonly curves: CurvesView;
  readonly breakdown: BreakdownView;
  readonly theory: TheoryView;
  readonly hardware: HardwareView;
  readonly masks: MasksView;
  readonly space: SpaceView;

  constructor(readonly page: Page) {
    this.tuner = new Tuner(page);
    this.summary = new Summary(page);
    this.errors = page.getByTestId('notice-error');
    this.strip = new NetworkStrip(page);
    this.curves = new CurvesView(page);
    this.breakdown = new BreakdownView(page);
    this.theory = new TheoryView(page);
    this.hardware = new HardwareView(page);
    this.masks = new MasksView(page);
    this.space = new SpaceView(page);
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

  /** Selects a view's tab. */
  async openView(view: ViewName) {
    await openView(this.page, view);
  }

  /** Picks a model and waits for its prediction. */
  async selectModel(id: string) {
    await this.tuner.model.selectOption(id);
    await this.waitForPrediction();
  }

  /**
   * Waits until the summary shows the prediction of the configuration now in the store (not the one
   * before a change whose prediction is still in the worker), as the app's probe reports it.
   */
  async waitForPrediction() {
    await expect(this.summary.msPerImage).not.toHaveText('—');
    await expect(this.page.getByTestId('status-predictor')).toContainText('Predicted in');
    await this.page.waitForFunction(() => {
      const probe = (window as { __laudnetProbe?: { isDrawn: (area: 'header') => boolean } })
        .__laudnetProbe;
      return probe?.isDrawn('header') === true;
    });
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
