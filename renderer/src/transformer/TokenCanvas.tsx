import { useEffect, useRef } from 'react';
import { drawTokenMask } from './drawTokens';
import type { TokenMask } from './tokenMasks';

/** A square canvas with a block's token mask over the network input. */
export function TokenCanvas({
  image,
  mask,
  sizePx,
  grid = true,
  label,
}: {
  image: ImageBitmap | null;
  mask: TokenMask;
  sizePx: number;
  grid?: boolean;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const side = Math.round(sizePx * dpr);
    if (canvas.width !== side || canvas.height !== side) {
      canvas.width = side;
      canvas.height = side;
    }
    drawTokenMask(ctx, image, mask, { size: side, grid });
  }, [image, mask, sizePx, grid]);
  return (
    <canvas
      ref={ref}
      className="tf-token-canvas"
      style={{ width: sizePx, height: sizePx }}
      role="img"
      aria-label={label}
      data-kept={mask.kept}
      data-kept-patches={mask.patches.reduce((a, b) => a + b, 0)}
    />
  );
}
