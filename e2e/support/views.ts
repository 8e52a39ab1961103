/**
 * Page objects of the studio's parts: the tuner controls, the summary, notices and every view. Specs
 * reach the page through these, so a test id or a label changes in one place.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The view tabs, by their labels in the tab bar (renderer/src/views/registry.tsx). */
export const VIEW_TABS = {
  curves: 'Latency curves',
  breakdown: 'Per-block breakdown',
  theory: 'Theory vs practice',
  hardware: 'Hardware comparison',
  masks: 'Masks over images',
  space: '3D view',
} as const;

export type ViewName = keyof typeof VIEW_TABS;

/** Selects a view's tab and waits until it is the selected one. */
export async function openView(page: Page, view: ViewName): Promise<void> {
  const tab = page.getByRole('tab', { name: VIEW_TABS[view] });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** One stage's card in the tuner (1-based `n`). */
export class StageControls {
  readonly mode: Locator;
  readonly granularity: Locator;
  readonly group: Locator;
  readonly rateNumber: Locator;

  constructor(page: Page, n: number) {
    this.mode = page.getByTestId(`stage-${n}-mode`);
    this.granularity = page.getByTestId(`stage-${n}-granularity`);
    this.group = page.getByTestId(`stage-${n}-group`);
    this.rateNumber = page.getByTestId(`stage-${n}-rate-number`);
  }
}

/** The left panel: model, device, rates, stages, files and training flags. */
export class Tuner {
  readonly model: Locator;
  readonly hardware: Locator;
  readonly globalRate: Locator;
  readonly globalRateNumber: Locator;
  readonly openConfig: Locator;
  readonly exportConfig: Locator;
  readonly trainingFlags: Locator;
  readonly copyFlags: Locator;

  constructor(private readonly page: Page) {
    this.model = page.getByTestId('model-select');
    this.hardware = page.getByTestId('hardware-select');
    this.globalRate = page.getByTestId('global-rate');
    this.globalRateNumber = page.getByTestId('global-rate-number');
    this.openConfig = page.getByTestId('open-config');
    this.exportConfig = page.getByTestId('export-config');
    this.trainingFlags = page.getByTestId('training-flags');
    this.copyFlags = page.getByTestId('copy-flags');
  }

  /** Stage `n` (1-based). */
  stage(n: number): StageControls {
    return new StageControls(this.page, n);
  }
}

/** The header and the prediction summary. */
export class Summary {
  readonly headerModel: Locator;
  readonly headerHardware: Locator;
  readonly batchLatency: Locator;
  readonly msPerImage: Locator;

  constructor(page: Page) {
    this.headerModel = page.getByTestId('header-model');
    this.headerHardware = page.getByTestId('header-hardware');
    this.batchLatency = page.getByTestId('summary-batch-latency');
    this.msPerImage = page.getByTestId('summary-ms-per-image');
  }
}

/** Latency curves (the default view). */
export class CurvesView {
  readonly chart: Locator;
  readonly networkScope: Locator;

  constructor(page: Page) {
    this.chart = page.getByTestId('curves-chart');
    this.networkScope = page.getByTestId('curves-scope-network');
  }
}

/** The network strip of all blocks (shown with the breakdown). */
export class NetworkStrip {
  readonly root: Locator;
  readonly blocks: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('network-strip');
    this.blocks = this.root.getByRole('button');
  }

  /** A block's button by its accessible name (`Block stage3/2, spatial, rate 0.50`). */
  block(name: string): Locator {
    return this.root.getByRole('button', { name });
  }
}

/** Per-block breakdown: the chart card and the operator tables of the selected block. */
export class BreakdownView {
  readonly card: Locator;
  readonly blockSelect: Locator;

  constructor(private readonly page: Page) {
    this.card = page.getByRole('region', { name: VIEW_TABS.breakdown });
    this.blockSelect = page.getByLabel('Operators of block');
  }

  /** The operator table `name` ('Dynamic' or 'Static'). */
  operators(name: 'Dynamic' | 'Static'): Locator {
    return this.page.getByRole('table', { name });
  }

