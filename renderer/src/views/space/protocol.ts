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
  /** The same blocks with new masks: `[index, block]` for each block whose masks changed. */
  | { type: 'update'; seq: number; changes: [number, BlockMaskSet][] }
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

const NO_BYTES = new Uint8Array(0);

/**
 * What the worker needs of a block: its masks without the soft scores, and conv1's shape without its
 * data (the scene reads only its height). Keeps each message small.
 */
export function wireBlock(block: BlockMaskSet): BlockMaskSet {
  const conv1: MaskPlane | null = block.conv1 && { ...block.conv1, data: NO_BYTES };
  return { ...block, gridScore: null, conv1 };
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const samePlane = (a: MaskPlane | null, b: MaskPlane | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.groups === b.groups &&
    a.height === b.height &&
    a.width === b.width &&
    sameBytes(a.data, b.data));

/** True when the worker would draw `a` and `b` alike (same key, mode, masks, gates and conv1 shape). */
export function sameDrawnBlock(a: BlockMaskSet, b: BlockMaskSet): boolean {
  if (a === b) return true;
  return (
    a.key === b.key &&
    a.stage === b.stage &&
    a.mode === b.mode &&
    (a.conv1?.height ?? 0) === (b.conv1?.height ?? 0) &&
    samePlane(a.conv2, b.conv2) &&
    samePlane(a.grid, b.grid) &&
    sameBytes(a.channel, b.channel)
  );
}

/**
 * Keeps track of what the worker holds and turns each new set of masks into the smallest message: a
 * rebuild ('content') for other blocks or another image, else an 'update' with the changed blocks only
 * (possibly none: the worker still draws once, so that the view can report the new configuration drawn).
 */
export class SpaceFeed {
  private blocks: readonly BlockMaskSet[] | null = null;
  private input: Uint8ClampedArray | null | undefined = undefined;
  private seq = 0;

  next(
    blocks: readonly BlockMaskSet[],
    input: Uint8ClampedArray | null,
  ): Extract<ToSpaceWorker, { type: 'content' | 'update' }> {
    const seq = ++this.seq;
    const previous = this.blocks;
    this.blocks = blocks;
    if (
      previous &&
      input === this.input &&
      previous.length === blocks.length &&
      previous.every((b, i) => b.key === blocks[i]!.key)
    ) {
      const changes: [number, BlockMaskSet][] = [];
      blocks.forEach((b, i) => {
        if (!sameDrawnBlock(previous[i]!, b)) changes.push([i, wireBlock(b)]);
      });
      return { type: 'update', seq, changes };
    }
    const message: Extract<ToSpaceWorker, { type: 'content' }> = {
      type: 'content',
      seq,
      blocks: blocks.map(wireBlock),
    };
    if (input !== this.input) message.input = input;
    this.input = input;
    return message;
  }

  /** The sequence number of the last message made. */
  last(): number {
    return this.seq;
  }
}

/** Applies an 'update' to the worker's copy of the blocks (unchanged blocks keep their identity). */
export function applyChanges(
  blocks: readonly BlockMaskSet[],
  changes: readonly [number, BlockMaskSet][],
): BlockMaskSet[] {
  const next = blocks.slice();
  for (const [i, block] of changes) {
    if (i < 0 || i >= next.length)
      throw new Error(`a mask update for block ${i} of ${next.length} blocks`);
    next[i] = block;
  }
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
