/**
 * What the page gets of a live run: the masks in the dump's shape (so every mask view draws them like
 * a dump's), the ponder map, and the configuration patch of the measured rates.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import { dumpToConfigPatch, type DumpConfigPatch } from '../../../core/maskfile/config';
import { computePonderMap, type PonderMap } from '../../../core/maskfile/ponder';
import type { BlockMaskSet, MaskDump } from '../../../core/maskfile/types';
import type { MaskAtlas } from '../worker/masksAtlas';

export interface LiveMasks {
  ok: true;
  blocks: BlockMaskSet[];
  ponder: PonderMap;
  archId: string;
  archLabel: string;
  arch: ArchitectureSpec;
  weights: MaskDump['weights'];
  weightsText: string | null;
  checkpoint: string | null;
  warnings: string[];
  patch: DumpConfigPatch;
  origSize: [number, number] | null;
  cropBox: [number, number, number, number] | null;
  /** Top-1 class index of the logits (-1 unknown). */
  top1: number;
  /** The 2D views' pictures of these masks, drawn in the worker (absent: the page draws them). */
  atlas?: LiveAtlas;
}

/**
 * The pictures the live worker draws: every one but the overlays, of which a card shows one block's at
 * a time (the page paints that one when it is shown, see preparedAtlas.ts).
 */
export type LiveAtlas = Omit<MaskAtlas<ImageBitmap>, 'overlays' | 'prepare'>;

/** The page's copy of a live dump. */
export function liveMasksOf(dump: MaskDump): LiveMasks {
  const prediction = (dump.manifest as { prediction?: { top5_index?: readonly number[] } })
    .prediction;
  return {
    ok: true,
    blocks: dump.blocks,
    ponder: computePonderMap(dump.blocks),
    archId: dump.arch.id,
    archLabel: dump.arch.label,
    arch: dump.arch,
    weights: dump.weights,
    weightsText: dump.weightsText,
    checkpoint: dump.checkpoint,
    warnings: dump.warnings,
    patch: dumpToConfigPatch(dump),
    origSize: dump.origSize,
    cropBox: dump.cropBox,
    top1: prediction?.top5_index?.[0] ?? -1,
  };
}
