/**
 * The 3D view's renderer: a WebGLRenderer on the view's canvas, a perspective camera with orbit/zoom
 * controls, picking, and rendering on demand (only when something changed: SwiftShader and laptop GPUs
 * should not spin at 60 fps for a still picture). The drawing buffer is preserved so tests and screenshots
 * can read pixels back. Runs on the page (an HTMLCanvasElement, events from the canvas) or in the view's
 * worker (an OffscreenCanvas, events forwarded from the page): nothing here touches the DOM.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import {
  renderScheduler,
  type FrameSource,
  type RenderReport,
  type RenderScheduler,
} from './frames';
import { buildStageLabels, type StageLabels } from './labels';
import { buildSpaceContent, type SpaceContent } from './scene';

/** Message shown when WebGL cannot be used; null when it can. */
export function webglProblem(): string | null {
  try {
    const canvas = document.createElement('canvas');
    if (canvas.getContext('webgl2')) return null;
  } catch {
    // Fall through to the message.
  }
  return 'The 3D view needs WebGL 2, which this browser or its graphics driver does not provide. The 2D mask views work without it.';
}

/** Half the height of the largest plane plus a margin: the floor grid sits just below the planes. */
const MAX_HALF_HEIGHT = 2.2;

/** Where the engine draws and what it listens to. */
export interface SpaceSurface {
  canvas: HTMLCanvasElement | OffscreenCanvas;
  /** The orbit controls' event source: the canvas, or in the worker a stand-in fed with the page's events. */
  element: HTMLElement;
  pixelRatio: number;
  /** Animation frames of the thread that draws. */
  frames: FrameSource;
  /**
   * New masks of the same blocks render at once when the frame is free (see
   * {@link RenderScheduler.requestSoon}) instead of in the next frame: the worker sets it, so that a
   * rate change is drawn, and reported to the page, without waiting for the worker's next frame.
   */
  renderSoon?: boolean;
}

export class SpaceEngine {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(38, 1, 0.1, 500);
  private readonly controls: OrbitControls;
  private readonly scheduler: RenderScheduler;
  private readonly renderSoon: boolean;
  private readonly raycaster = new THREE.Raycaster();
  private readonly ndc = new THREE.Vector2();
  private content: SpaceContent | null = null;
  private labels: StageLabels | null = null;
  private contentInput: Uint8ClampedArray | null = null;
  private framedFor = '';
  private selected: string | null = null;
  private renders = 0;
  /** A size waiting for the next render (see `resize`). */
  private pendingSize: { width: number; height: number } | null = null;

  /**
   * Sized `width`×`height` (CSS pixels); `report` hears of every render. Draws once, in the next frame.
   * @throws Error when no WebGL context can be created.
   */
  constructor(
    surface: SpaceSurface,
    width: number,
    height: number,
    report: (r: RenderReport) => void,
  ) {
    this.renderer = new THREE.WebGLRenderer({
      canvas: surface.canvas,
      antialias: true,
      preserveDrawingBuffer: true,
    });
    this.renderSoon = surface.renderSoon === true;
    this.renderer.setPixelRatio(Math.min(2, surface.pixelRatio || 1));
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    this.scene.background = new THREE.Color(0x0d1017);
    const grid = new THREE.GridHelper(60, 60, 0x2b3442, 0x1a202b);
    grid.position.y = -MAX_HALF_HEIGHT;
    this.scene.add(grid);
    this.scheduler = renderScheduler(
      surface.frames,
      () => {
        // A new size is applied in the frame that draws it: the resized buffer is never shown blank,
        // and a resize costs no render of its own.
        if (this.pendingSize) {
          this.setSize(this.pendingSize.width, this.pendingSize.height);
          this.pendingSize = null;
        }
        this.renderer.render(this.scene, this.camera);
        this.renders++;
      },
      report,
    );
    this.controls = new OrbitControls(this.camera, surface.element);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', this.requestRender);
    this.setSize(width, height);
    this.requestRender();
  }

