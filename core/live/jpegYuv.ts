/**
 * A JPEG's decoded YCbCr planes (as a browser's `ImageDecoder` hands them over: the IDCT's output,
 * chroma still subsampled) turned into RGB exactly as libjpeg-turbo does it when Pillow decodes the
 * file: "fancy" (triangle) chroma upsampling — `h2v1_fancy_upsample` for 4:2:2, `h2v2_fancy_upsample`
 * for 4:2:0, with the first and last sample rows repeated at the image's top and bottom — then the
 * fixed-point YCbCr→RGB conversion of `ycc_rgb_convert` (16 fraction bits, clamped to 0…255).
 * Equal, value for value, to Pillow's `Image.open(f).convert('RGB')` (tested against its output).
 */

/** Chroma layouts handled here (the formats `VideoFrame` reports for JPEG planes). */
export type JpegYuvFormat = 'I420' | 'I422' | 'I444';

/** Three planes of one decoded JPEG: luma at full size, chroma subsampled by `format`. */
export interface JpegYuvPlanes {
  format: JpegYuvFormat;
  width: number;
  height: number;
  y: Uint8Array;
  yStride: number;
  u: Uint8Array;
  uStride: number;
  v: Uint8Array;
  vStride: number;
}

const SCALE_BITS = 16;
const ONE_HALF = 1 << (SCALE_BITS - 1);
const fix = (x: number) => Math.floor(x * (1 << SCALE_BITS) + 0.5);

/** libjpeg-turbo's conversion tables (`build_ycc_rgb_table`), indexed by the 8-bit chroma value. */
const crToR = new Int32Array(256);
const cbToB = new Int32Array(256);
const crToG = new Int32Array(256);
const cbToG = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  const x = i - 128;
  crToR[i] = (fix(1.402) * x + ONE_HALF) >> SCALE_BITS;
  cbToB[i] = (fix(1.772) * x + ONE_HALF) >> SCALE_BITS;
  crToG[i] = -fix(0.71414) * x;
  cbToG[i] = -fix(0.34414) * x + ONE_HALF;
}

/** Clamps `value + 256` to 0…255 (the conversion's results lie in −256…511). */
const clamp = new Uint8Array(768);
for (let i = 0; i < 768; i++) clamp[i] = Math.min(255, Math.max(0, i - 256));
/** The tables offset by the clamp table's 256 (green: in the 16-bit fixed point, before the shift). */
const rOf = Int32Array.from(crToR, (v) => v + 256);
const bOf = Int32Array.from(cbToB, (v) => v + 256);
const gOfCb = Int32Array.from(cbToG, (v) => v + (256 << SCALE_BITS));

/** Vertically blended chroma rows (`3·near + far`, or the row itself without vertical subsampling). */
let cbSum = new Int32Array(0);
let crSum = new Int32Array(0);

/** One output row as 32-bit words in the platform's byte order (read back as RGBA bytes). */
let rowWords = new Uint32Array(0);
let rowBytes = new Uint8Array(0);

