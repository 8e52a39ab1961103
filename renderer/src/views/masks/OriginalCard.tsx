import { useEffect, useRef } from 'react';
import { useStudio } from '../../store';
import { prepareCanvas } from './draw';

/** Width of the original's thumbnail. */
const WIDTH_PX = 260;
const MAX_HEIGHT_PX = 220;

/** The original image with the network's crop box (resize shorter side to 256, centre crop 224). */
export function OriginalCard() {
  const image = useStudio((s) => s.maskImage);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scale = image ? Math.min(WIDTH_PX / image.origWidth, MAX_HEIGHT_PX / image.origHeight) : 1;
  const width = image ? Math.max(1, Math.round(image.origWidth * scale)) : WIDTH_PX;
  const height = image ? Math.max(1, Math.round(image.origHeight * scale)) : MAX_HEIGHT_PX;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !image?.original) return;
    const ctx = prepareCanvas(canvas, width, height);
    if (!ctx) return;
    ctx.drawImage(image.original, 0, 0, width, height);
    const box = image.cropBox;
    const x = box.x * scale;
    const y = box.y * scale;
    const w = box.width * scale;
    const h = box.height * scale;
    // Dim what the network never sees, then outline the crop.
    ctx.fillStyle = 'rgb(0 0 0 / 0.45)';
    ctx.beginPath();
    ctx.rect(0, 0, width, height);
    ctx.rect(x, y, w, h);
    ctx.fill('evenodd');
    ctx.strokeStyle = '#facc15';
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.strokeRect(x, y, w, h);
  }, [image, width, height, scale]);

  if (!image) return null;
  const box = image.cropBox;
  return (
    <section className="card masks-side-card" aria-label="Original image and crop">
      <h3 className="card-title">
        Original{' '}
        {image.cropUnknown ? null : (
          <span className="hint">
            {image.origWidth}×{image.origHeight}
          </span>
        )}
      </h3>
      {image.original ? (
        <canvas
          ref={canvasRef}
          style={{ width, height }}
          data-testid="mask-original"
          role="img"
          aria-label={`Original image with the 224×224 crop box`}
        />
      ) : (
        <p className="hint">The dump holds only the network input, not the original photo.</p>
      )}
      {image.cropUnknown ? (
        <p className="hint" data-testid="mask-crop-box" data-unknown="true">
          The dump does not record the original size or the crop box.
        </p>
      ) : (
        <p className="hint" data-testid="mask-crop-box">
          Resize shorter side to 256, centre crop 224: box at ({box.x.toFixed(0)},{' '}
          {box.y.toFixed(0)}), {box.width.toFixed(0)}×{box.height.toFixed(0)} original pixels.
        </p>
      )}
    </section>
  );
}
