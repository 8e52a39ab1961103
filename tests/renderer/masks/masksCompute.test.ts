import { describe, expect, it } from 'vitest';
import { setStageMode, setStageRate } from '../../../renderer/src/store/configEdits';
import { readPngHeader } from '../../../core/maskfile/png';
import { openMaskDump, proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { fixture, ones, rampSaliency, stage1Config } from './helpers';

describe('proxyMasksFor (acceptance 1 numbers)', () => {
  it('keeps exactly 98 of 196 cells in each stage-1 block at S = 4, rate 0.5', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config({ S: 4, rate: 0.5 }));
    const stage1 = blocks.filter((b) => b.stage === 0);
    expect(stage1).toHaveLength(3);
    for (const block of stage1) {
      expect(block.grid?.height).toBe(14);
      expect(block.grid?.width).toBe(14);
      expect(ones(block.grid?.data ?? [])).toBe(98);
    }
  });

  it('keeps ⌈0.5·7·7⌉ = 25 cells at S = 8', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config({ S: 8, rate: 0.5 }));
    const first = blocks[0];
    expect(first?.grid?.height).toBe(7);
    expect(ones(first?.grid?.data ?? [])).toBe(25);
  });

  it('keeps the most salient cells (the bottom rows of a top-to-bottom ramp)', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config({ S: 8, rate: 2 / 7 }));
    const grid = blocks[0]?.grid;
    // 2/7 of a 7×7 grid is 14 cells: the last two rows.
    expect(Array.from(grid?.data ?? [])).toEqual([
      ...new Array<number>(35).fill(0),
      ...new Array<number>(14).fill(1),
    ]);
  });

  it('computes a ponder map over all 16 blocks', () => {
    let config = stage1Config({ rate: 1 });
    for (let s = 1; s < 4; s++) config = setStageRate(config, s, 1);
    const { ponder, blocks } = proxyMasksFor(rampSaliency(), config);
    expect(blocks).toHaveLength(16);
    // Every block keeps every cell at rate 1: every pixel is computed by all 16 blocks.
    expect(ponder.maxCount).toBe(16);
    expect(Math.min(...ponder.counts)).toBe(16);
  });

  it('gives channel groups in channel mode and no spatial grid', () => {
    const config = setStageMode(stage1Config({ rate: 0.5 }), 0, 'channel');
    const { blocks } = proxyMasksFor(rampSaliency(), config);
    const first = blocks[0];
    expect(first?.grid).toBeNull();
    // m = 64, G = 2: 32 groups, half kept.
    expect(first?.channel?.length).toBe(32);
    expect(ones(first?.channel ?? [])).toBe(16);
  });

  it('throws for a granularity that does not divide the map', () => {
    const config = stage1Config({ S: 5 });
    expect(() => proxyMasksFor(rampSaliency(), config)).toThrow(RangeError);
  });
});

describe('openMaskDump', () => {
  it('opens the fixture dump with its configuration, image and ponder map', () => {
    const result = openMaskDump(fixture('resnet50-spatial.laudmask.npz'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { dump } = result;
    expect(dump.archId).toBe('resnet50');
    expect(dump.blocks).toHaveLength(16);
    // The embedded input is handed on as the PNG it is (the worker decodes it with createImageBitmap).
    expect(readPngHeader(dump.input.png)).toMatchObject({ width: 224, height: 224 });
    expect(dump.patch.modes).toEqual(['spatial', 'spatial', 'spatial', 'spatial']);
    // Per-block rates equal the kept fraction of the decision grid, counted here.
    for (const block of dump.blocks) {
      const grid = block.grid;
      expect(grid).not.toBeNull();
      if (grid)
        expect(dump.patch.blockRates[block.key]).toBeCloseTo(
          ones(grid.data) / grid.data.length,
          12,
        );
    }
    expect(dump.ponder.side).toBe(224);
  });

  it.each([
    ['not-a-zip.laudmask.npz', 'not-zip'],
    ['empty.laudmask.npz', 'empty'],
    ['truncated.laudmask.npz', 'zip-corrupt'],
    ['other-arch.laudmask.npz', 'other-arch'],
    ['wrong-dtype.laudmask.npz', 'wrong-dtype'],
    ['mask-values.laudmask.npz', 'mask-values'],
    ['missing-manifest.laudmask.npz', 'manifest-missing'],
  ])('refuses %s with a message', (name, code) => {
    const result = openMaskDump(fixture(`bad/${name}`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    // A sentence for the user, not a stack trace.
    expect(result.error).toMatch(/^[A-Z].*\.$/);
  });
});
