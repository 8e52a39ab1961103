import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useStudio } from '../../../renderer/src/store';
import type { MaskImage, OpenedDump } from '../../../renderer/src/store/masksSlice';
import { BlockStats } from '../../../renderer/src/views/masks/BlockStats';
import { Filmstrip } from '../../../renderer/src/views/masks/Filmstrip';
import { TILE_NAMES_QUIET_MS } from '../../../renderer/src/views/masks/lateTileNames';
import { MaskSourceLabel } from '../../../renderer/src/views/masks/MasksToolbar';
import { ChannelCard } from '../../../renderer/src/views/masks/ChannelCard';
import { setStageMode, setStageRate } from '../../../renderer/src/store/configEdits';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { buildMaskAtlas } from '../../../renderer/src/worker/masksAtlas';
import type { MaskCardProps } from '../../../renderer/src/views/masks/OverlayCard';
import { rampSaliency, stage1Config } from './helpers';

afterEach(() => {
  cleanup();
  useStudio.setState({
    maskDump: null,
    maskImage: null,
    proxyMasks: null,
    selectedStage: 0,
    selectedBlock: null,
  });
});

function proxyShown(config = stage1Config()) {
  const { blocks, ponder } = proxyMasksFor(rampSaliency(), config);
  return { source: 'proxy' as const, stale: false, result: { blocks, ponder, imageId: 1, config } };
}

/** The cards' props for proxy masks (jsdom has no canvas: the atlas images are never drawn). */
function cardProps(config = stage1Config()): MaskCardProps {
  const { source, result } = proxyShown(config);
  const { layout } = buildMaskAtlas(result.blocks, result.ponder, { tilePx: 64, tileStripPx: 7 });
  const image = {} as CanvasImageSource;
  return {
    source,
    result,
    atlas: { layout, tiles: image, overlays: image, strips: image, ponder: image },
  };
}

describe('BlockStats', () => {
  it('shows the grid and the kept-cell count of a stage-1 block at S = 4, rate 0.5', () => {
    const block = proxyShown().result.blocks[0]!;
    render(<BlockStats block={block} />);
    expect(screen.getByTestId('mask-grid-size').textContent).toBe(
      '14×14 cells (S = 4 on the 56×56 map)',
    );
    expect(screen.getByTestId('mask-kept-count').textContent).toBe('kept 98 of 196 cells (50.0%)');
  });

  it('shows the gate of a layer-skipping block and the groups of a channel block', () => {
    let config = setStageMode(stage1Config(), 2, 'layer');
    config = setStageMode(config, 1, 'channel');
    config = setStageRate(config, 1, 0.5);
    const blocks = proxyShown(config).result.blocks;
    const { unmount } = render(<BlockStats block={blocks.find((b) => b.key === 'stage3/0')!} />);
    expect(screen.getByTestId('mask-gate').textContent).toMatch(/^(executes|skipped)/);
    expect(screen.queryByTestId('mask-kept-count')).toBeNull();
    unmount();
    render(<BlockStats block={blocks.find((b) => b.key === 'stage2/0')!} />);
    // m = 128, G = 2: 64 groups, half kept.
    expect(screen.getByTestId('mask-group-count').textContent).toBe('kept 32 of 64 groups (G = 2)');
  });
});

