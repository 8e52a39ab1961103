import { useMemo } from 'react';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import { configModelId, dumpIsSource, shownBlock, type ShownMasks } from './selection';

/**
 * The masks the views draw now (see {@link shownMasks}); re-renders only when they change, not on a
 * configuration change alone: a rate change re-renders when its masks arrive, and while a dump is the
 * source (its masks do not depend on the rates) not at all. `stale` is therefore always false here; the
 * masks view dims late masks itself (see useLate.ts). One selector per value, each a reference or a
 * string compared as is: the store's every change (several per rate change) builds no object here.
 */
export function useShownMasks(): ShownMasks | null {
  const dump = useStudio((s) => (dumpIsSource(s) ? s.maskDump : null));
  const modelId = useStudio((s) => (dumpIsSource(s) ? null : configModelId(s.config)));
  const proxyMasks = useStudio((s) => (dumpIsSource(s) ? null : s.proxyMasks));
  const maskImage = useStudio((s) => s.maskImage);
  return useMemo((): ShownMasks | null => {
    if (dump) return { source: 'dump', result: dump, stale: false };
    if (modelId === null || !proxyMasks || !maskImage || proxyMasks.imageId !== maskImage.id)
      return null;
    // Masks of a configuration with another model would not line up with the blocks: wait for new ones.
    if (configModelId(proxyMasks.config) !== modelId) return null;
    return { source: 'proxy', result: proxyMasks, stale: false };
  }, [dump, modelId, proxyMasks, maskImage]);
}

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
