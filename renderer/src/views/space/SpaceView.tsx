import { useEffect, useMemo, useRef, useState } from 'react';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { markDrawn } from '../../perf/probe';
import { useStudio, type StudioState } from '../../store';
import { masksWorker } from '../../worker/masksClient';
import '../../styles/masks.css';
import { maskActions } from '../masks/appActions';
import { MaskSourceLabel } from '../masks/MasksToolbar';
import { dumpIsSource, shownBlock, shownMasks } from '../masks/selection';
import { useMaskPipeline } from '../masks/useMaskPipeline';
import { selectMaskBlock } from '../masks/useShownMasks';
import { webglProblem } from './engine';
import type { SpaceHandle } from './handle';
import { PageSpace } from './pageSpace';
import { SpaceHud } from './SpaceHud';
import { WorkerSpace, workerSpaceSupported } from './workerSpace';

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

/**
 * Keeps the engine's scene in step with the store without React: a rate change hands the new masks to
 * the engine (which re-uploads only the textures whose mask changed and renders once, in the next
 * animation frame, in its worker where it has one); the canvas's host component does not re-render.
 * Returns the unsubscribe function.
 */
function followMasks(engine: SpaceHandle, pixels: Uint8ClampedArray | null): () => void {
  let blocks: readonly BlockMaskSet[] | null = null;
  let selected: string | null | undefined;
  const apply = (state: StudioState) => {
    const masks = shownMasks(state);
    const next = masks?.result.blocks ?? null;
    if (next && next !== blocks) {
      blocks = next;
      // The configuration whose masks the scene holds (proxy masks), for the benchmarks' probe.
      engine.setContent(next, pixels, masks?.source === 'proxy' ? masks.result.config : null);
    }
    const key = blocks
      ? (shownBlock(blocks, state.selectedStage, state.selectedBlock)?.key ?? null)
      : null;
    if (key !== selected) {
      selected = key;
      engine.setSelected(key);
    }
  };
  apply(useStudio.getState());
  return useStudio.subscribe((state, prev) => {
    if (
      state.proxyMasks !== prev.proxyMasks ||
      state.maskDump !== prev.maskDump ||
      state.maskImage !== prev.maskImage ||
      state.config !== prev.config ||
      state.selectedStage !== prev.selectedStage ||
      state.selectedBlock !== prev.selectedBlock
    )
      apply(state);
    // A dump's masks do not depend on the rates: what is on screen is already this configuration's.
    if (state.config !== prev.config && blocks && dumpIsSource(state) && engine.hasRendered())
      markDrawn('space', state.config);
  });
}

/** "3D view": the network's feature maps as planes along its depth, textured with the masks. */
export function SpaceView() {
  useMaskPipeline(useStudio, masksWorker, maskActions, false);
  const image = useStudio((s) => s.maskImage);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const engineRef = useRef<SpaceHandle | null>(null);
  // Drawn in a worker where one can draw WebGL on an OffscreenCanvas; on the page otherwise, or after the
  // worker failed (a fresh canvas: one handed to a worker cannot draw on the page again).
  const [inWorker, setInWorker] = useState(workerSpaceSupported);
  const [problem, setProblem] = useState<string | null>(() => (inWorker ? null : webglProblem()));
  const pixels = useMemo(() => (image ? bitmapPixels(image.input) : null), [image]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || problem) return;
    const pick = (key: string) => {
      const block = shownMasks(useStudio.getState())?.result.blocks.find((b) => b.key === key);
      if (block) selectMaskBlock(block);
    };
    let engine: SpaceHandle;
    try {
      engine = inWorker
        ? new WorkerSpace(canvas, pick, (message) => {
            console.warn(`The 3D view draws on the page: its worker could not (${message}).`);
            setInWorker(false);
          })
        : new PageSpace(canvas, pick);
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
    return () => {
      engineRef.current = null;
      engine.dispose();
    };
  }, [problem, inWorker]);

  useEffect(() => {
    const engine = engineRef.current;
    if (!engine) return;
    engine.onRendered = (config) => markDrawn('space', config ?? useStudio.getState().config);
    const stop = followMasks(engine, pixels);
    return () => {
      stop();
      engine.onRendered = null;
    };
  }, [pixels, problem, inWorker]);

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
            key={inWorker ? 'worker' : 'page'}
            ref={canvasRef}
            data-testid="space-canvas"
            aria-label="3D view of the network's masks"
          />
          <SpaceHud />
        </div>
      )}
    </div>
  );
}
