/**
 * Messages between the 3D view and its worker (the scene drawn on an OffscreenCanvas there). The page
 * sends masks as deltas (only blocks whose masks changed), the selection, the canvas size and the user's
 * pointer, wheel and key events in a small serialisable form; the worker answers with each render (for
 * the benchmarks' probe and the view's "drawn" mark) and with picked blocks. DOM-free: unit-tested in Node.
 */
import type { BlockMaskSet, MaskPlane } from '../../../../core/maskfile/types';

/** A pointer, wheel or key event as the orbit controls read it (the fields they use, nothing else). */
export interface ForwardedEvent {
  type: string;
  pointerId?: number;
  pointerType?: string;
  button?: number;
  clientX?: number;
  clientY?: number;
  pageX?: number;
  pageY?: number;
  deltaY?: number;
  deltaMode?: number;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  key?: string;
  code?: string;
}

export type ToSpaceWorker =
  | {
      type: 'init';
      canvas: OffscreenCanvas;
      width: number;
      height: number;
      pixelRatio: number;
    }
  /** New blocks (another network, image or mode): the scene is rebuilt. `input` undefined: the last one. */
  | { type: 'content'; seq: number; blocks: BlockMaskSet[]; input?: Uint8ClampedArray | null }
  /**
   * The same blocks (same keys, modes and mask shapes) with new masks: the indices of the blocks sent and
   * their masks' offsets and bytes, one buffer, each distinct mask once ({@link encodeUpdate}). Cloning 33 blocks as objects cost ~1 ms of
   * the page's main thread per change in Chromium; one transferred buffer costs ~0.04 ms.
   */
  | { type: 'update'; seq: number; changed: Uint16Array; bytes: ArrayBuffer }
  | { type: 'select'; key: string | null }
  | { type: 'frameAll' }
  | { type: 'resize'; width: number; height: number; left: number; top: number }
  | { type: 'event'; event: ForwardedEvent }
  /** Picks the block at normalised device coordinates (−1…1, y up). */
  | { type: 'pick'; x: number; y: number };

export type FromSpaceWorker =
  /** One WebGL render of the content of message `seq` (see {@link RenderReport} for the counts). */
  | { type: 'rendered'; seq: number; renders: number; inFrame: number }
  | { type: 'picked'; key: string | null }
  /** WebGL could not start in the worker (the view falls back to drawing on the page). */
  | { type: 'failed'; message: string };

/** Offset `n` rounded up to a multiple of 4. */
const align4 = (n: number) => (n + 3) & ~3;

/**
 * What the worker needs of `blocks`: their masks without the soft scores and conv1's shape without its
 * data (the scene reads only its height), every mask a view of one new ArrayBuffer (returned, to be
 * transferred). Views of one buffer are not copied on the way; views of the masks' own shared buffer
 * would each carry that whole buffer (scores, conv1 masks, ponder maps) into the message.
 */
export function wireBlocks(blocks: readonly BlockMaskSet[]): {
  blocks: BlockMaskSet[];
  buffer: ArrayBuffer;
} {
  let size = 0;
  for (const b of blocks)
    for (const a of [b.grid?.data, b.conv2?.data, b.channel]) if (a) size = align4(size) + a.length;
  const buffer = new ArrayBuffer(align4(size));
  let at = 0;
  const copy = (a: Uint8Array): Uint8Array => {
    at = align4(at);
    const view = new Uint8Array(buffer, at, a.length);
    view.set(a);
    at += a.length;
    return view;
  };
  const plane = (p: MaskPlane | null): MaskPlane | null =>
    p && { groups: p.groups, height: p.height, width: p.width, data: copy(p.data) };
  const out = blocks.map((b): BlockMaskSet => ({
    ...b,
    grid: plane(b.grid),
    gridScore: null,
    conv2: plane(b.conv2),
    conv1: b.conv1 && { ...b.conv1, data: new Uint8Array(0) },
    channel: b.channel && copy(b.channel),
  }));
  return { blocks: out, buffer };
}

