/**
 * Patch saliency of a photo for the proxy token masks (worker side): the network's preprocessing
 * (resize 256, centre crop 224), the spectral-residual saliency map, and its mean over each 16×16 patch.
 */
import { computeSaliency, integralImage, poolGrid } from '../../../core/saliency';
import { decodeImageFile } from '../worker/masksImage';
import { GRID_SIDE } from './tokenMasks';

export interface PatchSaliency {
  /** The 224×224 network input the patches cut. */
  input: ImageBitmap;
  /** Mean saliency of each of the 14×14 patches, row-major. */
  scores: Float32Array;
}

export type PatchSaliencyResult = { ok: true; value: PatchSaliency } | { ok: false; error: string };

export async function patchSaliency(bytes: Uint8Array): Promise<PatchSaliencyResult> {
  const decoded = await decodeImageFile(bytes);
  if (!decoded.ok) return decoded;
  const { input, inputRgba, original } = decoded.image;
  original.close();
  const map = computeSaliency(inputRgba, input.width, input.height);
  const scores = poolGrid(integralImage(map), GRID_SIDE, GRID_SIDE);
  return { ok: true, value: { input, scores } };
}
