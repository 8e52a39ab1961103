/**
 * The shown masks as the cards draw them, outside React: a rate change brings new proxy masks of the same
 * blocks (the same keys, modes, grids and channel groups), which the cards write into their canvases and
 * texts directly (see {@link MasksFeed}); React renders the cards again only when that structure changes
 * (another image, model, mode, granularity or source). The cards render from {@link MasksFeed.get}, the
 * masks now, so a render and a direct write always show the same masks.
 */
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { preparedAtlasOf } from '../../live/preparedAtlas';
import type { StudioState } from '../../store';
import type { MaskResult, ProxyMasks } from '../../store/masksSlice';
import { buildMaskAtlas, type MaskAtlas, type RgbaImage } from '../../worker/masksAtlas';
import { createLive, type Live } from '../../components/liveWrites';
import { atlasRequest } from './atlasRequest';
import { pixelsCanvas } from './draw';
import { configModelId, dumpIsSource, type ShownMasks } from './selection';

/** What the cards draw: the shown masks and their pictures. */
export interface CardMasks {
  source: ShownMasks['source'];
  result: MaskResult;
  atlas: MaskAtlas;
}

type MasksState = Pick<StudioState, 'maskDump' | 'config' | 'proxyMasks' | 'maskImage'>;

const canvasOf = (image: RgbaImage) => pixelsCanvas(image.rgba, image.width, image.height);

/**
 * Pictures built here (a dump's or the live model's masks, or proxy masks without the worker's), once per
 * set of masks, without the photo, which the cards then draw underneath.
 */
const built = new WeakMap<MaskResult, MaskAtlas>();

function atlasOf(source: CardMasks['source'], result: MaskResult): MaskAtlas {
  const drawn =
    source === 'proxy' ? (result as { atlas?: MaskAtlas }).atlas : preparedAtlasOf(result.blocks);
  if (drawn) return drawn;
  let atlas = built.get(result);
  if (!atlas) {
    const pixels = buildMaskAtlas(result.blocks, result.ponder, atlasRequest());
    atlas = {
      layout: pixels.layout,
      tiles: canvasOf(pixels.tiles),
      overlays: canvasOf(pixels.overlays),
      strips: pixels.strips ? canvasOf(pixels.strips) : null,
      ponder: canvasOf(pixels.ponder),
    };
    built.set(result, atlas);
  }
  return atlas;
}

let last: CardMasks | null = null;

/**
 * The masks the cards show now (see `shownMasks`, never stale here: late masks are dimmed by
 * useLate.ts), the same object while the masks and their pictures are the same.
 */
export function cardMasks(state: MasksState): CardMasks | null {
  let source: CardMasks['source'];
  let result: MaskResult;
  if (dumpIsSource(state) && state.maskDump) {
    source = 'dump';
    result = state.maskDump;
  } else {
    const proxy = state.proxyMasks;
    if (!proxy || !state.maskImage || proxy.imageId !== state.maskImage.id) return null;
    // Masks of a configuration with another model would not line up with the blocks: wait for new ones.
    if (configModelId(proxy.config) !== configModelId(state.config)) return null;
    source = 'proxy';
    result = proxy;
  }
  if (last && last.result === result && last.source === source) {
    const atlas = atlasOf(source, result);
    if (atlas === last.atlas) return last;
  }
  last = { source, result, atlas: atlasOf(source, result) };
  return last;
}

/** Whether two blocks render alike (not their masks): keys, modes, grid and channel shapes. */
function sameShape(a: BlockMaskSet, b: BlockMaskSet): boolean {
  if (a === b) return true;
  const g = a.grid;
  const h = b.grid;
  return (
    a.key === b.key &&
    a.stage === b.stage &&
    a.mode === b.mode &&
    (g === h ||
      (g !== null &&
        h !== null &&
        g.groups === h.groups &&
        g.height === h.height &&
        g.width === h.width)) &&
    a.granularity === b.granularity &&
    a.conv2?.height === b.conv2?.height &&
    (a.rates.conv1 === null) === (b.rates.conv1 === null) &&
    (a.rates.conv2 === null) === (b.rates.conv2 === null) &&
    a.channel?.length === b.channel?.length &&
    a.channelGroupSize === b.channelGroupSize
  );
}

/**
 * The last blocks and the number of their shape: new blocks of the same shapes (a rate change) keep the
 * number; any other shape gets a new one (so a structure string is never reused for another shape).
 */
let lastShape: { blocks: readonly BlockMaskSet[]; id: number } | null = null;
let nextShape = 1;

function shapeOf(blocks: readonly BlockMaskSet[]): number {
  const last = lastShape;
  const same =
    last !== null &&
    (last.blocks === blocks ||
      (last.blocks.length === blocks.length &&
        blocks.every((b, i) => sameShape(b, last.blocks[i] as BlockMaskSet))));
  lastShape = { blocks, id: same ? last.id : nextShape++ };
  return lastShape.id;
}
const ids = new WeakMap<object, number>();
let nextId = 1;
const idOf = (o: object) => {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
};

/**
 * The structure of the shown masks: what the cards render with React. Equal for two sets of proxy masks
 * of the same image and blocks whose pictures the worker or the page drew (a rate change); a dump, the
 * live model's masks and masks whose pictures are built here are each their own structure.
 */
export function masksStructure(state: MasksState): string | null {
  const masks = cardMasks(state);
  if (!masks) return null;
  let structure = structures.get(masks);
  if (structure === undefined) {
    structure = structureOf(masks);
    structures.set(masks, structure);
  }
  return structure;
}

const structures = new WeakMap<CardMasks, string>();

function structureOf({ result, source, atlas }: CardMasks): string {
  const proxy = source === 'proxy' ? (result as ProxyMasks) : null;
  const shape = shapeOf(result.blocks);
  const layout = atlas.layout;
  return [
    source,
    proxy?.atlas ? `image ${proxy.imageId}` : `#${idOf(result)}`,
    layout.composited,
    layout.ponderComposited ?? '',
    `shape ${shape}`,
  ].join('|');
}

/**
 * The cards' masks: {@link MasksFeed.get} gives the masks now (set by the view at each render, and at
 * each new set of masks of the same structure), `subscribe` the sets of masks that React does not render.
 */
export interface MasksFeed {
  get: () => CardMasks | null;
  subscribe: (fn: (masks: CardMasks) => void) => () => void;
}

/** A feed of the view: `hold` sets the masks now without telling anyone, `set` tells the subscribers. */
export interface ViewFeed extends MasksFeed {
  hold: (masks: CardMasks | null) => void;
  set: (masks: CardMasks) => void;
}

export function createMasksFeed(): ViewFeed {
  const live: Live<CardMasks> = createLive<CardMasks>();
  let now: CardMasks | null = null;
  return {
    get: () => now,
    hold: (masks) => {
      now = masks;
    },
    set: (masks) => {
      now = masks;
      live.set(masks);
    },
    subscribe: live.subscribe,
  };
}
