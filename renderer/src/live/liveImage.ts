/**
 * Decoding an image for the live model (worker APIs): the file's own pixels, as the exporter's Pillow
 * sees them — no colour management, no EXIF rotation, alpha not premultiplied — so that the network
 * input is the same as in Python, byte for byte.
 *
 * A JPEG goes through WebCodecs' `ImageDecoder`: it decodes off the worker's thread, several times
 * faster than `createImageBitmap` + canvas + `getImageData`, and hands over the pixels unrotated
 * (Chromium's `createImageBitmap` applies the EXIF orientation whatever `imageOrientation` says). Its
 * frame is either RGB (libjpeg-turbo's own conversion, copied as is) or the YCbCr planes, converted
 * here with libjpeg-turbo's arithmetic (`core/live/jpegYuv.ts`). PNG and WebP files, and JPEGs that
 * `ImageDecoder` cannot give exactly, go through `createImageBitmap`.
 */
import { jpegYuvToRgba, type JpegYuvFormat, type PixelRegion } from '../../../core/live/jpegYuv';
import { checkImageFile } from '../../../core/saliency/imageHeader';
import { previewSize } from './imageHook';

/** Records the end of a named step (the bench's breakdown of a run). */
export type StepClock = (name: string) => void;

export interface DecodedPixels {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /**
   * The image downscaled to at most `previewSide` pixels a side, when asked for: made off this
   * thread's arithmetic, it may still be on its way when the pixels are ready.
   */
  preview: Promise<ImageBitmap> | null;
  /**
   * The pixels of `rgba` that were decoded, when only a region was asked for (null: all of them);
   * the others hold whatever the reused buffer held.
   */
  region: PixelRegion | null;
  /** Which decoder gave the pixels (the bench and the tests report it). */
  decoder: 'image-decoder' | 'image-bitmap';
  /** True when `rgba` is a reusable buffer of this module's (see {@link releasePixels}). */
  pooled: boolean;
}

export type DecodePixelsResult = { ok: true; pixels: DecodedPixels } | { ok: false; error: string };

interface Pixels {
  rgba: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
  /** True for a buffer of the reuse pool. */
  pooled?: boolean;
  /** The decoded pixels when not all of them (see {@link DecodedPixels.region}). */
  region?: PixelRegion | null;
  /** The preview, when asked for and made from the decoder's own frame (null: it could not be). */
  preview?: Promise<ImageBitmap | null> | null;
}

/** What a decode is asked for beside the pixels. */
export interface DecodeOptions {
  /** The preview's largest side (none when absent). */
  previewSide?: number;
  /**
   * False: a JPEG's preview is the decoder's frame as a bitmap at full size (made at once, scaled by
   * whoever draws or rescales it; the caller scales it to `previewSide`). Default true.
   */
  previewScaled?: boolean;
  /** The pixels the caller reads of a `width × height` image (null: all); the others may be skipped. */
  regionOf?: (width: number, height: number) => PixelRegion | null;
}

/**
 * Buffers given back once an image's pixels are no longer needed, reused by later decodes (a
 * decoded photo is 1–2 MB: allocating it per image made the worker collect garbage every few images).
 * A buffer serves any image that fits; the caller gets a view of exactly its size.
 */
const spare: { pixels: ArrayBuffer[]; planes: ArrayBuffer[] } = { pixels: [], planes: [] };
const MAX_SPARE = 2;

function take(kind: keyof typeof spare, bytes: number): ArrayBuffer {
  const list = spare[kind];
  const at = list.findIndex((b) => b.byteLength >= bytes);
  return at >= 0 ? (list.splice(at, 1)[0] as ArrayBuffer) : new ArrayBuffer(bytes);
}

function giveBack(kind: keyof typeof spare, buffer: ArrayBuffer): void {
  const list = spare[kind];
  if (buffer.byteLength === 0 || list.includes(buffer)) return;
  list.push(buffer);
  // Keep the largest few.
  list.sort((a, b) => b.byteLength - a.byteLength);
  list.length = Math.min(list.length, MAX_SPARE);
}