  /** The card's export button for `format`. */
  exportButton(format: 'SVG' | 'PNG'): Locator {
    return this.card.getByRole('button', { name: `Export ${VIEW_TABS.breakdown} as ${format}` });
  }
}

/** Theory vs practice. */
export class TheoryView {
  readonly explanation: Locator;
  readonly dots: Locator;

  constructor(page: Page) {
    this.explanation = page.getByTestId('theory-explanation');
    this.dots = page.getByTestId('theory-chart').locator('.theory-point');
  }
}

/** Hardware comparison. */
export class HardwareView {
  readonly table: Locator;
  readonly rows: Locator;
  readonly currentRow: Locator;

  constructor(page: Page) {
    this.table = page.getByTestId('hardware-table');
    this.rows = this.table.locator('tbody tr');
    this.currentRow = this.table.locator('tr[aria-current="true"]');
  }
}

/** Masks over images: the overlay of the selected block, the filmstrip and the sources. */
export class MasksView {
  readonly root: Locator;
  readonly overlay: Locator;
  readonly overlayTitle: Locator;
  readonly source: Locator;
  readonly sample: Locator;
  readonly keptCount: Locator;
  readonly gridSize: Locator;
  readonly cropBox: Locator;
  readonly channelStrips: Locator;
  readonly layerGates: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('masks-view');
    this.overlay = page.getByTestId('mask-overlay');
    this.overlayTitle = page.getByTestId('mask-overlay-title');
    this.source = page.getByTestId('mask-source');
    this.sample = page.getByTestId('mask-sample');
    this.keptCount = page.getByTestId('mask-kept-count');
    this.gridSize = page.getByTestId('mask-grid-size');
    this.cropBox = page.getByTestId('mask-crop-box');
    this.channelStrips = page.getByTestId(/^channel-strip-/);
    this.layerGates = page.getByTestId(/^layer-gate-/);
  }

  /** The filmstrip tile of block `key` (`stage2/1`). */
  tile(key: string): Locator {
    return this.page.getByTestId(`mask-tile-${key.replace('/', '-')}`);
  }

  /** The rate shown on the filmstrip tile of block `key`. */
  tileRate(key: string): Locator {
    return this.page.getByTestId(`mask-tile-rate-${key.replace('/', '-')}`);
  }

  /** Opens the view and waits for the overlay. */
  async open(): Promise<void> {
    await openView(this.page, 'masks');
    await expect(this.overlay).toBeVisible();
  }

  /** Scrolls the view's container back to the top (before a screenshot or switching views). */
  async scrollToTop(): Promise<void> {
    await this.root.evaluate((el) => el.parentElement?.scrollTo(0, 0));
  }
}

/** The 3D view. */
export class SpaceView {
  readonly canvas: Locator;
  readonly selected: Locator;

  constructor(page: Page) {
    this.canvas = page.getByTestId('space-canvas');
    this.selected = page.getByTestId('space-selected');
  }

  /** Colours in the canvas's drawing buffer, read back through a 2D canvas, and its background's. */
  pixelStats(): Promise<{ pixels: number; differing: number; colours: number }> {
    return this.canvas.evaluate((el: HTMLCanvasElement) => {
      const copy = document.createElement('canvas');
      copy.width = el.width;
      copy.height = el.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(el, 0, 0);
      const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
      const background = [data[0]!, data[1]!, data[2]!];
      const colours = new Set<number>();
      let differing = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i]!;
        const g = data[i + 1]!;
        const b = data[i + 2]!;
        colours.add((r << 16) | (g << 8) | b);
        if (
          Math.abs(r - background[0]!) +
            Math.abs(g - background[1]!) +
            Math.abs(b - background[2]!) >
          30
        )
          differing++;
      }
      return { pixels: data.length / 4, differing, colours: colours.size };
    });
  }

  /**
   * Waits until the scene is drawn (more than `colours` colours on the canvas): it renders in the view's
   * worker, whose script (three.js) starts when the view opens.
   */
  async waitForScene(colours = 50): Promise<void> {
    await expect
      .poll(async () => (await this.pixelStats()).colours, { timeout: 20_000 })
      .toBeGreaterThan(colours);
  }
}