type MasksMessage = Extract<ToSpaceWorker, { type: 'content' | 'update' }>;

/**
 * Keeps track of what the worker holds and turns each new set of masks into the smallest message: a
 * rebuild ('content') for other blocks or another image, else an 'update' with the blocks that are new
 * objects (possibly none: the worker still draws once, so that the view can report the new configuration
 * drawn). The worker compares their masks with what it shows and re-uploads only changed textures.
 */
export class SpaceFeed {
  private blocks: readonly BlockMaskSet[] | null = null;
  private input: Uint8ClampedArray | null | undefined = undefined;
  private seq = 0;

  /** The message for `blocks` over `input`, and what to transfer with it. */
  next(
    blocks: readonly BlockMaskSet[],
    input: Uint8ClampedArray | null,
  ): { message: MasksMessage; transfer: ArrayBuffer[] } {
    const seq = ++this.seq;
    const previous = this.blocks;
    this.blocks = blocks;
    if (previous && input === this.input) {
      const update = encodeUpdate(previous, blocks);
      if (update)
        return {
          message: { type: 'update', seq, changed: update.changed, bytes: update.bytes },
          transfer: [update.bytes],
        };
    }
    const wire = wireBlocks(blocks);
    const message: Extract<MasksMessage, { type: 'content' }> = {
      type: 'content',
      seq,
      blocks: wire.blocks,
    };
    if (input !== this.input) message.input = input;
    this.input = input;
    return { message, transfer: [wire.buffer] };
  }
}

/** The masks of a block that an update carries, in order. */
const planesOf = (b: BlockMaskSet): (Uint8Array | null)[] => [
  b.grid?.data ?? null,
  b.conv2?.data ?? null,
  b.channel,
];

/** Masks per block in an update (grid, conv2, channel): the header's offsets per changed block. */
const PLANES = 3;
/** A header offset for a mask the block does not have. */
const NONE = 0xffffffff;

/** True when two planes have the same shape (both absent counts). */
const sameDims = (a: MaskPlane | null, b: MaskPlane | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.groups === b.groups &&
    a.height === b.height &&
    a.width === b.width);

/** True when `b` can take `a`'s place through an update: same key, mode, conv1 height and mask shapes. */
function sameShape(a: BlockMaskSet, b: BlockMaskSet): boolean {
  return (
    a.key === b.key &&
    a.stage === b.stage &&
    a.mode === b.mode &&
    (a.conv1?.height ?? 0) === (b.conv1?.height ?? 0) &&
    sameDims(a.grid, b.grid) &&
    sameDims(a.conv2, b.conv2) &&
    (a.channel?.length ?? -1) === (b.channel?.length ?? -1)
  );
}

/**
 * An update from `previous` (what the worker holds) to `next`: the indices of the blocks that are new
 * objects and one buffer with their grid, conv2 and channel masks: a header of {@link PLANES} byte
 * offsets per changed block (Uint32, {@link NONE} for a mask it does not have), then each distinct mask
 * once, 4-byte aligned. Same-shaped blocks of the page's masker share one array: a ResNet-101 rate
 * change carries 7 distinct spatial masks for its 33 blocks. Null when `next` needs a rebuild (other
 * blocks, modes or mask shapes).
 */
