/**
 * Writer of set summaries, the TypeScript twin of the exporter's Python writer: `summary.npz` with a
 * `manifest.json` member and stored (uncompressed) `.npy` members, readable by `numpy.load`.
 */
import {
  LABEL_MEMBER,
  PREDICTED_MEMBER,
  RATE_MEMBERS,
  meanChannelMember,
  meanMapMember,
  writeNpyTyped,
} from './arrays';
import type { MaskSetSummary } from './types';
import { MASKSET_FORMAT, MASKSET_RATE_KINDS, MASKSET_VERSION } from './types';
import { writeStoredZip } from './zip';

/** The summary's manifest object (what `manifest.json` holds). */
export function maskSetManifestOf(summary: MaskSetSummary): Record<string, unknown> {
  const m = summary.model;
  return {
    format: MASKSET_FORMAT,
    version: MASKSET_VERSION,
    model: {
      arch: m.arch,
      dyn_mode: m.dynMode,
      mask_spatial_granularity: m.spatialGranularity,
      channel_dyn_granularity: m.channelGroupSize,
      spatial_mask_channel_group: m.spatialMaskChannelGroup,
      checkpoint: m.checkpoint,
      weights: m.weights,
    },
    images: summary.images,
    blocks: summary.blocks.map((b) => ({
      key: b.key,
      module: b.module,
      mode: b.mode,
      spatial_shape: b.gridShape,
      channel_shape: b.channelGroups === null ? null : [b.channelGroups],
    })),
    class_names: summary.classNames,
    dumps: summary.dumps,
    sources: summary.sources,
  };
}

/**
 * Serialises a summary as `summary.npz` bytes: members stored and 64-byte aligned, so opening it needs
 * no inflating and no copying.
 */
export function writeMaskSetSummary(summary: MaskSetSummary): Uint8Array {
  const N = summary.images;
  const B = summary.blocks.length;
  const files: [string, Uint8Array][] = [];
  const add = (name: string, data: Uint8Array) => {
    files.push([name, data]);
  };
  add('manifest.json', new TextEncoder().encode(JSON.stringify(maskSetManifestOf(summary))));
  for (const kind of MASKSET_RATE_KINDS)
    add(`${RATE_MEMBERS[kind]}.npy`, writeNpyTyped(summary.rates[kind], [N, B]));
  add(`${PREDICTED_MEMBER}.npy`, writeNpyTyped(summary.predicted, [N]));
  add(`${LABEL_MEMBER}.npy`, writeNpyTyped(summary.label, [N]));
  for (const b of summary.blocks) {
    if (b.meanMap && b.gridShape)
      add(`${meanMapMember(b.key)}.npy`, writeNpyTyped(b.meanMap, b.gridShape));
    if (b.meanChannel)
      add(`${meanChannelMember(b.key)}.npy`, writeNpyTyped(b.meanChannel, [b.meanChannel.length]));
  }
  return writeStoredZip(files);
}
