/**
 * Draws a block's token mask over the 224×224 input: kept patches clear, dropped ones dimmed and
 * hatched, a light 14×14 grid. Used by the 2D token masks and as the 3D view's layer textures.
 */
import { GRID_SIDE, type TokenMask } from './tokenMasks';

export interface DrawTokenOptions {
  /** Canvas side in CSS pixels × devicePixelRatio (the canvas is square). */
  size: number;
  /** Grid lines (off for small thumbnails). */
  grid?: boolean;
  /** Dropped-patch shade, 0 … 1. */
  dim?: number;
}

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export function drawTokenMask(
  ctx: Ctx,
  image: CanvasImageSource | null,
  mask: TokenMask,
  { size, grid = true, dim = 0.72 }: DrawTokenOptions,
): void {
  const cell = size / GRID_SIDE;
  ctx.clearRect(0, 0, size, size);
  if (image) ctx.drawImage(image, 0, 0, size, size);
  else {
    ctx.fillStyle = '#9aa3ad';
    ctx.fillRect(0, 0, size, size);
  }
  ctx.save();
  for (let r = 0; r < GRID_SIDE; r++) {
    for (let c = 0; c < GRID_SIDE; c++) {
      if (mask.patches[r * GRID_SIDE + c]) continue;
      const x = c * cell;
      const y = r * cell;
      ctx.fillStyle = `rgba(12, 14, 20, ${dim})`;
      ctx.fillRect(x, y, cell, cell);
      if (cell >= 10) {
        ctx.strokeStyle = 'rgba(255, 255, 255, 0.12)';
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(x, y + cell);
        ctx.lineTo(x + cell, y);
        ctx.stroke();
      }
    }
  }
  if (grid) {
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.22)';
    ctx.lineWidth = Math.max(1, size / 600);
    ctx.beginPath();
    for (let i = 1; i < GRID_SIDE; i++) {
      const p = Math.round(i * cell) + 0.5;
      ctx.moveTo(p, 0);
      ctx.lineTo(p, size);
      ctx.moveTo(0, p);
      ctx.lineTo(size, p);
    }
    ctx.stroke();
  }
  ctx.restore();
}