  /**
   * Shows new masks. Masks of the same blocks over the same image (a rate drag) only re-upload the
   * textures that changed; other blocks rebuild the scene. The camera stays unless the network changed.
   * Either way the view is drawn once, in the next animation frame (new masks of the same blocks: at
   * once where the surface says `renderSoon` and the frame has not rendered yet).
   */
  setContent(blocks: readonly BlockMaskSet[], input: Uint8ClampedArray | null): void {
    if (this.content && input === this.contentInput && this.content.update(blocks)) {
      if (this.renderSoon) this.scheduler.requestSoon();
      else this.requestRender();
      return;
    }
    this.clearContent();
    this.contentInput = input;
    this.content = buildSpaceContent(blocks, input);
    this.labels = buildStageLabels(this.content.stages);
    this.scene.add(this.content.group, this.labels.group);
    this.content.setSelected(this.selected);
    const signature = blocks.map((b) => `${b.key}:${b.conv2?.height ?? 0}`).join(',');
    if (signature !== this.framedFor) {
      this.framedFor = signature;
      this.frameAll();
    }
    this.requestRender();
  }

  setSelected(key: string | null): void {
    this.selected = key;
    this.content?.setSelected(key);
    this.requestRender();
  }

  /** Puts the whole network in view from an oblique, slightly raised viewpoint. */
  frameAll(): void {
    if (!this.content) return;
    const { center, radius } = this.content.bounds;
    // Close enough that the network fills the width (the view is wide, the sphere is not).
    const distance = (radius / Math.sin(THREE.MathUtils.degToRad(this.camera.fov / 2))) * 0.62;
    // From the front-left and a little above: planes face x, so the view sees their faces at an angle.
    const direction = new THREE.Vector3(-0.62, 0.3, 0.72).normalize();
    this.camera.position.copy(center).addScaledVector(direction, distance);
    this.controls.target.copy(center);
    this.controls.update();
    this.requestRender();
  }

  /** Renders now (tests call it before reading pixels). */
  renderNow(): void {
    this.scheduler.renderNow();
  }

  /**
   * Fits the drawing buffer to a box of `width`×`height` CSS pixels in the next animation frame, with
   * that frame's render (a render now, between frames, would make two renders in the frame after it).
   */
  resize(width: number, height: number): void {
    // The camera follows at once (picks between now and the frame use the new shape).
    this.camera.aspect = Math.max(1, width) / Math.max(1, height);
    this.camera.updateProjectionMatrix();
    this.pendingSize = { width, height };
    this.requestRender();
  }

  /** The block under normalised device coordinates (−1…1, y up), or null. */
  pick(x: number, y: number): string | null {
    if (!this.content) return null;
    this.ndc.set(x, y);
    this.raycaster.setFromCamera(this.ndc, this.camera);
    const hit = this.raycaster.intersectObjects(this.content.pickables, false)[0];
    return (hit?.object.userData.blockKey as string | undefined) ?? null;
  }

  /** True once the scene has been drawn with content at least once. */
  hasRendered(): boolean {
    return this.renders > 0 && this.content !== null;
  }

  dispose(): void {
    this.scheduler.cancel();
    this.controls.removeEventListener('change', this.requestRender);
    this.controls.dispose();
    this.clearContent();
    this.scene.traverse((o) => {
      if (o instanceof THREE.GridHelper) {
        o.geometry.dispose();
        (o.material as THREE.Material).dispose();
      }
    });
    this.renderer.dispose();
  }

  private setSize(width: number, height: number): void {
    const w = Math.max(1, width);
    const h = Math.max(1, height);
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
  }

  private clearContent(): void {
    if (this.content) {
      this.scene.remove(this.content.group);
      this.content.dispose();
      this.content = null;
    }
    if (this.labels) {
      this.scene.remove(this.labels.group);
      this.labels.dispose();
      this.labels = null;
    }
  }

  private readonly requestRender = () => this.scheduler.request();
}
