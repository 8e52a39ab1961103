import { useMemo } from 'react';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import { shownBlock } from './selection';

/** The block the detail views show (see {@link shownBlock}). */
export function useShownBlock(blocks: readonly BlockMaskSet[] | null): BlockMaskSet | null {
  const selectedStage = useStudio((s) => s.selectedStage);
  const selectedBlock = useStudio((s) => s.selectedBlock);
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

/** The block the detail views show among `blocks` now (for writes outside a render). */
export function shownBlockNow(blocks: readonly BlockMaskSet[]): BlockMaskSet | null {
  const s = useStudio.getState();
  return shownBlock(blocks, s.selectedStage, s.selectedBlock);
}
