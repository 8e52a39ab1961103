/** Pooling a saliency map onto decision grids, via a summed-area table so each cell costs O(1). */
import type { SaliencyMap } from './spectralResidual';

/** Summed-area table of a map: `(width+1) × (height+1)`, entry (x, y) = sum of pixels left of x, above y. */
export interface IntegralImage {
  width: number;
  height: number;
  sums: Float64Array;
}

export function integralImage(map: SaliencyMap): IntegralImage {
  const { width, height, data } = map;
  const stride = width + 1;
  const sums = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x] as number;
      sums[(y + 1) * stride + x + 1] = (sums[y * stride + x + 1] as number) + row;
    }
  }
  return { width, height, sums };
}

/**
 * Mean saliency of each cell of a `rows × cols` grid laid over the whole map (cell edges rounded to
 * pixels, so every pixel belongs to exactly one cell).
 */
export function poolGrid(integral: IntegralImage, rows: number, cols: number): Float32Array {
  const { width, height, sums } = integral;
  const stride = width + 1;
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const y0 = Math.round((r * height) / rows);
    const y1 = Math.max(y0 + 1, Math.round(((r + 1) * height) / rows));
    for (let c = 0; c < cols; c++) {
      const x0 = Math.round((c * width) / cols);
      const x1 = Math.max(x0 + 1, Math.round(((c + 1) * width) / cols));
      const yy1 = Math.min(y1, height);
      const xx1 = Math.min(x1, width);
      const sum =
        (sums[yy1 * stride + xx1] as number) -
        (sums[y0 * stride + xx1] as number) -
        (sums[yy1 * stride + x0] as number) +
        (sums[y0 * stride + x0] as number);
      const area = Math.max(1, (yy1 - y0) * (xx1 - x0));
      out[r * cols + c] = sum / area;
    }
  }
  return out;
}
