import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import { shownBlock, shownMasks, type ShownMasks } from './selection';

/** The masks the views draw now (see {@link shownMasks}); re-renders only when they change. */
export function useShownMasks(): ShownMasks | null {
  const { maskDump, config, proxyMasks, maskImage } = useStudio(
    useShallow((s) => ({
      maskDump: s.maskDump,
      config: s.config,
      proxyMasks: s.proxyMasks,
      maskImage: s.maskImage,
    })),
  );
  return useMemo(
    () => shownMasks({ maskDump, config, proxyMasks, maskImage }),
    [maskDump, config, proxyMasks, maskImage],
  );
}

/** The block the detail views show (see {@link shownBlock}). */
export function useShownBlock(blocks: readonly BlockMaskSet[] | null): BlockMaskSet | null {
  const { selectedStage, selectedBlock } = useStudio(
    useShallow((s) => ({ selectedStage: s.selectedStage, selectedBlock: s.selectedBlock })),
  );
  return useMemo(
    () => (blocks ? shownBlock(blocks, selectedStage, selectedBlock) : null),
    [blocks, selectedStage, selectedBlock],
  );
}

/** Selects a block (and its stage, so the tuner's stage card follows). */
export function selectMaskBlock(block: BlockMaskSet): void {
  const s = useStudio.getState();
  s.selectStage(block.stage);
  s.selectBlock(block.key);
}
