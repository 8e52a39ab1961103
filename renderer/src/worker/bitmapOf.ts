import type { RgbaImage } from './masksAtlas';

/** An ImageBitmap of raw pixels, made in a worker to be transferred to the page. */
export const bitmapOf = (image: RgbaImage): Promise<ImageBitmap> =>
  createImageBitmap(
    new ImageData(image.rgba as Uint8ClampedArray<ArrayBuffer>, image.width, image.height),
  );
