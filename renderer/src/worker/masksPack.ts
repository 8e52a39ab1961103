/**
 * Masks as one buffer for the trip from the worker to the page. Structured cloning gives every typed
 * array its own ArrayBuffer, and the page pays for each on arrival (about 130 small arrays per ResNet-101
 * change, ~1.5 ms of the main thread in Chromium). Views of one buffer that is transferred arrive as views
 * of that buffer: no copy, one allocation. Pure, unit-tested in Node.
 */
import type { PonderMap } from '../../../core/maskfile/ponder';
import type { BlockMaskSet, MaskPlane, ScorePlane } from '../../../core/maskfile/types';

/** Offset `n` rounded up to a multiple of 4 (a Float32Array view needs its offset aligned). */
const align4 = (n: number) => (n + 3) & ~3;

type Typed = Uint8Array | Float32Array | Uint16Array;

/**
 * Copies of `blocks` and `ponder` whose typed arrays are views of one new ArrayBuffer, and that buffer
 * (to transfer). The values are equal to the originals'; the originals are left as they are.
 */
export function packMasks(
  blocks: readonly BlockMaskSet[],
  ponder: PonderMap,
): { blocks: BlockMaskSet[]; ponder: PonderMap; buffer: ArrayBuffer } {
  let size = 0;
  const reserve = (a: Typed | null | undefined) => {
    if (a) size = align4(size) + a.byteLength;
  };
  for (const b of blocks) {
    reserve(b.grid?.data);
    reserve(b.gridScore?.data);
    reserve(b.conv2?.data);
    reserve(b.conv1?.data);
    reserve(b.channel);
  }
  reserve(ponder.counts);
  const buffer = new ArrayBuffer(align4(size));
  let offset = 0;
  const copy = <T extends Typed>(a: T, make: (buf: ArrayBuffer, at: number, n: number) => T): T => {
    offset = align4(offset);
    const view = make(buffer, offset, a.length);
    view.set(a);
    offset += a.byteLength;
    return view;
  };
  const bytes = (a: Uint8Array) => copy(a, (buf, at, n) => new Uint8Array(buf, at, n));
  const plane = (p: MaskPlane | null): MaskPlane | null =>
    p ? { ...p, data: bytes(p.data) } : null;
  const scores = (p: ScorePlane | null): ScorePlane | null =>
    p ? { ...p, data: copy(p.data, (buf, at, n) => new Float32Array(buf, at, n)) } : null;
  const packed = blocks.map((b) => ({
    ...b,
    grid: plane(b.grid),
    gridScore: scores(b.gridScore),
    conv2: plane(b.conv2),
    conv1: plane(b.conv1),
    channel: b.channel ? bytes(b.channel) : null,
  }));
  const counts = copy(ponder.counts, (buf, at, n) => new Uint16Array(buf, at, n));
  return { blocks: packed, ponder: { ...ponder, counts }, buffer };
}
