/**
 * A rate change (new proxy masks) shows in the masks view's cards without a render of the view around
 * them: its toolbar, its drop zone and its hooks (the pipeline, the open handlers) stay as they are (the
 * cards write the new masks themselves: masksLiveWrites.test.tsx).
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../renderer/src/host/types';
import { HostContext } from '../../../renderer/src/hostContext';
import { useStudio } from '../../../renderer/src/store';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { buildMaskAtlas } from '../../../renderer/src/worker/masksAtlas';
import { rampSaliency, sampleImage, stage1Config } from './helpers';

/** Renders of the view itself: it calls the pipeline's hook once per render. */
const renders = vi.hoisted(() => ({ view: 0 }));
vi.mock('../../../renderer/src/views/masks/useMaskPipeline', () => ({
  useMaskPipeline: () => void renders.view++,
}));

const { MasksView } = await import('../../../renderer/src/views/masks/MasksView');

const image = sampleImage();

/** Proxy masks of image 1 at stage-1 rate `rate`, with their (never drawn) pictures. */
function proxyAt(rate: number) {
  const config = stage1Config({ rate });
  const { blocks, ponder } = proxyMasksFor(rampSaliency(), config);
  const { layout } = buildMaskAtlas(blocks, ponder, { tilePx: 64, tileStripPx: 7 });
  const picture = {} as CanvasImageSource;
  const atlas = { layout, tiles: picture, overlays: picture, strips: picture, ponder: picture };
  return { imageId: 1, config, blocks, ponder, atlas };
}

afterEach(() => {
  cleanup();
  useStudio.setState({ maskDump: null, maskImage: null, proxyMasks: null });
});

describe('MasksView at a rate change', () => {
  it('shows the new masks in the cards without rendering the view', () => {
    const first = proxyAt(0.5);
    useStudio.setState({ config: first.config, maskImage: image, proxyMasks: first });
    render(
      <HostContext.Provider value={{ openFile: vi.fn() } as unknown as Host}>
        <MasksView />
      </HostContext.Provider>,
    );
    expect(screen.getByTestId('mask-kept-count').textContent).toBe('kept 98 of 196 cells (50.0%)');
    const before = renders.view;
    act(() => {
      const next = proxyAt(0.25);
      useStudio.setState({ config: next.config, proxyMasks: next });
    });
    expect(screen.getByTestId('mask-kept-count').textContent).toBe('kept 49 of 196 cells (25.0%)');
    expect(renders.view).toBe(before);
  });
});
