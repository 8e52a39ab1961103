import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { cachedAttrWriter } from '../../components/liveWrites';
import { writeNode } from './BlockStats';
import type { CardMasks } from './masksFeed';
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

/** The ponder card's texts of `masks` (its summary's numbers as their own text nodes). */
function ponderTexts({ result, atlas }: CardMasks) {
  const { ponder, blocks } = result;
  return {
    maxCount: String(ponder.maxCount),
    label: `Ponder map: up to ${ponder.maxCount} of ${blocks.length} blocks compute at a position`,
    // Summed in the worker (or once per dump): no loop over the map per rate change.
    mean: atlas.layout.ponderMean.toFixed(1),
  };
}

/**
 * The "ponder" map: per input pixel, how many blocks compute there. Renders with the masks' structure;
 * new masks of the same structure are drawn and written from `feed`.
 */
export const PonderCard = memo(function PonderCard(props: MaskCardProps) {
  const { feed } = props;
  const now = feed?.get() ?? props;
  const { result, atlas } = now;
  const image = useStudio((s) => s.maskImage);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const [attr] = useState(cachedAttrWriter);
  const { blocks } = result;
  const texts = ponderTexts(now);

  // The photo in grey, filtered once per image (a canvas filter is slow), for maps drawn without it.
  const composited = atlas.layout.ponderComposited ?? atlas.layout.composited;
  const grey = useMemo(
    () => (image && !composited ? greyCopy(image.input) : null),
    [image, composited],
  );

  useLayoutEffect(() => {
    const write = (masks: CardMasks) => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const t = ponderTexts(masks);
      attr(canvas, 'data-max-count', t.maxCount);
      attr(canvas, 'aria-label', t.label);
      writeNode(summaryRef.current, 1, t.mean);
      writeNode(summaryRef.current, 5, t.maxCount);
      const ctx = prepareCanvas(canvas, SIDE_PX, SIDE_PX);
      if (!ctx) return;
      if (grey) {
        // The photo faintly underneath, so hot spots can be matched to objects (the worker's map has it).
        ctx.drawImage(grey, 0, 0, SIDE_PX, SIDE_PX);
      }
      ctx.globalAlpha = grey ? 0.82 : 1;
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(masks.atlas.ponder, 0, 0, SIDE_PX, SIDE_PX);
      ctx.globalAlpha = 1;
    };
    write(feed?.get() ?? props);
    return feed?.subscribe(write);
  }, [feed, props, grey, attr]);

  return (
    <section className="card masks-side-card" aria-label="Ponder map">
      <h3 className="card-title">
        Ponder map <span className="hint">blocks per position</span>
      </h3>
      <canvas
        ref={canvasRef}
        style={{ width: SIDE_PX, height: SIDE_PX }}
        data-testid="mask-ponder"
        data-max-count={texts.maxCount}
        role="img"
        aria-label={texts.label}
      />
      <div className="ponder-legend">
        <span className="ramp" style={{ background: RAMP_CSS }} />
        <span className="ponder-ticks hint">
          <span>0</span>
          <span>{Math.round(blocks.length / 2)}</span>
          <span>{blocks.length} blocks</span>
        </span>
      </div>
      <p className="hint" data-testid="mask-ponder-summary" ref={summaryRef}>
        Mean {texts.mean} of {blocks.length} blocks per position; most {texts.maxCount}.
      </p>
    </section>
  );
});
