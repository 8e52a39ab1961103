import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from '../store/shallow';
import { T2T_VARIANTS } from '../../../core/transformer';
import { useStudio } from '../store';
import { DEFAULT_SAMPLE_ID, SAMPLE_PHOTOS } from '../views/masks/samples';
import { webglProblem } from '../views/space/engine';
import { stripTiles } from './TransformerStrip';
import { TokenStackEngine } from './tokenStack3d';
import { useBlockMasks, usePatchRanking, type SaliencySource } from './useTokenMasks';

/** 3D view for a transformer: the blocks' token grids stacked, block 0 at the bottom. */
export function TfSpaceView() {
  const { tf, block } = useStudio(useShallow((s) => ({ tf: s.transformer, block: s.tfBlock })));
  const [sampleId, setSampleId] = useState(DEFAULT_SAMPLE_ID);
  const src = useMemo((): SaliencySource => {
    const s = SAMPLE_PHOTOS.find((p) => p.id === sampleId) ?? SAMPLE_PHOTOS[0]!;
    return { key: s.id, label: s.label, source: { url: s.url } };
  }, [sampleId]);
  const { loaded, error } = usePatchRanking(src);
  const masks = useBlockMasks(loaded?.ranking ?? null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const engineRef = useRef<TokenStackEngine | null>(null);
  const [problem, setProblem] = useState<string | null>(() => webglProblem());
  const heads = tf ? T2T_VARIANTS[tf.model].heads : 1;
  const tiles = useMemo(() => (tf ? stripTiles(tf, heads) : []), [tf, heads]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || problem) return;
    let engine: TokenStackEngine;
    try {
      engine = new TokenStackEngine(canvas, (b) => useStudio.getState().selectTfBlock(b));
    } catch (err) {
      queueMicrotask(() =>
        setProblem(
          `The 3D view could not start WebGL (${err instanceof Error ? err.message : String(err)}).`,
        ),
      );
      return;
    }
    engineRef.current = engine;
    return () => {
      engineRef.current = null;
      engine.dispose();
    };
  }, [problem]);

  useEffect(() => {
    if (!loaded || masks.length === 0) return;
    engineRef.current?.setLayers(
      masks.map((mask, i) => ({ mask, skipped: tiles[i]?.attn === 0 && tiles[i]?.mlp === 0 })),
      loaded.input,
    );
  }, [masks, tiles, loaded, problem]);

  useEffect(() => {
    engineRef.current?.setSelected(block);
  }, [block, problem]);

  const sel = masks[block];
  return (
    <div className="space-view tf-space" data-testid="tf-space-view">
      <div className="view-toolbar">
        <select
          value={sampleId}
          aria-label="Photo"
          onChange={(e) => setSampleId(e.currentTarget.value)}
        >
          {SAMPLE_PHOTOS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <span className="tf-proxy-badge">Proxy masks · from image saliency</span>
        <span className="hint" data-testid="tf-space-selected">
          {sel ? `Block ${block}: ${sel.kept} of 197 tokens kept` : ''}
        </span>
        <button
          type="button"
          className="btn small"
          onClick={() => engineRef.current?.frameAll()}
          disabled={problem !== null}
        >
          Reset camera
        </button>
      </div>
      {problem || error ? (
        <p className="notice-inline error" role="alert">
          {problem ?? error}
        </p>
      ) : null}
      <div className="tf-space-canvas">
        <canvas ref={canvasRef} aria-label="Token grids of every block, stacked" />
      </div>
      <p className="hint">
        Block 0 in front; each layer shows the patches its block keeps (dropped ones cut out). Faint
        layers skip both sub-blocks. Drag to orbit, scroll to zoom, click a layer to select it.
      </p>
    </div>
  );
}
