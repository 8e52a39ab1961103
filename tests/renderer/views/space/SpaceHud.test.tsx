import { afterEach, describe, expect, it } from 'vitest';
import { Profiler } from 'react';
import { act, cleanup, render, screen } from '@testing-library/react';
import { computePonderMap } from '../../../../core/maskfile/ponder';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../../../renderer/src/store';
import { setStageRate } from '../../../../renderer/src/store/configEdits';
import type { MaskImage } from '../../../../renderer/src/store/masksSlice';
import { SpaceHud } from '../../../../renderer/src/views/space/SpaceHud';
import { proxyMasksFor } from '../../../../renderer/src/worker/masksCompute';
import { ones, rampSaliency, stage1Config } from '../../masks/helpers';
import { resetStudio } from '../support';

/** Shows proxy masks of the store's configuration (computed as the app's worker computes them). */
function showMasks(): readonly BlockMaskSet[] {
  const s = useStudio.getState();
  const { blocks } = proxyMasksFor(rampSaliency(), s.config);
  s.setProxyMasks({ imageId: 1, config: s.config, blocks, ponder: computePonderMap(blocks) });
  return blocks;
}

/** The kept share of a block's spatial grid, as the line prints it (counted here, not by the app). */
function keptPercent(block: BlockMaskSet): string {
  const data = block.grid!.data;
  return `${((100 * ones(data)) / data.length).toFixed(1)}%`;
}

afterEach(() => {
  cleanup();
  resetStudio();
});

describe('SpaceHud', () => {
  it('follows a rate change without re-rendering, and re-renders for another block', () => {
    useStudio.setState({
      config: stage1Config({ rate: 0.5 }),
      selectedStage: 0,
      selectedBlock: null,
    });
    useStudio.getState().setMaskImage({ id: 1 } as MaskImage);
    let blocks = showMasks();
    let renders = 0;
    render(
      <Profiler id="hud" onRender={() => renders++}>
        <SpaceHud />
      </Profiler>,
    );
    const first = blocks.find((b) => b.stage === 0)!;
    const line = screen.getByTestId('space-selected');
    expect(line.getAttribute('data-block')).toBe(first.key);
    expect(line.textContent).toBe(`Selected ${first.key} · ${keptPercent(first)}`);
    const rendered = renders;

    act(() => {
      useStudio.getState().editConfig((c) => setStageRate(c, 0, 0.25));
      blocks = showMasks();
    });
    const quarter = blocks.find((b) => b.key === first.key)!;
    expect(keptPercent(quarter)).not.toBe(keptPercent(first));
    expect(line.textContent).toBe(`Selected ${first.key} · ${keptPercent(quarter)}`);
    expect(renders).toBe(rendered);

    const other = blocks.find((b) => b.stage === 0 && b.key !== first.key)!;
    act(() => useStudio.getState().selectBlock(other.key));
    const now = screen.getByTestId('space-selected');
    expect(now.getAttribute('data-block')).toBe(other.key);
    expect(now.textContent).toBe(`Selected ${other.key} · ${keptPercent(other)}`);
    expect(renders).toBeGreaterThan(rendered);
  });

  it('says masks are being computed before there are any', () => {
    useStudio.getState().setMaskImage({ id: 1 } as MaskImage);
    render(<SpaceHud />);
    expect(screen.queryByTestId('space-selected')).toBeNull();
    expect(screen.getByText('Computing masks…')).toBeTruthy();
  });
});
