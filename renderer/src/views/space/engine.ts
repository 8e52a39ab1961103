/**
 * The 3D view's renderer: a WebGLRenderer on the view's canvas, a perspective camera with orbit/zoom
 * controls, click picking, and rendering on demand (only when something changed: SwiftShader and laptop
 * GPUs should not spin at 60 fps for a still picture). The drawing buffer is preserved so tests and
 * screenshots can read pixels back.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { countSpaceRender } from '../../perf/probe';
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

export class SpaceEngine {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(38, 1, 0.1, 500);
  private readonly controls: OrbitControls;
  private readonly resizeObserver: ResizeObserver;
  private content: SpaceContent | null = null;
  private labels: StageLabels | null = null;
  private contentInput: Uint8ClampedArray | null = null;
  private framedFor = '';
  private selected: string | null = null;
  private frame = 0;
  private pointerDown: { x: number; y: number } | null = null;
  private renders = 0;
  /** Called after every WebGL render (the view records what is on screen). */
  onRendered: (() => void) | null = null;

  /** @throws Error when no WebGL context can be created. */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onPick: (key: string) => void,
  ) {
    this.renderer = new THREE.WebGLRenderer({
      canvas,
      antialias: true,
      preserveDrawingBuffer: true,
    });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    this.scene.background = new THREE.Color(0x0d1017);
    const grid = new THREE.GridHelper(60, 60, 0x2b3442, 0x1a202b);
    grid.position.y = -MAX_HALF_HEIGHT;
    this.scene.add(grid);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', this.requestRender);
    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointerup', this.onPointerUp);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas.parentElement ?? canvas);
    // Sized now, drawn once with its content: the observer's first call and setContent follow.
    this.resize(false);
    this.requestRender();
  }

  /**
   * Shows new masks. Masks of the same blocks over the same image (a rate drag) only re-upload the
   * textures that changed; other blocks rebuild the scene. The camera stays unless the network changed.
   * Either way the view is drawn once, in the next animation frame.
   */
  setContent(blocks: readonly BlockMaskSet[], input: Uint8ClampedArray | null): void {
    if (this.content && input === this.contentInput && this.content.update(blocks)) {
      this.requestRender();
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
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.render();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    this.canvas.removeEventListener('pointerdown', this.onPointerDown);
    this.canvas.removeEventListener('pointerup', this.onPointerUp);
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

  private readonly requestRender = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  };

  /** True once the scene has been drawn with content at least once. */
  hasRendered(): boolean {
    return this.renders > 0 && this.content !== null;
  }

  private render(): void {
    this.renderer.render(this.scene, this.camera);
    this.renders++;
    countSpaceRender();
    this.onRendered?.();
  }

  /** Fits the drawing buffer to the canvas's box; renders at once (a resized buffer is blank). */
  private resize(render = true): void {
    const host = this.canvas.parentElement ?? this.canvas;
    const width = Math.max(1, host.clientWidth);
    const height = Math.max(1, host.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    if (render) this.renderNow();
  }

  private readonly onPointerDown = (e: PointerEvent) => {
    this.pointerDown = { x: e.clientX, y: e.clientY };
  };

  /** A click (not the end of a drag) picks the block under the pointer. */
  private readonly onPointerUp = (e: PointerEvent) => {
    const start = this.pointerDown;
    this.pointerDown = null;
    if (!start || !this.content || Math.hypot(e.clientX - start.x, e.clientY - start.y) > 4) return;
    const rect = this.canvas.getBoundingClientRect();
    const ndc = new THREE.Vector2(
      ((e.clientX - rect.left) / rect.width) * 2 - 1,
      -((e.clientY - rect.top) / rect.height) * 2 + 1,
    );
    const raycaster = new THREE.Raycaster();
    raycaster.setFromCamera(ndc, this.camera);
    const hit = raycaster.intersectObjects(this.content.pickables, false)[0];
    const key = hit?.object.userData.blockKey as string | undefined;
    if (key) this.onPick(key);
  };
}
