/**
 * Writer for `.laudmask.npz` dumps: used by tests, the fixture script and the bad-file corpus. The
 * low-level {@link writeMaskDump} writes whatever it is given (so broken files can be made on purpose);
 * {@link composeMaskDump} builds a consistent dump from decision grids.
 */
import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import type { NpyWritable } from './npy';
import { writeNpy } from './npy';

/** Raw content of a dump archive. */
export interface MaskDumpContent {
  /** Serialised as manifest.json (any JSON value, so that invalid manifests can be written too). */
  manifest: unknown;
  /** Arrays by name (`stage1/0/spatial`); written as `<name>.npy`. Raw bytes are written verbatim. */
  arrays: Record<string, NpyWritable | Uint8Array>;
  /** image.png bytes; omitted when undefined. */
  imagePng?: Uint8Array;
  /** Further members written verbatim (for corrupt fixtures). */
  extraMembers?: Record<string, Uint8Array>;
  /** Deflate the members (default true, like `np.savez_compressed`). */
  compress?: boolean;
}

/** Builds the zip (npz) bytes of a dump. Member order: manifest, image, arrays, extras. */
export function writeMaskDump(content: MaskDumpContent): Uint8Array {
  const files: Zippable = {};
  const level = content.compress === false ? 0 : 6;
  files['manifest.json'] = [
    new TextEncoder().encode(JSON.stringify(content.manifest, null, 1)),
    { level },
  ];
  if (content.imagePng) files['image.png'] = [content.imagePng, { level: 0 }];
  for (const [name, array] of Object.entries(content.arrays)) {
    const bytes = array instanceof Uint8Array ? array : writeNpy(array);
    files[`${name}.npy`] = [bytes, { level }];
  }
  for (const [name, bytes] of Object.entries(content.extraMembers ?? {}))
    files[name] = [bytes, { level }];
  // A fixed local-time timestamp (zip stores local DOS time) keeps fixtures byte-identical across runs and zones.
  return zipSync(files, { mtime: new Date(2024, 0, 1) });
}
