/**
 * A mask dump in memory (live results, possibly with threshold offsets) → the content of a
 * `.laudmask.npz` file as the Python exporter writes it (formulation spec §7): masks uint8, soft scores
 * float16, rates in the manifest computed from the masks written. Pass the result to `writeMaskDump`.
 */
import type { LaudmaskManifest, ManifestBlock } from '../maskfile/manifest';
import type { NpyWritable } from '../maskfile/npy';
import type { MaskDump, MaskPlane } from '../maskfile/types';
import type { MaskDumpContent } from '../maskfile/write';

const planeShape = (p: MaskPlane) => [p.groups, p.height, p.width];

/** The arrays and manifest of a dump, ready for `writeMaskDump`. */
export function dumpContentOf(dump: MaskDump): MaskDumpContent {
  const arrays: Record<string, NpyWritable> = {};
  const table: NonNullable<LaudmaskManifest['arrays']> = {};
  const put = (name: string, array: NpyWritable) => {
    arrays[name] = array;
    table[name] = { dtype: array.dtype, shape: [...array.shape] };
  };
  const blocks: ManifestBlock[] = dump.blocks.map((b) => {
    if (b.grid) {
      put(`${b.key}/spatial`, { dtype: 'uint8', shape: planeShape(b.grid), data: b.grid.data });
      if (b.gridScore) {
        put(`${b.key}/spatial_logit`, {
          dtype: 'float16',
          shape: planeShape(b.grid),
          data: b.gridScore.data,
        });
      }
      // Masks the model did not give (derived here) are left out, as the dump reader would derive them.
      if (b.conv2 && !b.derived.includes('conv2')) {
        put(`${b.key}/conv2`, { dtype: 'uint8', shape: planeShape(b.conv2), data: b.conv2.data });
      }
      if (b.conv1 && !b.derived.includes('conv1')) {
        put(`${b.key}/conv1`, { dtype: 'uint8', shape: planeShape(b.conv1), data: b.conv1.data });
      }
    }
    if (b.channel)
      put(`${b.key}/channel`, { dtype: 'uint8', shape: [b.channel.length], data: b.channel });
    return {
      key: b.key,
      module: b.module,
      spatial_shape: b.grid ? planeShape(b.grid) : null,
      spatial_rate: b.rates.spatial,
      conv2_rate: b.rates.conv2,
      conv1_rate: b.rates.conv1,
      channel_shape: b.channel ? [b.channel.length] : null,
      channel_rate: b.rates.channel,
    };
  });
  const manifest: LaudmaskManifest = { ...dump.manifest, blocks, arrays: table };
  return { manifest, arrays, imagePng: dump.imagePng };
}
