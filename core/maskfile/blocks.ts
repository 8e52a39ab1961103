/**
 * The manifest's optional `blocks` list matched to the architecture's blocks by key (order does not
 * matter). A list whose keys are not exactly the architecture's means the dump was made for another
 * network than the one it names: that is refused, since every shape would be read against the wrong model.
 */
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import type { LaudmaskManifest, ManifestBlock } from './manifest';
import type { Failure } from './members';

const listSome = (keys: readonly string[]) =>
  `${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}`;

/** Manifest entries by block key; an absent list gives an empty map (the arrays are the data). */
export function matchManifestBlocks(
  arch: ArchitectureSpec,
  geometry: readonly BlockGeometry[],
  manifest: LaudmaskManifest,
): { ok: true; byKey: Map<string, ManifestBlock> } | Failure {
  const byKey = new Map<string, ManifestBlock>();
  const listed = manifest.blocks;
  if (listed === null || listed === undefined) return { ok: true, byKey };
  const archKeys = new Set(geometry.map((b) => b.key));
  const unknown: string[] = [];
  for (const entry of listed) {
    if (byKey.has(entry.key)) {
      return {
        ok: false,
        code: 'manifest-invalid',
        error: `manifest.json lists block ${entry.key} twice.`,
      };
    }
    byKey.set(entry.key, entry);
    if (!archKeys.has(entry.key)) unknown.push(entry.key);
  }
  if (listed.length !== geometry.length || unknown.length > 0) {
    const detail =
      unknown.length > 0 ? `, among them ${listSome(unknown)} which it does not have` : '';
    return {
      ok: false,
      code: 'other-arch',
      error: `The dump lists ${listed.length} blocks (${listSome(listed.map((b) => b.key))}) but ${arch.label} has ${geometry.length}${detail}: it was probably made for another architecture than the "${manifest.model.arch}" its manifest names.`,
    };
  }
  return { ok: true, byKey };
}
