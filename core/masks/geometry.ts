/**
 * Mask geometry of one block (formulation spec §2): from the spatial decision grid to the masks of conv3,
 * conv2 and conv1, their densities, the channel-mask expansion and the predictor's kept-cell rounding.
 * Everything works on flat row-major `Uint8Array`s (1 = kept) because the UI calls these per block per
 * frame while drawing masks over images.
 */

/** A binary map, row-major, 1 = kept. */
export interface Mask2D {
  data: Uint8Array;
  height: number;
  width: number;
}

/** Side lengths that a block's geometry needs (conv1 works at `inSize`, conv2/conv3 at `outSize`). */
export interface MaskBlockShape {
  inSize: number;
  outSize: number;
  stride: number;
  /** Widths when the map is not square; absent means the sizes above. */
  inWidth?: number;
  outWidth?: number;
}

/** Rows and columns of the decision grid of an `height × width` map at granularity `S` (partial edge cells count). */
export function gridShape(
  height: number,
  width: number,
  granularity: number,
): { rows: number; cols: number } {
  return { rows: Math.ceil(height / granularity), cols: Math.ceil(width / granularity) };
}

/**
 * Number of kept cells for activation rate `rate` on a `rows × cols` grid, with the predictor's rounding
 * `⌈(rate·rows)·cols⌉` (latency spec §2.7: the multiplication order changes the result, e.g. rate 0.7 on
 * 56×56 gives 2196, not 2195).
 */
export function keptCellCountForGrid(rate: number, rows: number, cols: number): number {
  return Math.ceil(rate * rows * cols);
}

/** Kept cells for a `height × width` map at granularity `S`: `⌈(rate·⌈h/S⌉)·⌈w/S⌉⌉` (predictor rule). */
export function keptCellCount(
  rate: number,
  height: number,
  width: number,
  granularity: number,
): number {
  const { rows, cols } = gridShape(height, width, granularity);
  return keptCellCountForGrid(rate, rows, cols);
}

/** Number of ones in a mask buffer. */
export function countKept(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) n += data[i] === 0 ? 0 : 1;
  return n;
}

/** Fraction of kept entries (0 for an empty mask). */
export function maskDensity(mask: Mask2D | Uint8Array): number {
  const data = mask instanceof Uint8Array ? mask : mask.data;
  return data.length === 0 ? 0 : countKept(data) / data.length;
}

/**
 * A decision grid with exactly `keptCellCountForGrid(rate, rows, cols)` kept cells.
 * With `scores` (one per cell, e.g. masker logits keep − skip) the highest-scoring cells are kept, ties going
 * to the lower index; without scores the kept cells are spread evenly in raster order, which gives a
 * deterministic, representative picture for a configuration that has no image.
 */
export function gridForRate(
  rate: number,
  rows: number,
  cols: number,
  scores?: ArrayLike<number>,
): Mask2D {
  const total = rows * cols;
  const kept = Math.min(total, Math.max(0, keptCellCountForGrid(rate, rows, cols)));
  const data = new Uint8Array(total);
  if (scores) {
    if (scores.length !== total)
      throw new RangeError(`scores has ${scores.length} entries, grid has ${total}`);
    const order = Array.from({ length: total }, (_, i) => i);
    order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    for (let k = 0; k < kept; k++) data[order[k] as number] = 1;
  } else {
    // Bresenham-style spreading: cell k is kept when the running quota crosses an integer.
    for (let k = 0; k < total; k++) {
      if (Math.floor(((k + 1) * kept) / total) > Math.floor((k * kept) / total)) data[k] = 1;
    }
  }
  return { data, height: rows, width: cols };
}

/** conv3 (and conv2) mask: the decision grid upsampled by nearest neighbour to `height × width`. */
export function upsampleGrid(
  grid: Mask2D,
  granularity: number,
  height: number,
  width: number,
): Mask2D {
  const data = new Uint8Array(height * width);
  for (let i = 0; i < height; i++) {
    const gi = Math.min(grid.height - 1, Math.floor(i / granularity));
    const srcRow = gi * grid.width;
    const dstRow = i * width;
    for (let j = 0; j < width; j++) {
      const gj = Math.min(grid.width - 1, Math.floor(j / granularity));
      data[dstRow + j] = grid.data[srcRow + gj] as number;
    }
  }
  return { data, height, width };
}

/**
 * conv1 mask: the positions conv1 must compute so that conv2 (3×3, stride `stride`) can produce every kept
 * output. Output (i, j) maps to input (stride·i, stride·j), then a `kernel × kernel` all-ones dilation is
 * applied at conv1's resolution `inHeight × inWidth` (done separably: rows, then columns).
 */
export function conv1Mask(
  conv2: Mask2D,
  stride: number,
  inHeight: number,
  inWidth: number,
  kernel = 3,
): Mask2D {
  const radius = Math.floor(kernel / 2);
  const placed = new Uint8Array(inHeight * inWidth);
  for (let i = 0; i < conv2.height; i++) {
    const y = i * stride;
    if (y >= inHeight) break;
    for (let j = 0; j < conv2.width; j++) {
      const x = j * stride;
      if (x < inWidth && conv2.data[i * conv2.width + j] !== 0) placed[y * inWidth + x] = 1;
    }
  }
  const rows = new Uint8Array(inHeight * inWidth);
  for (let y = 0; y < inHeight; y++) {
    for (let x = 0; x < inWidth; x++) {
      if (placed[y * inWidth + x] === 0) continue;
      const lo = Math.max(0, x - radius);
      const hi = Math.min(inWidth - 1, x + radius);
      for (let xx = lo; xx <= hi; xx++) rows[y * inWidth + xx] = 1;
    }
  }
  const data = new Uint8Array(inHeight * inWidth);
  for (let y = 0; y < inHeight; y++) {
    for (let x = 0; x < inWidth; x++) {
      if (rows[y * inWidth + x] === 0) continue;
      const lo = Math.max(0, y - radius);
      const hi = Math.min(inHeight - 1, y + radius);
      for (let yy = lo; yy <= hi; yy++) data[yy * inWidth + x] = 1;
    }
  }
  return { data, height: inHeight, width: inWidth };
}