/** Where R, G, B and A sit in a word whose bytes read R, G, B, A in memory on this platform. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const R_SHIFT = LITTLE_ENDIAN ? 0 : 24;
const G_SHIFT = LITTLE_ENDIAN ? 8 : 16;
const B_SHIFT = LITTLE_ENDIAN ? 16 : 8;
const ALPHA = LITTLE_ENDIAN ? 0xff000000 | 0 : 0xff;

/** Source pixels `[x0, x1) × [y0, y1)` of an image. */
export interface PixelRegion {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Chroma samples per row and rows of a plane for `format`. */
export function chromaSize(
  format: JpegYuvFormat,
  width: number,
  height: number,
): { width: number; height: number } {
  if (format === 'I444') return { width, height };
  const w = Math.ceil(width / 2);
  return { width: w, height: format === 'I422' ? height : Math.ceil(height / 2) };
}

/** `region` (the whole image when absent), checked to lie inside the image and be non-empty. */
function checkedRegion(
  region: PixelRegion | undefined,
  width: number,
  height: number,
): PixelRegion {
  if (!region) return { x0: 0, y0: 0, x1: width, y1: height };
  const { x0, y0, x1, y1 } = region;
  if (!(x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height && x0 < x1 && y0 < y1)) {
    throw new RangeError(`region [${x0}, ${x1})×[${y0}, ${y1}) is not inside ${width}×${height}`);
  }
  return region;
}

/** One pixel as a 32-bit RGBA word (alpha 255), libjpeg-turbo's YCbCr → RGB with its clamping. */
function packedPixel(l: number, cb: number, cr: number): number {
  return (
    ALPHA |
    ((clamp[l + (rOf[cr] as number)] as number) << R_SHIFT) |
    ((clamp[l + (((gOfCb[cb] as number) + (crToG[cr] as number)) >> SCALE_BITS)] as number) <<
      G_SHIFT) |
    ((clamp[l + (bOf[cb] as number)] as number) << B_SHIFT)
  );
}

/**
 * RGBA pixels (alpha 255) of `planes`, written into `out` (a new array when not given); with
 * `region`, only the pixels inside it (and at most one column beside it) are written, the rest of `out`
 * left as it was. Throws a
 * RangeError on planes too small for the size, or an image narrower or shorter than 3 pixels (whose
 * upsampling would read libjpeg's block padding, which the planes do not carry).
 */
export function jpegYuvToRgba(
  planes: JpegYuvPlanes,
  out: Uint8ClampedArray = new Uint8ClampedArray(planes.width * planes.height * 4),
  region?: PixelRegion,
): Uint8ClampedArray {
  const { format, width, height, y, yStride, u, uStride, v, vStride } = planes;
  const chroma = chromaSize(format, width, height);
  if (width < 3 || height < 3) {
    throw new RangeError(`a ${width}×${height} image is too small for exact chroma upsampling`);
  }
  if (
    yStride < width ||
    y.length < yStride * (height - 1) + width ||
    uStride < chroma.width ||
    u.length < uStride * (chroma.height - 1) + chroma.width ||
    vStride < chroma.width ||
    v.length < vStride * (chroma.height - 1) + chroma.width
  ) {
    throw new RangeError(`the ${format} planes are too small for ${width}×${height} pixels`);
  }
  if (out.length < width * height * 4) {
    throw new RangeError(`an output of ${out.length} values for ${width}×${height} pixels`);
  }
  const area = checkedRegion(region, width, height);
  const cw = chroma.width;
  if (format !== 'I444' && cbSum.length < cw) {
    cbSum = new Int32Array(cw);
    crSum = new Int32Array(cw);
  }
  if (rowWords.length < width) {
    rowWords = new Uint32Array(width);
    rowBytes = new Uint8Array(rowWords.buffer);
  }
  const words = rowWords;
  const lastChromaRow = chroma.height - 1;
  // Chroma samples whose two output columns cover the region, and the sums their blends read.
  const i0 = area.x0 >> 1;
  const i1 = (area.x1 - 1) >> 1;
  const s0 = Math.max(i0 - 1, 0);
  const s1 = Math.min(i1 + 1, cw - 1);
  // libjpeg's rounding: h2v1 (3·s + neighbour + 1 or 2) >> 2; h2v2 (3·sum + neighbour + 8 or 7) >> 4.
  const shift = format === 'I420' ? 4 : 2;
  const evenRound = format === 'I420' ? 8 : 1;
  const oddRound = format === 'I420' ? 7 : 2;
  // Columns written per row: the region, widened to whole chroma pairs when subsampled.
  const c0 = format === 'I444' ? area.x0 : 2 * i0;
  const c1 = format === 'I444' ? area.x1 : Math.min(2 * i1 + 2, width);
  for (let r = area.y0; r < area.y1; r++) {
    const yAt = r * yStride;
    if (format === 'I444') {
      const uAt = r * uStride;
      const vAt = r * vStride;
      for (let x = c0; x < c1; x++) {
        words[x] = packedPixel(y[yAt + x] as number, u[uAt + x] as number, v[vAt + x] as number);
      }
    } else {
      if (format === 'I422') {
        const uAt = r * uStride;
        const vAt = r * vStride;
        for (let i = s0; i <= s1; i++) {
          cbSum[i] = u[uAt + i] as number;
          crSum[i] = v[vAt + i] as number;
        }
      } else {
        const near = r >> 1;
        // Even output rows blend in the sample row above, odd ones the row below (edges repeated).
        const far = r & 1 ? Math.min(near + 1, lastChromaRow) : Math.max(near - 1, 0);
        const un = near * uStride;
        const uf = far * uStride;
        const vn = near * vStride;
        const vf = far * vStride;
        for (let i = s0; i <= s1; i++) {
          cbSum[i] = (u[un + i] as number) * 3 + (u[uf + i] as number);
          crSum[i] = (v[vn + i] as number) * 3 + (v[vf + i] as number);
        }
      }
      // Each chroma sample gives two output columns: the even one blends in its left neighbour,
      // the odd one its right neighbour (the image's edge samples repeated).
      for (let x = c0; x < c1; x++) {
        const i = x >> 1;
        const other = x & 1 ? (i < cw - 1 ? i + 1 : i) : i > 0 ? i - 1 : 0;
        const round = x & 1 ? oddRound : evenRound;
        const cb = ((cbSum[i] as number) * 3 + (cbSum[other] as number) + round) >> shift;
        const cr = ((crSum[i] as number) * 3 + (crSum[other] as number) + round) >> shift;
        words[x] = packedPixel(y[yAt + x] as number, cb, cr);
      }
    }
    out.set(rowBytes.subarray(c0 * 4, c1 * 4), (r * width + c0) * 4);
  }
  return out;
}
