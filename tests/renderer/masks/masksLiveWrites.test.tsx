/**
 * A rate change (new proxy masks of the same blocks) commits nothing in the masks view: the cards write
 * the new masks into their texts, attributes and canvases themselves, and the view then reads as a fresh
 * render of the same state would. A change of the masks' structure (here a granularity) renders.
 */
import { act, cleanup, render } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StudioConfig } from '../../../core/config/schema';
import type { Host } from '../../../renderer/src/host/types';
import { HostContext } from '../../../renderer/src/hostContext';
import { useStudio } from '../../../renderer/src/store';
import { setStageMode, setTargetRate } from '../../../renderer/src/store/configEdits';
import { TILE_NAMES_QUIET_MS } from '../../../renderer/src/views/masks/lateTileNames';
import { BlockStats, noSlots, writeBlockStats } from '../../../renderer/src/views/masks/BlockStats';
import { masksStructure } from '../../../renderer/src/views/masks/masksFeed';
import { buildMaskAtlas } from '../../../renderer/src/worker/masksAtlas';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { rampSaliency, sampleImage, stage1Config } from './helpers';

vi.mock('../../../renderer/src/views/masks/useMaskPipeline', () => ({
  useMaskPipeline: () => undefined,
}));

const { MasksView } = await import('../../../renderer/src/views/masks/MasksView');

const image = sampleImage();

/** Stage 1 spatial at `rate` and S; with `mixed`, stage 2 spatial + channel and stage 3 layer gates. */
function configAt(rate: number, options: { S?: number; mixed?: boolean } = {}): StudioConfig {
  let config = stage1Config({ rate, S: options.S ?? 4 });
  if (options.mixed) {
    config = setStageMode(config, 1, 'spatial+channel');
    config = setStageMode(config, 2, 'layer');
  }
  return setTargetRate(config, rate);
}

/** Proxy masks of image 1 for `config`, with their (never drawn) pictures. */
function proxyFor(config: StudioConfig) {
  const { blocks, ponder } = proxyMasksFor(rampSaliency(), config);
  const { layout } = buildMaskAtlas(blocks, ponder, { tilePx: 64, tileStripPx: 7 });
  const picture = {} as CanvasImageSource;
  const atlas = { layout, tiles: picture, overlays: picture, strips: picture, ponder: picture };
  return { imageId: 1, config, blocks, ponder, atlas };
}

function show(config: StudioConfig) {
  useStudio.setState({ config, maskImage: image, proxyMasks: proxyFor(config) });
}

const host = { openFile: vi.fn() } as unknown as Host;

function renderView(onCommit: () => void = () => undefined) {
  return render(
    <HostContext.Provider value={host}>
      <Profiler id="masks" onRender={onCommit}>
        <MasksView />
      </Profiler>
    </HostContext.Provider>,
  );
}

/** The cards' HTML, once the filmstrip's late names are written. */
async function cardsHtml(container: HTMLElement): Promise<string[]> {
  await act(() => new Promise((r) => setTimeout(r, TILE_NAMES_QUIET_MS + 30)));
  return Array.from(container.querySelectorAll('section.card')).map((s) => s.outerHTML);
}

const { selectedStage, selectedBlock } = useStudio.getState();

afterEach(() => {
  cleanup();
  useStudio.setState({
    maskDump: null,
    maskImage: null,
    proxyMasks: null,
    selectedStage,
    selectedBlock,
  });
});

describe('MasksView at a rate change', () => {
  for (const mixed of [false, true]) {
    it(`commits nothing and shows what a render of the new masks shows${mixed ? ' (channel and layer modes)' : ''}`, async () => {
      show(configAt(0.5, { mixed }));
      let commits = 0;
      const view = renderView(() => commits++);
      // A block with channel groups shown in the overlay card (its stats have every row).
      if (mixed) act(() => useStudio.setState({ selectedStage: 1, selectedBlock: 'stage2/1' }));
      const before = commits;
      for (const rate of [0.25, 0.8, 0.1]) act(() => show(configAt(rate, { mixed })));
      expect(commits).toBe(before);
      const written = await cardsHtml(view.container);
      cleanup();
      const fresh = await cardsHtml(renderView().container);
      expect(written).toEqual(fresh);
      expect(written.join('')).toContain(
        mixed ? 'kept 5 of 49 cells (10.2%)' : 'kept 20 of 196 cells (10.2%)',
      );
    });
  }

  it('renders the cards when the masks change structure (a granularity)', () => {
    show(configAt(0.5, { S: 4 }));
    let commits = 0;
    const view = renderView(() => commits++);
    const before = commits;
    act(() => show(configAt(0.5, { S: 2 })));
    expect(commits).toBeGreaterThan(before);
    expect(view.getByTestId('mask-grid-size').dataset.rows).toBe('28');
  });
});

describe('masksStructure', () => {
  it('is the same for masks of another rate, not for another granularity, mode or image', () => {
    const at = (config: StudioConfig, imageId = 1) =>
      masksStructure({
        config,
        maskDump: null,
        maskImage: { ...image, id: imageId },
        proxyMasks: { ...proxyFor(config), imageId },
      });
    const base = at(configAt(0.5));
    expect(base).not.toBeNull();
    expect(at(configAt(0.2))).toBe(base);
    expect(at(configAt(0.5, { S: 2 }))).not.toBe(base);
    expect(at(configAt(0.5, { mixed: true }))).not.toBe(base);
    expect(at(configAt(0.5), 2)).not.toBe(base);
  });
});

describe('writeBlockStats', () => {
  it('turns the stats of a block into those a render of the block at another rate shows', () => {
    const attr = (el: Element | null, name: string, value: string) => el?.setAttribute(name, value);
    const before = proxyFor(configAt(0.1, { mixed: true })).blocks;
    const after = proxyFor(configAt(0.9, { mixed: true })).blocks;
    // A layer gate that the new rate opens.
    const gate = after.find(
      (b, i) => b.mode === 'layer' && b.grid?.data[0] !== before[i]?.grid?.data[0],
    )!.key;
    for (const key of ['stage1/0', 'stage2/1', gate, 'stage4/0']) {
      const a = before.find((b) => b.key === key)!;
      const b = after.find((x) => x.key === key)!;
      const slots = noSlots();
      const view = render(<BlockStats block={a} slots={slots} />);
      writeBlockStats(slots, b, attr);
      const written = view.container.innerHTML;
      cleanup();
      expect(written).toBe(render(<BlockStats block={b} />).container.innerHTML);
      expect(written).not.toBe(render(<BlockStats block={a} />).container.innerHTML);
      cleanup();
    }
  });
});
