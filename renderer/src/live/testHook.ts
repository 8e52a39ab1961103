/**
 * A read-only window on the shown live masks for end-to-end tests (`window.__laudnetLiveMasks()`):
 * every block's decision grid, conv masks and channel groups as plain arrays, keyed like the dump's
 * members (`stage1/0/spatial`). Null while no live masks are shown.
 */
import type { StudioStore } from '../store';

export interface LiveMaskArrays {
  /** The image the masks belong to. */
  image: string;
  masks: Record<string, number[]>;
}

/** The live masks of the store's current state as member name → values (null: none shown). */
export function liveMaskArrays(store: StudioStore): LiveMaskArrays | null {
  const { maskDump: dump, maskImage } = store.getState();
  if (!dump?.live || !maskImage) return null;
  const out: Record<string, number[]> = {};
  for (const b of dump.blocks) {
    if (b.grid) out[`${b.key}/spatial`] = Array.from(b.grid.data);
    if (b.conv2) out[`${b.key}/conv2`] = Array.from(b.conv2.data);
    if (b.conv1) out[`${b.key}/conv1`] = Array.from(b.conv1.data);
    if (b.channel) out[`${b.key}/channel`] = Array.from(b.channel);
  }
  return { image: maskImage.name, masks: out };
}

/** What the bench reads: the image whose live masks are shown, and the last run's timings. */
export function liveStatus(store: StudioStore) {
  const { maskDump, maskImage, liveModel, liveTiming, liveBatchTiming } = store.getState();
  return {
    image: maskDump?.live && maskImage ? maskImage.name : null,
    createMs: liveModel?.createMs ?? null,
    threads: liveModel?.threads ?? null,
    timing: liveTiming,
    batch: liveBatchTiming,
  };
}

/** The shown image as the views got it: the network input's RGB values and the preview's size. */
export interface LiveInputPixels {
  image: string;
  /** Side of the square network input. */
  side: number;
  /** Its RGB values, row by row (alpha left out). */
  rgb: number[];
  origWidth: number;
  origHeight: number;
  /** Size of the preview of the original (null: none). */
  original: { width: number; height: number } | null;
}

/** The network input of the shown image, read back from its bitmap (null: no image shown). */
export function liveInputPixels(store: StudioStore): LiveInputPixels | null {
  const image = store.getState().maskImage;
  if (!image) return null;
  const side = image.input.width;
  const ctx = new OffscreenCanvas(side, image.input.height).getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(image.input, 0, 0);
  const rgba = ctx.getImageData(0, 0, side, image.input.height).data;
  const rgb: number[] = [];
  for (let i = 0; i < rgba.length; i += 4)
    rgb.push(rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0);
  const original = image.original
    ? { width: image.original.width, height: image.original.height }
    : null;
  return {
    image: image.name,
    side,
    rgb,
    origWidth: image.origWidth,
    origHeight: image.origHeight,
    original,
  };
}

/** Installs `window.__laudnetLiveMasks`, `__laudnetLiveStatus` and `__laudnetLiveInput`. */
export function installLiveTestHook(store: StudioStore): void {
  const hooks = globalThis as {
    __laudnetLiveMasks?: () => LiveMaskArrays | null;
    __laudnetLiveStatus?: () => ReturnType<typeof liveStatus>;
    __laudnetLiveInput?: () => LiveInputPixels | null;
  };
  hooks.__laudnetLiveMasks = () => liveMaskArrays(store);
  hooks.__laudnetLiveStatus = () => liveStatus(store);
  hooks.__laudnetLiveInput = () => liveInputPixels(store);
}
