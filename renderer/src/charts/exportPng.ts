/** Rasterises a serialised chart SVG through an offscreen canvas. */
import type { SerialisedChart } from './exportSvg';

/** Device pixels per CSS pixel of exported PNGs: crisp on high-density screens and in documents. */
export const PNG_SCALE = 2;

/** Loads an SVG string as an image (a data URL keeps it same-origin, so the canvas is not tainted). */
function loadSvgImage(svg: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('The browser could not draw the chart as an image.'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

/** PNG bytes of a serialised chart at {@link PNG_SCALE}× its size. */
export async function chartToPng(chart: SerialisedChart, scale = PNG_SCALE): Promise<Uint8Array> {
  const img = await loadSvgImage(chart.svg);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(chart.widthPx * scale);
  canvas.height = Math.ceil(chart.heightPx * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas is available to draw the PNG.');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, chart.widthPx, chart.heightPx);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The browser could not encode the PNG.');
  return new Uint8Array(await blob.arrayBuffer());
}
