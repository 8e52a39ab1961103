/**
 * What the masks worker computes, as plain functions (unit-testable in Node): proxy masks of a
 * configuration over an image's saliency, and the reading of a real mask dump. Every image, a dump's
 * embedded PNG included, is decoded one way: by the platform (createImageBitmap) in `masksImage.ts`.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import { BUILTIN_ARCHITECTURES } from '../../../core/arch';
import type { StudioConfig } from '../../../core/config/schema';
import { dumpToConfigPatch, type DumpConfigPatch } from '../../../core/maskfile/config';
import { computePonderMap, type PonderMap } from '../../../core/maskfile/ponder';
import { readMaskDump } from '../../../core/maskfile/read';
import type { BlockMaskSet, MaskDump, MaskDumpErrorCode } from '../../../core/maskfile/types';
import { computeProxyMasks } from '../../../core/masks/proxy';
import { proxyConfigFromStudio } from '../../../core/masks/proxyConfig';
import { computeSaliency, type SaliencyMap } from '../../../core/saliency/spectralResidual';

/** Seed of the proxy's layer gates and channel groups: fixed, so the same configuration draws the same. */
export const PROXY_SEED = 0;

/** Masks of every block plus the ponder map drawn from them. */
export interface MaskComputation {
  blocks: BlockMaskSet[];
  ponder: PonderMap;
  /** Time spent, for the status line. */
  elapsedMs: number;
}

/**
 * Proxy masks of `config` over `saliency`. Throws (RangeError) when a granularity does not fit the
 * architecture; the caller reports it and keeps the masks it had.
 */
export function proxyMasksFor(saliency: SaliencyMap, config: StudioConfig): MaskComputation {
  const t0 = performance.now();
  const blocks = computeProxyMasks(saliency, proxyConfigFromStudio(config, PROXY_SEED));
  const ponder = computePonderMap(blocks);
  return { blocks, ponder, elapsedMs: performance.now() - t0 };
}

/** Saliency of an RGBA network input. */
export function saliencyOf(rgba: Uint8ClampedArray, width: number, height: number): SaliencyMap {
  return computeSaliency(rgba, width, height);
}

/** What the view needs from a valid dump (the raw manifest stays in the worker). */
export interface OpenedDumpData extends MaskComputation {
  archId: string;
  archLabel: string;
  weights: MaskDump['weights'];
  /** The manifest's `weights` text as written. */
  weightsText: string | null;
  checkpoint: string | null;
  warnings: string[];
  patch: DumpConfigPatch;
  /** The architecture, so a custom one can be put in the configuration. */
  arch: ArchitectureSpec;
  /** The embedded network input, still PNG-encoded (the worker decodes it with the platform's decoder). */
  input: { png: Uint8Array };
  /** Original size and crop box as the exporter recorded them (null: the dump does not say). */
  origSize: [number, number] | null;
  cropBox: [number, number, number, number] | null;
}

export type OpenDumpResult =
  { ok: true; dump: OpenedDumpData } | { ok: false; code: MaskDumpErrorCode; error: string };

/**
 * Reads and validates a `.laudmask.npz` (see `readMaskDump`; its image.png header is checked there) and
 * computes the ponder map. `extraArchitectures` are user-defined models a dump may name besides the built-ins.
 */
export function openMaskDump(
  bytes: Uint8Array,
  extraArchitectures: readonly ArchitectureSpec[] = [],
): OpenDumpResult {
  const t0 = performance.now();
  const known = [
    ...BUILTIN_ARCHITECTURES,
    ...extraArchitectures.filter((a) => !BUILTIN_ARCHITECTURES.some((b) => b.id === a.id)),
  ];
  const read = readMaskDump(bytes, { architectures: known });
  if (!read.ok) return read;
  const { dump } = read;
  const ponder = computePonderMap(dump.blocks);
  return {
    ok: true,
    dump: {
      blocks: dump.blocks,
      ponder,
      elapsedMs: performance.now() - t0,
      archId: dump.arch.id,
      archLabel: dump.arch.label,
      weights: dump.weights,
      weightsText: dump.weightsText,
      checkpoint: dump.checkpoint,
      warnings: dump.warnings,
      patch: dumpToConfigPatch(dump),
      arch: dump.arch,
      input: { png: dump.imagePng },
      origSize: dump.origSize,
      cropBox: dump.cropBox,
    },
  };
}