/**
 * Gives a decode's pixels back for reuse: call it once nothing reads them any more (no ImageData or
 * bitmap still being made of them). Pixels not made by this module are left alone.
 */
export function releasePixels(pixels: Pick<DecodedPixels, 'rgba' | 'pooled'>): void {
  if (pixels.pooled) giveBack('pixels', pixels.rgba.buffer as ArrayBuffer);
}

const RGB_FORMATS = new Set(['RGBA', 'RGBX', 'BGRA', 'BGRX']);
const YUV_FORMATS = new Set(['I420', 'I422', 'I444']);

/**
 * The JPEG's pixels through `ImageDecoder`; null when this platform has none, the file does not decode
 * there, or its frame comes in a layout not converted exactly here (the caller then uses the canvas).
 */
async function decodeJpeg(
  bytes: Uint8Array,
  options: DecodeOptions,
  step?: StepClock,
): Promise<Pixels | null> {
  if (typeof ImageDecoder === 'undefined') return null;
  let decoder: ImageDecoder | null = null;
  let frame: VideoFrame | null = null;
  /** The preview being scaled from `frame` (which stays open until it is made). */
  let preview: Promise<ImageBitmap | null> | null = null;
  try {
    decoder = new ImageDecoder({
      data: bytes as Uint8Array<ArrayBuffer>,
      type: 'image/jpeg',
      colorSpaceConversion: 'none',
      preferAnimation: false,
    });
    frame = (await decoder.decode()).image;
    step?.('imageDecoder');
    const rect = frame.visibleRect;
    const format = frame.format;
    if (!rect || !format) return null;
    const { width, height } = rect;
    // The preview is scaled from the decoder's frame by the platform, once the frame's pixels are
    // copied out (started earlier, it held the copy up).
    const startPreview = (): Promise<ImageBitmap | null> | null => {
      if (options.previewSide === undefined || !frame) return null;
      if (options.previewScaled === false) return createImageBitmap(frame).catch(() => null);
      const [resizeWidth, resizeHeight] = previewSize(width, height, options.previewSide);
      // A failure gives null: the caller makes the preview another way.
      return createImageBitmap(frame, {
        resizeWidth,
        resizeHeight,
        resizeQuality: 'medium',
      }).catch(() => null);
    };
    if (RGB_FORMATS.has(format)) {
      const rgba = new Uint8ClampedArray(take('pixels', width * height * 4), 0, width * height * 4);
      try {
        await frame.copyTo(rgba, { rect, format: 'RGBA' });
      } catch (err) {
        giveBack('pixels', rgba.buffer);
        throw err;
      }
      step?.('copyTo');
      preview = startPreview();
      step?.('previewStart');
      return { rgba, width, height, pooled: true, preview };
    }
    if (!YUV_FORMATS.has(format) || width < 3 || height < 3) return null;
    const size = frame.allocationSize({ rect });
    const planes = new Uint8Array(take('planes', size), 0, size);
    try {
      const layout = await frame.copyTo(planes, { rect });
      step?.('copyTo');
      const [y, u, v] = layout;
      if (!y || !u || !v) return null;
      const out = new Uint8ClampedArray(take('pixels', width * height * 4), 0, width * height * 4);
      const region = options.regionOf?.(width, height) ?? null;
      const rgba = jpegYuvToRgba(
        {
          format: format as JpegYuvFormat,
          width,
          height,
          y: planes.subarray(y.offset),
          yStride: y.stride,
          u: planes.subarray(u.offset),
          uStride: u.stride,
          v: planes.subarray(v.offset),
          vStride: v.stride,
        },
        out,
        region ?? undefined,
      ) as Uint8ClampedArray<ArrayBuffer>;
      step?.('yuvToRgb');
      preview = startPreview();
      step?.('previewStart');
      return { rgba, width, height, pooled: true, region, preview };
    } finally {
      giveBack('planes', planes.buffer);
    }
  } catch {
    return null;
  } finally {
    const openFrame = frame;
    const openDecoder = decoder;
    const close = () => {
      openFrame?.close();
      openDecoder?.close();
    };
    if (preview) void preview.then(close);
    else close();
  }
}

