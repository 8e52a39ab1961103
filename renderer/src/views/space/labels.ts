/**
 * Text labels of the 3D view (stage names above their planes), drawn on small canvases and shown as
 * sprites that always face the camera. Canvas-only (a page canvas, or an OffscreenCanvas in the view's
 * worker): the scene builder stays testable without a canvas.
 */
import * as THREE from 'three';
import type { StageSpan } from './scene';
import { stageColour } from './textures';

/** Label height in scene units. */
const LABEL_HEIGHT = 0.42;

export interface StageLabels {
  group: THREE.Group;
  dispose: () => void;
}

/** A 2D canvas: the page's where there is a page, else an OffscreenCanvas (the view's worker). */
function canvas2d(): {
  canvas: HTMLCanvasElement | OffscreenCanvas;
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
} {
  if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    return { canvas, ctx: canvas.getContext('2d') };
  }
  const canvas = new OffscreenCanvas(1, 1);
  return { canvas, ctx: canvas.getContext('2d') };
}

function labelTexture(
  text: string,
  colour: readonly [number, number, number],
): { texture: THREE.CanvasTexture<HTMLCanvasElement | OffscreenCanvas>; aspect: number } | null {
  const { canvas, ctx } = canvas2d();
  if (!ctx) return null;
  const fontPx = 44;
  const font = `600 ${fontPx}px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`;
  ctx.font = font;
  const width = Math.ceil(ctx.measureText(text).width) + 24;
  canvas.width = width;
  canvas.height = 64;
  ctx.font = font;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = `rgb(${colour.join(' ')})`;
  ctx.fillText(text, 12, 34);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return { texture, aspect: width / 64 };
}

/** "Stage 2 · 28×28" above each stage. */
export function buildStageLabels(stages: readonly StageSpan[]): StageLabels {
  const group = new THREE.Group();
  const disposables: { dispose: () => void }[] = [];
  for (const span of stages) {
    const label = labelTexture(
      `Stage ${span.stage + 1} · ${span.outSize}×${span.outSize}`,
      stageColour(span.stage),
    );
    if (!label) continue;
    const material = new THREE.SpriteMaterial({
      map: label.texture,
      transparent: true,
      depthWrite: false,
    });
    const sprite = new THREE.Sprite(material);
    sprite.scale.set(LABEL_HEIGHT * label.aspect, LABEL_HEIGHT, 1);
    sprite.position.set(span.x, span.side / 2 + 0.45, 0);
    group.add(sprite);
    disposables.push(label.texture, material);
  }
  return {
    group,
    dispose() {
      for (const d of disposables) d.dispose();
      group.clear();
    },
  };
}
