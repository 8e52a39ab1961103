/** Shared builders for mask-dump tests: small, explicit dumps whose expected values are worked out by hand. */
import type { ArchitectureSpec, BlockGeometry } from '../../../core/arch';
import { findBuiltinArchitecture } from '../../../core/arch';
import type {
  ComposedBlockMasks,
  ExpectedArray,
  MaskDumpContent,
  ReferenceDynMode,
} from '../../../core/maskfile';
import { composeMaskDump, encodePngRgb } from '../../../core/maskfile';

export function arch(id: string): ArchitectureSpec {
  const a = findBuiltinArchitecture(id);
  if (!a) throw new Error(`no built-in ${id}`);
  return a;
}

/** A flat grey 224×224 PNG. */
export const greyPng = encodePngRgb(new Uint8Array(224 * 224 * 4).fill(128), 224, 224);

/** A grid of `cells` entries whose first `kept` cells (row-major) are 1. */
export function firstCellsKept(cells: number, kept: number): Uint8Array {
  const grid = new Uint8Array(cells);
  grid.fill(1, 0, kept);
  return grid;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function content(
  a: ArchitectureSpec,
  modes: ReferenceDynMode[],
  spatialGranularity: number[],
  channelGroupSize: number[],
  masksFor?: (block: BlockGeometry, arrays: readonly ExpectedArray[]) => ComposedBlockMasks,
  extra: Partial<Parameters<typeof composeMaskDump>[0]> = {},
): MaskDumpContent {
  return composeMaskDump({
    arch: a,
    modes,
    spatialGranularity,
    channelGroupSize,
    imagePng: greyPng,
    // Default: each block keeps its first `globalIndex + 1` cells and its even channel groups.
    masksFor:
      masksFor ??
      ((block, arrays) => {
        const grid = arrays.find((e) => e.kind === 'spatial');
        const channel = arrays.find((e) => e.kind === 'channel');
        return {
          grid: grid ? firstCellsKept(product(grid.shape), block.globalIndex + 1) : undefined,
          channel: channel
            ? Array.from({ length: product(channel.shape) }, (_, i) => (i % 2 === 0 ? 1 : 0))
            : undefined,
        };
      }),
    ...extra,
  });
}

/** Fraction of ones, counted plainly (independent of the reader's own counting). */
export function onesFraction(data: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 1) n++;
  return n / data.length;
}
