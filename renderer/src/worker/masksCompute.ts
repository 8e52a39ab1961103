/**
 * What the masks worker computes, as plain functions (unit-testable in Node): proxy masks of a
 * configuration over an image's saliency, and the decoding of a real mask dump. The image decoding that
 * needs browser APIs (createImageBitmap, OffscreenCanvas) lives in `masksImage.ts`.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import { BUILTIN_ARCHITECTURES, listBlocks } from '../../../core/arch';
import { blockChannelRate, blockRate, resolveArchitecture } from '../../../core/config/resolve';
import type { StudioConfig } from '../../../core/config/schema';
import { dumpToConfigPatch, type DumpConfigPatch } from '../../../core/maskfile/config';
import { decodePng } from '../../../core/maskfile/png';
import { computePonderMap, type PonderMap } from '../../../core/maskfile/ponder';
import { readMaskDump } from '../../../core/maskfile/read';
import type { BlockMaskSet, MaskDump, MaskDumpErrorCode } from '../../../core/maskfile/types';
import { computeProxyMasks, type ProxyConfig } from '../../../core/masks/proxy';
import { computeSaliency, type SaliencyMap } from '../../../core/saliency/spectralResidual';

/** Seed of the proxy's layer gates and channel groups: fixed, so the same configuration draws the same. */
export const PROXY_SEED = 0;

/** The proxy generator's view of a configuration: modes, S, G and every block's resolved rates. */
export function proxyConfigFor(
  config: StudioConfig,
  arch: ArchitectureSpec = resolveArchitecture(config),
): ProxyConfig {
  const blockRates: Record<string, number> = {};
  const blockChannelRates: Record<string, number> = {};
  for (const block of listBlocks(arch)) {
    blockRates[block.key] = blockRate(config, block.stage, block.index);
    blockChannelRates[block.key] = blockChannelRate(config, block.stage, block.index);
  }
  return {
    arch,
    modes: config.stages.map((s) => s.mode),
    spatialGranularity: config.stages.map((s) => s.spatialGranularity),
    channelGroupSize: config.stages.map((s) => s.channelGroupSize),
    blockRates,
    blockChannelRates,
    seed: PROXY_SEED,
  };
}

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
  const blocks = computeProxyMasks(saliency, proxyConfigFor(config));
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
  /** The embedded network input, RGBA. */
  input: { width: number; height: number; rgba: Uint8ClampedArray };
  /** Original size and crop box as the exporter recorded them (null: the dump does not say). */
  origSize: [number, number] | null;
  cropBox: [number, number, number, number] | null;
}

export type OpenDumpResult =
  | { ok: true; dump: OpenedDumpData }
  | { ok: false; code: MaskDumpErrorCode | 'image-decode'; error: string };

/**
 * Reads and validates a `.laudmask.npz` (see `readMaskDump`), decodes its embedded input and computes the
 * ponder map. `extraArchitectures` are user-defined models a dump may name besides the built-ins.
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
  const png = decodePng(dump.imagePng);
  if (!png.ok) {
    return {
      ok: false,
      code: 'image-decode',
      error: `The dump's image.png could not be decoded (${png.error}).`,
    };
  }
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
      input: { width: png.width, height: png.height, rgba: png.rgba },
      origSize: dump.origSize,
      cropBox: dump.cropBox,
    },
  };
}
