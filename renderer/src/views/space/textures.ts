/**
 * Pixels of the 3D view's textures, computed without WebGL (unit-tested in Node): a block's mask at
 * its own resolution, tinted over the input image scaled to that resolution.
 */
import type { BlockMaskSet } from '../../../../core/maskfile/types';

export type Rgb = readonly [number, number, number];

/** Stage colours on the 3D view's dark background (the dark theme's stage tokens). */
export const STAGE_COLOURS: readonly Rgb[] = [
  [110, 168, 255],
  [45, 212, 191],
  [251, 191, 36],
  [232, 121, 249],
];

export function stageColour(stage: number): Rgb {
  return STAGE_COLOURS[stage % STAGE_COLOURS.length] as Rgb;
}

/** Box-filter downsampling of a square RGBA image (`fromSide²·4`) to `toSide²·4`. */
export function downsampleRgba(
  rgba: ArrayLike<number>,
  fromSide: number,
  toSide: number,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(toSide * toSide * 4);
  for (let y = 0; y < toSide; y++) {
    const y0 = Math.floor((y * fromSide) / toSide);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * fromSide) / toSide));
    for (let x = 0; x < toSide; x++) {
      const x0 = Math.floor((x * fromSide) / toSide);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * fromSide) / toSide));
      const sum = [0, 0, 0, 0];
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * fromSide + xx) * 4;
          for (let c = 0; c < 4; c++) sum[c] = (sum[c] as number) + (rgba[i + c] as number);
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * toSide + x) * 4;
      for (let c = 0; c < 4; c++) out[o + c] = (sum[c] as number) / n;
    }
  }
  return out;
}

/** Whether position `i` of a block's conv2 mask is kept (any group); blocks without a spatial mask keep all. */
function keptAt(block: BlockMaskSet, i: number): boolean {
  const mask = block.conv2;
  if (!mask) return true;
  const plane = mask.height * mask.width;
  for (let g = 0; g < mask.groups; g++) if (mask.data[g * plane + i] !== 0) return true;
  return false;
}

/**
 * RGBA texture of a block (`side²·4`, side = the block's output resolution, top row first): kept
 * positions show the image tinted with the stage colour, skipped ones a dark, desaturated image. With no
 * image, flat colours. WebGL textures start at the bottom row, so the caller uploads with flipY or
 * reverses rows ({@link flipRows}).
 */
export function blockTexturePixels(
  block: BlockMaskSet,
  side: number,
  colour: Rgb,
  image: Uint8ClampedArray | null,
): Uint8ClampedArray {
  return texturePixels((i) => keptAt(block, i), side, colour, image);
}

function texturePixels(
  kept: (i: number) => boolean,
  side: number,
  colour: Rgb,
  image: Uint8ClampedArray | null,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) {
    const o = i * 4;
    const r = image ? (image[o] as number) : 128;
    const g = image ? (image[o + 1] as number) : 128;
    const b = image ? (image[o + 2] as number) : 128;
    if (kept(i)) {
      out[o] = 0.45 * r + 0.55 * colour[0];
      out[o + 1] = 0.45 * g + 0.55 * colour[1];
      out[o + 2] = 0.45 * b + 0.55 * colour[2];
    } else {
      const grey = (0.299 * r + 0.587 * g + 0.114 * b) * 0.22 + 14;
      out[o] = grey;
      out[o + 1] = grey;
      out[o + 2] = grey + 6;
    }
    out[o + 3] = 255;
  }
  return out;
}

/**
 * Both looks of every texel of a block texture over one image, side and stage colour (kept, skipped),
 * bottom row first, one 32-bit word per texel: a rate change then picks one word per texel
 * ({@link writeBlockTexture}) instead of computing its colour again.
 */
export interface TexturePalette {
  side: number;
  kept: Uint32Array;
  skipped: Uint32Array;
}

/** The {@link TexturePalette} of `side`, `colour` and `image` (the pixels of {@link blockTexturePixels}). */
export function texturePalette(
  side: number,
  colour: Rgb,
  image: Uint8ClampedArray | null,
): TexturePalette {
  const words = (kept: boolean) => {
    const flipped = flipRows(
      texturePixels(() => kept, side, colour, image),
      side,
      side,
    );
    return new Uint32Array(flipped.buffer, flipped.byteOffset, side * side);
  };
  return { side, kept: words(true), skipped: words(false) };
}

/**
 * Writes `flipRows(blockTexturePixels(block, …))` into `target` (`side²·4` bytes, 4-byte aligned)
 * from the palette of the block's side, colour and image.
 */
export function writeBlockTexture(
  block: BlockMaskSet,
  palette: TexturePalette,
  target: Uint8Array,
): void {
  const { side, kept, skipped } = palette;
  const out = new Uint32Array(target.buffer, target.byteOffset, side * side);
  const mask = block.conv2;
  if (!mask) {
    out.set(kept);
    return;
  }
  const plane = mask.height * mask.width;
  for (let y = 0; y < side; y++) {
    const src = y * side;
    const dst = (side - 1 - y) * side;
    for (let x = 0; x < side; x++) {
      let on = 0;
      for (let g = 0; g < mask.groups; g++) on |= mask.data[g * plane + src + x] as number;
      out[dst + x] = (on !== 0 ? kept[dst + x] : skipped[dst + x]) as number;
    }
  }
}

/** The same pixels with the row order reversed (top-first → bottom-first for a WebGL data texture). */
export function flipRows(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const out = new Uint8Array(rgba.length);
  const row = width * 4;
  for (let y = 0; y < height; y++)
    out.set(rgba.subarray(y * row, (y + 1) * row), (height - 1 - y) * row);
  return out;
}

/**
 * Channel groups binned into at most `maxSlabs` slabs: the fraction kept in each bin. A bin with no
 * kept group becomes a gap in the 3D view.
 */
export function channelSlabs(groups: Uint8Array, maxSlabs = 16): number[] {
  const bins = Math.max(1, Math.min(maxSlabs, groups.length));
  const out: number[] = [];
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * groups.length) / bins);
    const hi = Math.floor(((b + 1) * groups.length) / bins);
    let kept = 0;
    for (let g = lo; g < hi; g++) kept += groups[g] ? 1 : 0;
    out.push(hi > lo ? kept / (hi - lo) : 0);
  }
  return out;
}