/** The three conv masks of a block for one decision grid (conv2 and conv3 share the same buffer). */
export interface BlockMasks {
  conv3: Mask2D;
  conv2: Mask2D;
  conv1: Mask2D;
}

/** Masks of conv3, conv2 and conv1 for a block, from its decision grid at granularity `S`. */
export function blockMasks(grid: Mask2D, granularity: number, shape: MaskBlockShape): BlockMasks {
  const conv3 = upsampleGrid(grid, granularity, shape.outSize, shape.outSize);
  const conv1 = conv1Mask(conv3, shape.stride, shape.inSize, shape.inSize);
  return { conv3, conv2: conv3, conv1 };
}

/** Channel mask of `channels` entries from one decision per contiguous group of `groupSize` channels. */
export function expandChannelMask(
  groups: Uint8Array,
  groupSize: number,
  channels: number,
): Uint8Array {
  const out = new Uint8Array(channels);
  for (let c = 0; c < channels; c++) out[c] = groups[Math.floor(c / groupSize)] ?? 0;
  return out;
}

/**
 * For each conv1 coordinate along one axis, how many distinct decision cells its conv2 readers belong to.
 * Output o reads input p when |stride·o − p| ≤ radius.
 */
function readerCellCounts(
  inSize: number,
  outSize: number,
  stride: number,
  granularity: number,
  radius: number,
) {
  const counts = new Map<number, number>();
  for (let p = 0; p < inSize; p++) {
    const oLo = Math.max(0, Math.ceil((p - radius) / stride));
    const oHi = Math.min(outSize - 1, Math.floor((p + radius) / stride));
    const cells = oHi < oLo ? 0 : Math.floor(oHi / granularity) - Math.floor(oLo / granularity) + 1;
    counts.set(cells, (counts.get(cells) ?? 0) + 1);
  }
  return counts;
}

/** conv1's reader-cell counts along the rows and the columns (the same map when the input is square). */
function readerRowsAndCols(granularity: number, shape: MaskBlockShape, kernel: number) {
  const radius = Math.floor(kernel / 2);
  const rows = readerCellCounts(shape.inSize, shape.outSize, shape.stride, granularity, radius);
  const square = shape.inWidth === undefined || shape.inWidth === shape.inSize;
  const cols = square
    ? rows
    : readerCellCounts(
        shape.inWidth ?? shape.inSize,
        shape.outWidth ?? shape.outSize,
        shape.stride,
        granularity,
        radius,
      );
  return { rows, cols };
}

/**
 * Expected conv1 density of a block whose decision cells are kept independently with probability `rate`
 * (no image needed). A conv1 pixel is computed unless every decision cell touching its 3×3 neighbourhood
 * (after the stride mapping) is skipped: density = mean over pixels of 1 − (1 − rate)^k(pixel). Because the
 * neighbourhood is a product of intervals, k factorises into row and column counts.
 */
export function expectedConv1Density(
  rate: number,
  granularity: number,
  shape: MaskBlockShape,
  kernel = 3,
): number {
  if (rate <= 0) return 0;
  if (rate >= 1) return 1;
  const { rows, cols } = readerRowsAndCols(granularity, shape, kernel);
  const skip = 1 - rate;
  let sum = 0;
  for (const [ky, ny] of rows) {
    for (const [kx, nx] of cols) {
      sum += ny * nx * (1 - Math.pow(skip, ky * kx));
    }
  }
  return sum / (shape.inSize * (shape.inWidth ?? shape.inSize));
}

/**
 * The rate-free part of {@link expectedConv1Density} for one block shape and granularity: one term per
 * (row count, column count) pair, in the order that function sums them, with `weight = n_y·n_x` and
 * `exponent = k_y·k_x` (exact integers, so the products are the same numbers it computes).
 */
export interface Conv1DensityTerms {
  readonly weights: Float64Array;
  readonly exponents: Float64Array;
  /** conv1's pixel count, the divisor of the mean. */
  readonly area: number;
}

/**
 * Precomputes {@link expectedConv1Density}'s reader-cell counts for one shape and granularity, so that a
 * new rate costs one power per distinct (k_y, k_x) pair ({@link conv1DensityFromTerms}).
 */
export function conv1DensityTerms(
  granularity: number,
  shape: MaskBlockShape,
  kernel = 3,
): Conv1DensityTerms {
  const { rows, cols } = readerRowsAndCols(granularity, shape, kernel);
  const weights = new Float64Array(rows.size * cols.size);
  const exponents = new Float64Array(rows.size * cols.size);
  let i = 0;
  for (const [ky, ny] of rows) {
    for (const [kx, nx] of cols) {
      weights[i] = ny * nx;
      exponents[i] = ky * kx;
      i++;
    }
  }
  return { weights, exponents, area: shape.inSize * (shape.inWidth ?? shape.inSize) };
}

/**
 * {@link expectedConv1Density} from precomputed terms: the same operations in the same order, so the same
 * number bit for bit.
 */
export function conv1DensityFromTerms(rate: number, terms: Conv1DensityTerms): number {
  if (rate <= 0) return 0;
  if (rate >= 1) return 1;
  const skip = 1 - rate;
  const { weights, exponents } = terms;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]! * (1 - Math.pow(skip, exponents[i]!));
  }
  return sum / terms.area;
}
