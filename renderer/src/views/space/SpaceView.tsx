import { useEffect, useMemo, useRef, useState } from 'react';
import type { StudioConfig } from '../../../../core/config/schema';
import { markDrawn } from '../../perf/probe';
import { useStudio } from '../../store';
import { masksWorker } from '../../worker/masksClient';
import '../../styles/masks.css';
import { maskActions } from '../masks/appActions';
import { MaskSourceLabel } from '../masks/MasksToolbar';
import { formatMaskRate, headlineRate, shownMasks } from '../masks/selection';
import { useMaskPipeline } from '../masks/useMaskPipeline';
import { selectMaskBlock, useShownBlock, useShownMasks } from '../masks/useShownMasks';
import { SpaceEngine, webglProblem } from './engine';

/** Pixels of an ImageBitmap (the 224 network input), for the planes' textures. */
function bitmapPixels(bitmap: ImageBitmap): Uint8ClampedArray | null {
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
}

/** "3D view": the network's feature maps as planes along its depth, textured with the masks. */
export function SpaceView() {
  useMaskPipeline(useStudio, masksWorker, maskActions);
  const masks = useShownMasks();
  const image = useStudio((s) => s.maskImage);
  const blocks = masks?.result.blocks ?? null;
  const proxyConfig = masks?.source === 'proxy' ? masks.result.config : null;
  const shown = useShownBlock(blocks);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const engineRef = useRef<SpaceEngine | null>(null);
  // The configuration whose masks the scene holds (proxy masks), for the benchmarks' probe.
  const contentConfig = useRef<StudioConfig | null>(null);
  const [problem, setProblem] = useState<string | null>(() => webglProblem());
  const pixels = useMemo(() => (image ? bitmapPixels(image.input) : null), [image]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || problem) return;
    let engine: SpaceEngine;
    try {
      engine = new SpaceEngine(canvas, (key) => {
        const block = shownMasks(useStudio.getState())?.result.blocks.find((b) => b.key === key);
        if (block) selectMaskBlock(block);
      });
    } catch (err) {
      // Reported after the effect: WebGL was advertised but the context could not be created.
      queueMicrotask(() =>
        setProblem(
          `The 3D view could not start WebGL (${err instanceof Error ? err.message : String(err)}). The 2D mask views work without it.`,
        ),
      );
      return;
    }
    engineRef.current = engine;
    engine.onRendered = () =>
      markDrawn('space', contentConfig.current ?? useStudio.getState().config);
    return () => {
      engineRef.current = null;
      engine.dispose();
    };
  }, [problem]);

  useEffect(() => {
    if (!blocks) return;
    contentConfig.current = proxyConfig;
    engineRef.current?.setContent(blocks, pixels);
  }, [blocks, proxyConfig, pixels, problem]);

  useEffect(() => {
    engineRef.current?.setSelected(shown?.key ?? null);
  }, [shown, blocks, problem]);

  const rate = shown ? headlineRate(shown) : null;
  return (
    <div className="space-view" data-testid="space-view">
      <div className="space-toolbar">
        <MaskSourceLabel />
        <button
          type="button"
          className="btn small"
          onClick={() => engineRef.current?.frameAll()}
          disabled={problem !== null}
        >
          Reset camera
        </button>
        <span className="hint">
          Drag to orbit, scroll to zoom, right-drag to pan, click a plane to select its block.
        </span>
      </div>
      {problem ? (
        <div className="card space-message" role="alert" data-testid="space-webgl-problem">
          {problem}
        </div>
      ) : (
        <div className="space-stage">
          <canvas
            ref={canvasRef}
            data-testid="space-canvas"
            aria-label="3D view of the network's masks"
          />
          <div className="space-hud" aria-live="polite">
            {shown ? (
              <span data-testid="space-selected" data-block={shown.key}>
                Selected <strong>{shown.key}</strong>
                {rate !== null ? ` · ${formatMaskRate(rate)}` : ' · dense'}
              </span>
            ) : (
              <span>{masks ? '' : 'Computing masks…'}</span>
            )}
            <span>
              Stages 1–4 left to right · each plane is a block&apos;s output map, bright where it
              computes
            </span>
            <span>Translucent: block skipped · slabs with gaps: skipped channel groups</span>
          </div>
        </div>
      )}
    </div>
  );
}