describe('Filmstrip', () => {
  it('shows every block with its rate and selects a block (and its stage) on click', () => {
    render(<Filmstrip {...cardProps()} />);
    expect(screen.getAllByRole('button')).toHaveLength(16);
    expect(screen.getByTestId('mask-tile-rate-stage1-0').textContent).toBe('50.0%');
    fireEvent.click(screen.getByTestId('mask-tile-stage3-4'));
    expect(useStudio.getState().selectedBlock).toBe('stage3/4');
    expect(useStudio.getState().selectedStage).toBe(2);
    expect(screen.getByTestId('mask-tile-stage3-4').getAttribute('aria-pressed')).toBe('true');
  });

  it('writes a new rate into the same hidden text node and sizes its box to the text', () => {
    vi.useFakeTimers();
    const { rerender } = render(<Filmstrip {...cardProps()} />);
    const rate = screen.getByTestId('mask-tile-rate-stage1-0');
    // The text is kept (tests, copy) but not displayed: the strip's canvas draws it.
    const text = rate.firstElementChild as HTMLElement;
    expect(text.hidden).toBe(true);
    const node = text.firstChild;
    expect(node?.nodeType).toBe(Node.TEXT_NODE);
    expect(rate.style.getPropertyValue('--rate-chars')).toBe('5');
    const tile = screen.getByTestId('mask-tile-stage1-0');
    expect(tile.getAttribute('aria-label')).toBe('Block stage1/0, 50.0%');
    // 49 and 196 of the 14×14 = 196 cells.
    rerender(<Filmstrip {...cardProps(stage1Config({ rate: 0.25 }))} />);
    // Nothing of it on screen: written once the rates rest.
    expect(rate.textContent).toBe('50.0%');
    act(() => {
      vi.advanceTimersByTime(TILE_NAMES_QUIET_MS);
    });
    expect(rate.textContent).toBe('25.0%');
    expect(text.firstChild).toBe(node);
    expect(rate.dataset.rate).toBe('0.25');
    expect(tile.getAttribute('aria-label')).toBe('Block stage1/0, 25.0%');
    rerender(<Filmstrip {...cardProps(stage1Config({ rate: 1 }))} />);
    // The box's size is on screen (the tiles move): at once.
    expect(rate.style.getPropertyValue('--rate-chars')).toBe('6');
    act(() => {
      vi.advanceTimersByTime(TILE_NAMES_QUIET_MS);
    });
    expect(rate.textContent).toBe('100.0%');
    expect(text.firstChild).toBe(node);
    vi.useRealTimers();
  });

  it('writes no name, text or data attribute during a drag, and all of them once it pauses', () => {
    vi.useFakeTimers();
    const { rerender } = render(<Filmstrip {...cardProps()} />);
    const tile = screen.getByTestId('mask-tile-stage1-0');
    const rate = screen.getByTestId('mask-tile-rate-stage1-0');
    // DOM writes into the tile (its name, two data attributes, its text), counted synchronously.
    const attributes = new MutationObserver(() => undefined);
    attributes.observe(tile, { attributes: true, attributeFilter: ['aria-label'] });
    attributes.observe(rate, {
      attributes: true,
      attributeFilter: ['data-rate', 'data-spatial-rate'],
    });
    const texts = new MutationObserver(() => undefined);
    texts.observe(rate, { characterData: true, childList: true, subtree: true });
    const writes = { attributes: 0, texts: 0 };
    const count = () => {
      writes.attributes += attributes.takeRecords().length;
      writes.texts += texts.takeRecords().length;
      return writes;
    };
    // Frames of a drag, 16 ms apart (each under the quiet time).
    for (const r of [0.45, 0.4, 0.35, 0.3, 0.25]) {
      rerender(<Filmstrip {...cardProps(stage1Config({ rate: r }))} />);
      act(() => {
        vi.advanceTimersByTime(16);
      });
    }
    expect(count()).toEqual({ attributes: 0, texts: 0 });
    expect(rate.textContent).toBe('50.0%');
    act(() => {
      vi.advanceTimersByTime(TILE_NAMES_QUIET_MS);
    });
    expect(rate.textContent).toBe('25.0%');
    expect(rate.dataset.rate).toBe('0.25');
    expect(tile.getAttribute('aria-label')).toBe('Block stage1/0, 25.0%');
    // One text, one name and two data attributes: the last rate's, once.
    expect(count()).toEqual({ attributes: 3, texts: 1 });
    attributes.disconnect();
    texts.disconnect();
    vi.useRealTimers();
  });
});

describe('ChannelCard', () => {
  it('lists a strip per channel-masked block and a gate per layer-skipping block', () => {
    let config = setStageMode(stage1Config(), 1, 'channel');
    config = setStageMode(config, 3, 'layer');
    render(<ChannelCard {...cardProps(config)} />);
    expect(screen.getAllByTestId(/^channel-strip-stage2-/)).toHaveLength(4);
    expect(screen.getAllByTestId(/^layer-gate-stage4-/)).toHaveLength(3);
  });

  it('explains how to get channel masks when no stage has them', () => {
    render(<ChannelCard {...cardProps()} />);
    expect(screen.getByText(/No stage uses channel or layer skipping/)).toBeTruthy();
  });
});

describe('MaskSourceLabel', () => {
  it('labels proxy masks as not coming from a trained network', () => {
    render(<MaskSourceLabel />);
    expect(screen.getByTestId('mask-source').textContent).toMatch(
      /^Proxy from image saliency — not a trained LAUDNet/,
    );
  });

  it('names the dump, its model and its weights', () => {
    const dump = {
      fileName: 'dog.laudmask.npz',
      archId: 'resnet50',
      archLabel: 'ResNet-50',
      weights: 'random-init',
      checkpoint: null,
    } as unknown as OpenedDump;
    useStudio.setState({ maskDump: dump, maskImage: { id: 1 } as MaskImage });
    render(<MaskSourceLabel />);
    expect(screen.getByTestId('mask-source').textContent).toMatch(
      /^Real masks from dog\.laudmask\.npz \(ResNet-50, random-init\)/,
    );
  });
});
