/**
 * State of the mask views ("Masks over images" and "3D view"): the image being inspected, where its masks
 * come from (the saliency proxy or a real `.laudmask.npz` dump) and the display options. Masks and
 * bitmaps are results, not document data: the session never persists this slice.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { BlockMaskSet } from '../../../core/maskfile/types';
import type { PonderMap } from '../../../core/maskfile/ponder';
import type { StudioConfig } from '../../../core/config/schema';
import type { MaskAtlas } from '../worker/masksAtlas';
import type { StudioState } from './studioStore';

/** Rectangle in image pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The image the masks are drawn over. */
export interface MaskImage {
  /** Increments with every opened image; keys the worker's saliency cache. */
  id: number;
  name: string;
  origin: 'sample' | 'file' | 'dump';
  /** The 224×224 network input (after resize 256 + centre crop 224). */
  input: ImageBitmap;
  /** A downscaled copy of the original for the crop-box view (null for dumps: they hold the input only). */
  original: ImageBitmap | null;
  origWidth: number;
  origHeight: number;
  /** The centre crop in original-image pixels. */
  cropBox: PixelBox;
  /** True when a dump records no original size or crop (the box then is the input itself). */
  cropUnknown?: boolean;
}

/** Masks with the ponder map computed from them. */
export interface MaskResult {
  blocks: BlockMaskSet[];
  ponder: PonderMap;
}

/** A real mask dump that was opened (its image is the current {@link MaskImage}). */
export interface OpenedDump extends MaskResult {
  fileName: string;
  archId: string;
  archLabel: string;
  weights: 'checkpoint' | 'random-init';
  /** The dump's `weights` text as written (null when absent). */
  weightsText?: string | null;
  checkpoint: string | null;
  warnings: string[];
  /** Set when the masks come from the live (ONNX) model: its file name ("live: <file>" in the views). */
  live?: string;
}

/** Proxy masks and the inputs they were computed for (views show them only while they match). */
export interface ProxyMasks extends MaskResult {
  imageId: number;
  config: StudioConfig;
  /** The 2D views' pictures of these masks, drawn by the worker (absent: the page draws them). */
  atlas?: MaskAtlas;
}

export type OverlayMode = 'binary' | 'score';

export interface MasksSlice {
  maskImage: MaskImage | null;
  /** Non-null while real masks are the source. */
  maskDump: OpenedDump | null;
  proxyMasks: ProxyMasks | null;
  /** True while an image or dump is being decoded. */
  maskLoading: boolean;
  overlayMode: OverlayMode;
  /** Opacity of the overlay, 0…1. */
  overlayOpacity: number;
  showMaskGrid: boolean;
  /** Shows a newly opened image; proxy masks become the source again. */
  setMaskImage: (image: MaskImage) => void;
  /** Shows a dump: its image, its masks as the source. */
  setMaskDump: (dump: OpenedDump, image: MaskImage) => void;
  /** Back to proxy masks on the same image. */
  clearMaskDump: () => void;
  setProxyMasks: (masks: ProxyMasks) => void;
  setMaskLoading: (loading: boolean) => void;
  setOverlayMode: (mode: OverlayMode) => void;
  setOverlayOpacity: (opacity: number) => void;
  setShowMaskGrid: (show: boolean) => void;
}

export const createMasksSlice: StateCreator<StudioState, [], [], MasksSlice> = (set) => ({
  maskImage: null,
  maskDump: null,
  proxyMasks: null,
  maskLoading: false,
  overlayMode: 'binary',
  overlayOpacity: 0.75,
  showMaskGrid: true,
  setMaskImage: (maskImage) => set({ maskImage, maskDump: null, proxyMasks: null }),
  setMaskDump: (maskDump, maskImage) => set({ maskDump, maskImage, proxyMasks: null }),
  clearMaskDump: () => set({ maskDump: null }),
  setProxyMasks: (proxyMasks) => set({ proxyMasks }),
  setMaskLoading: (maskLoading) => set({ maskLoading }),
  setOverlayMode: (overlayMode) => set({ overlayMode }),
  setOverlayOpacity: (opacity) => set({ overlayOpacity: Math.min(1, Math.max(0, opacity)) }),
  setShowMaskGrid: (showMaskGrid) => set({ showMaskGrid }),
});