export function encodeUpdate(
  previous: readonly BlockMaskSet[],
  next: readonly BlockMaskSet[],
): { changed: Uint16Array; bytes: ArrayBuffer } | null {
  if (previous.length !== next.length) return null;
  const changed: number[] = [];
  for (let i = 0; i < next.length; i++) {
    const b = next[i]!;
    if (b === previous[i]) continue;
    if (!sameShape(previous[i]!, b)) return null;
    changed.push(i);
  }
  // Where each distinct mask goes, after the header.
  const at = new Map<Uint8Array, number>();
  let size = changed.length * PLANES * 4;
  for (const i of changed)
    for (const a of planesOf(next[i]!))
      if (a && !at.has(a)) {
        at.set(a, size);
        size = align4(size + a.length);
      }
  const bytes = new ArrayBuffer(size);
  const header = new Uint32Array(bytes, 0, changed.length * PLANES);
  const view = new Uint8Array(bytes);
  for (const [a, offset] of at) view.set(a, offset);
  changed.forEach((i, k) =>
    planesOf(next[i]!).forEach((a, p) => (header[k * PLANES + p] = a ? at.get(a)! : NONE)),
  );
  return { changed: Uint16Array.from(changed), bytes };
}

/**
 * The worker's side of {@link encodeUpdate}: `blocks` with the changed ones replaced by copies holding
 * the new masks (views of `bytes`, shared where the page's blocks shared them); unchanged blocks keep
 * their identity. The copies keep the other fields of the block they replace (rates included: nothing
 * in the worker reads them).
 * @throws Error when the update does not fit `blocks` (an index or the bytes out of range).
 */
export function decodeUpdate(
  blocks: readonly BlockMaskSet[],
  changed: Uint16Array,
  bytes: ArrayBuffer,
): BlockMaskSet[] {
  const next = blocks.slice();
  const short = (need: number) =>
    new Error(
      `a 3D mask update holds ${bytes.byteLength} bytes; its blocks need more than ${need}`,
    );
  for (const i of changed)
    if (!blocks[i]) throw new Error(`a 3D mask update for block ${i} of ${blocks.length} blocks`);
  const headerBytes = changed.length * PLANES * 4;
  if (headerBytes > bytes.byteLength) throw short(headerBytes);
  const header = new Uint32Array(bytes, 0, changed.length * PLANES);
  changed.forEach((i, k) => {
    const old = blocks[i]!;
    const take = (a: Uint8Array | null, p: number): Uint8Array | null => {
      const offset = header[k * PLANES + p]!;
      if (!a || offset === NONE) return null;
      if (offset + a.length > bytes.byteLength) throw short(offset + a.length);
      return new Uint8Array(bytes, offset, a.length);
    };
    const [grid, conv2, channel] = planesOf(old).map(take);
    next[i] = {
      ...old,
      grid: old.grid && grid ? { ...old.grid, data: grid } : null,
      conv2: old.conv2 && conv2 ? { ...old.conv2, data: conv2 } : null,
      channel: channel ?? null,
    };
  });
  return next;
}

/** The forwarded form of a pointer, wheel or key event. */
export function forwardEvent(e: Event): ForwardedEvent {
  const out: ForwardedEvent = { type: e.type };
  const m = e as Partial<PointerEvent & WheelEvent & KeyboardEvent>;
  if (m.clientX !== undefined) {
    out.clientX = m.clientX;
    out.clientY = m.clientY;
    out.pageX = m.pageX;
    out.pageY = m.pageY;
    out.button = m.button;
    out.ctrlKey = m.ctrlKey;
    out.metaKey = m.metaKey;
    out.shiftKey = m.shiftKey;
  }
  if (m.pointerId !== undefined) {
    out.pointerId = m.pointerId;
    out.pointerType = m.pointerType;
  }
  if (m.deltaY !== undefined) {
    out.deltaY = m.deltaY;
    out.deltaMode = m.deltaMode;
  }
  if (m.key !== undefined) {
    out.key = m.key;
    out.code = m.code;
    out.ctrlKey = m.ctrlKey;
    out.metaKey = m.metaKey;
    out.shiftKey = m.shiftKey;
  }
  return out;
}

/** Normalised device coordinates (−1…1, y up) of a point in a box. */
export function toNdc(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
): { x: number; y: number } {
  return {
    x: ((clientX - rect.left) / rect.width) * 2 - 1,
    y: -((clientY - rect.top) / rect.height) * 2 + 1,
  };
}
