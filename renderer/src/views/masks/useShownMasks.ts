import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import { dumpIsSource, shownBlock, shownMasks, type ShownMasks } from './selection';

/**
 * The masks the views draw now (see {@link shownMasks}); re-renders only when they change. While a
 * dump is the source, a configuration change (a rate drag) does not re-render at all: a dump's masks
 * do not depend on the rates.
 */
export function useShownMasks(): ShownMasks | null {
  const { dump, config, proxyMasks, maskImage } = useStudio(
    useShallow((s) => {
      const dumpShown = dumpIsSource(s);
      return {
        dump: dumpShown ? s.maskDump : null,
        config: dumpShown ? null : s.config,
        proxyMasks: dumpShown ? null : s.proxyMasks,
        maskImage: s.maskImage,
      };
    }),
  );
  return useMemo(
    () =>
      dump
        ? { source: 'dump', result: dump, stale: false }
        : config
          ? shownMasks({ maskDump: null, config, proxyMasks, maskImage })
          : null,
    [dump, config, proxyMasks, maskImage],
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
