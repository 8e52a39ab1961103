import { memo, useEffect, useMemo, useRef } from 'react';
import { useStudio } from '../../store';
import { prepareCanvas, rampCss } from './draw';
import type { MaskCardProps } from './OverlayCard';

const SIDE_PX = 224;
/** The legend's gradient (the same for every map). */
const RAMP_CSS = rampCss();

/** A grey copy of the network input at its own size. */
function greyCopy(input: ImageBitmap): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = input.width;
  canvas.height = input.height;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.filter = 'grayscale(1)';
    ctx.drawImage(input, 0, 0);
  }
  return canvas;
}

/** The "ponder" map: per input pixel, how many blocks compute there. */
export const PonderCard = memo(function PonderCard({ result, atlas }: MaskCardProps) {
  const image = useStudio((s) => s.maskImage);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { ponder, blocks } = result;
  // Summed in the worker (or once per dump): no loop over the map per rate change.
  const meanCount = atlas.layout.ponderMean;

  // The photo in grey, filtered once per image (a canvas filter is slow), for maps drawn without it.
  const composited = atlas.layout.ponderComposited ?? atlas.layout.composited;
  const grey = useMemo(
    () => (image && !composited ? greyCopy(image.input) : null),
    [image, composited],
  );

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, SIDE_PX, SIDE_PX);
    if (!ctx) return;
    if (grey) {
      // The photo faintly underneath, so hot spots can be matched to objects (the worker's map has it).
      ctx.drawImage(grey, 0, 0, SIDE_PX, SIDE_PX);
    }
    ctx.globalAlpha = grey ? 0.82 : 1;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(atlas.ponder, 0, 0, SIDE_PX, SIDE_PX);
    ctx.globalAlpha = 1;
  }, [atlas, grey]);

  return (
    <section className="card masks-side-card" aria-label="Ponder map">
      <h3 className="card-title">
        Ponder map <span className="hint">blocks per position</span>
      </h3>
      <canvas
        ref={canvasRef}
        style={{ width: SIDE_PX, height: SIDE_PX }}
        data-testid="mask-ponder"
        data-max-count={ponder.maxCount}
        role="img"
        aria-label={`Ponder map: up to ${ponder.maxCount} of ${blocks.length} blocks compute at a position`}
      />
      <div className="ponder-legend">
        <span className="ramp" style={{ background: RAMP_CSS }} />
        <span className="ponder-ticks hint">
          <span>0</span>
          <span>{Math.round(blocks.length / 2)}</span>
          <span>{blocks.length} blocks</span>
        </span>
      </div>
      <p className="hint" data-testid="mask-ponder-summary">
        Mean {meanCount.toFixed(1)} of {blocks.length} blocks per position; most {ponder.maxCount}.
      </p>
    </section>
  );
});
