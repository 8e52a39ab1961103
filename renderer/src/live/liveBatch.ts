/**
 * A batch run of the live model over a folder: each image's dump goes into a set builder (core/maskset)
 * and is dropped, so the batch ends with the same statistics the exporter's `summary.npz` holds.
 */
import type { ThresholdOffsets } from '../../../core/live';
import type { MaskDump } from '../../../core/maskfile/types';
import { createMaskSetBuilder } from '../../../core/maskset/build';
import { writeMaskSetSummary } from '../../../core/maskset/write';

export interface LiveBatch {
  readonly offsets: ThresholdOffsets;
  /** Adds one image's dump; a message when it does not belong to the set. */
  add(path: string, dump: MaskDump, className: string | null): string | null;
  finish(): { ok: true; bytes: Uint8Array; images: number } | { ok: false; error: string };
}

/** A batch whose masks carry `offsets` (none: the model's own decisions, as the exporter writes). */
export function createLiveBatch(offsets: ThresholdOffsets): LiveBatch {
  const builder = createMaskSetBuilder();
  return {
    offsets,
    add: (path, dump, className) => builder.add(path, dump, className),
    finish() {
      const summary = builder.finish();
      if (!summary) return { ok: false, error: 'No image of the batch could be run.' };
      return { ok: true, bytes: writeMaskSetSummary(summary), images: summary.images };
    },
  };
}