/** The platform decoder's pixels through a canvas (PNG, WebP, and the JPEGs `ImageDecoder` cannot do). */
async function decodeWithBitmap(
  bytes: Uint8Array,
  type: string,
): Promise<Pixels | { ok: false; error: string }> {
  let bitmap: ImageBitmap;
  try {
    // The Blob copies the bytes itself (they stay the caller's).
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: `image/${type}` });
    bitmap = await createImageBitmap(blob, {
      imageOrientation: 'none',
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
  } catch {
    return {
      ok: false,
      error: `The ${type.toUpperCase()} image could not be decoded: the file is truncated or corrupt.`,
    };
  }
  try {
    const ctx = contextOfSize(bitmap.width, bitmap.height);
    if (!ctx) return { ok: false, error: 'This browser offers no 2D canvas in workers.' };
    ctx.clearRect(0, 0, bitmap.width, bitmap.height);
    ctx.drawImage(bitmap, 0, 0);
    const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    return { rgba, width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

/** A display copy of the pixels, at most `side` pixels a side (what the mask views show). */
export function previewOf(
  { rgba, width, height }: Pick<DecodedPixels, 'rgba' | 'width' | 'height'>,
  side: number,
): Promise<ImageBitmap> {
  const image = new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height);
  const [resizeWidth, resizeHeight] = previewSize(width, height, side);
  if (resizeWidth === width && resizeHeight === height) return createImageBitmap(image);
  return createImageBitmap(image, { resizeWidth, resizeHeight, resizeQuality: 'medium' });
}

/**
 * Decodes a PNG, JPEG or WebP file to RGBA (the header is checked first: size caps, type); with
 * `previewSide`, also a copy downscaled to at most that many pixels a side (what the mask views show);
 * with `regionOf`, a JPEG's planes are converted only where the caller reads them.
 */
export async function decodeImagePixels(
  bytes: Uint8Array,
  options: DecodeOptions = {},
  step?: StepClock,
): Promise<DecodePixelsResult> {
  const info = checkImageFile(bytes);
  if (!info.ok) return { ok: false, error: info.error };
  let pixels: Pixels | null = info.type === 'jpeg' ? await decodeJpeg(bytes, options, step) : null;
  const decoder = pixels ? 'image-decoder' : 'image-bitmap';
  if (!pixels) {
    const decoded = await decodeWithBitmap(bytes, info.type);
    if ('ok' in decoded) return decoded;
    pixels = decoded;
  }
  const region = pixels.region ?? null;
  const side = options.previewSide;
  let preview: Promise<ImageBitmap> | null = null;
  if (side !== undefined) {
    const fromFrame = pixels.preview;
    // Without the frame's preview (rare), pixels decoded in full are previewed at once (the bitmap
    // copies them before they are reused); a partial decode's image is decoded again.
    preview = fromFrame
      ? fromFrame.then((bitmap) => bitmap ?? wholePreview(bytes, side))
      : region
        ? wholePreview(bytes, side)
        : previewOf(pixels, side);
  }
  return {
    ok: true,
    pixels: {
      rgba: pixels.rgba,
      width: pixels.width,
      height: pixels.height,
      preview,
      region,
      decoder,
      pooled: pixels.pooled === true,
    },
  };
}

/** A preview of the whole image decoded again (when only a region was decoded and no frame serves). */
async function wholePreview(bytes: Uint8Array, side: number): Promise<ImageBitmap> {
  const whole = await decodeImagePixels(bytes);
  if (!whole.ok) throw new Error(whole.error);
  try {
    return await previewOf(whole.pixels, side);
  } finally {
    releasePixels(whole.pixels);
  }
}

/** One canvas for every decode (its context is kept; resized when an image needs another size). */
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function contextOfSize(width: number, height: number): OffscreenCanvasRenderingContext2D | null {
  if (!canvas) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  } else if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return context;
}
