/**
 * The conv masks a decision grid implies (formulation spec §2): conv2 (= conv3) is the grid upsampled by
 * nearest neighbour to the block's output resolution; conv1 is that mask mapped through conv2's stride and
 * dilated by its 3×3 kernel, at the block's input resolution. Used to compose dumps, and by the reader when
 * a dump leaves its conv1/conv2 members out.
 */
import type { BlockGeometry } from '../arch';
import { conv1Mask, upsampleGrid } from '../masks/geometry';
import type { MaskPlane } from './types';

/** conv2 and conv1 masks of a block from its decision grid (every group of a `[g, h, w]` grid). */
export function deriveConvMasks(
  block: BlockGeometry,
  grid: MaskPlane,
): { conv2: MaskPlane; conv1: MaskPlane } {
  const { groups, height, width } = grid;
  const S = block.outSize / height;
  const out = block.outSize;
  const inp = block.inSize;
  const conv2 = new Uint8Array(groups * out * out);
  const conv1 = new Uint8Array(groups * inp * inp);
  for (let k = 0; k < groups; k++) {
    const cells = grid.data.subarray(k * height * width, (k + 1) * height * width);
    const up = upsampleGrid({ data: cells, height, width }, S, out, out);
    conv2.set(up.data, k * out * out);
    conv1.set(conv1Mask(up, block.stride, inp, inp).data, k * inp * inp);
  }
  return {
    conv2: { groups, height: out, width: out, data: conv2 },
    conv1: { groups, height: inp, width: inp, data: conv1 },
  };
}
