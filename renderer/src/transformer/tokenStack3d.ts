/**
 * The 3D token stack: one square layer per block, block 0 in front, each the network input with its
 * dropped patches cut out (as in the CNN 3D view, the layers stand along the network's depth). Renders
 * on demand (no animation loop); a click picks a block.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { GRID_SIDE, type TokenMask } from './tokenMasks';

const LAYER_SIDE = 4;
const LAYER_GAP = 1.15;
const TEXTURE_SIDE = 224;

export interface StackLayer {
  mask: TokenMask;
  /** Both sub-blocks skipped (a = m = 0): drawn faint. */
  skipped: boolean;
}

function layerTexture(image: ImageBitmap | null, mask: TokenMask): THREE.CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = TEXTURE_SIDE;
  canvas.height = TEXTURE_SIDE;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    if (image) ctx.drawImage(image, 0, 0, TEXTURE_SIDE, TEXTURE_SIDE);
    else {
      ctx.fillStyle = '#8fa3bf';
      ctx.fillRect(0, 0, TEXTURE_SIDE, TEXTURE_SIDE);
    }
    const cell = TEXTURE_SIDE / GRID_SIDE;
    for (let i = 0; i < mask.patches.length; i++) {
      if (mask.patches[i]) continue;
      const x = (i % GRID_SIDE) * cell;
      const y = Math.floor(i / GRID_SIDE) * cell;
      ctx.clearRect(x, y, cell, cell);
      ctx.fillStyle = 'rgba(140, 160, 190, 0.10)';
      ctx.fillRect(x, y, cell, cell);
    }
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return texture;
}

export class TokenStackEngine {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(35, 1, 0.1, 200);
  private readonly controls: OrbitControls;
  private readonly group = new THREE.Group();
  private readonly resizeObserver: ResizeObserver;
  private planes: THREE.Mesh[] = [];
  private outlines: THREE.LineLoop[] = [];
  private frame = 0;
  private framedFor = -1;
  private selected = -1;
  private pointerDown: { x: number; y: number } | null = null;

  /** @throws Error when no WebGL context can be created. */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onPick: (block: number) => void,
  ) {
    this.renderer = new THREE.WebGLRenderer({
      canvas,
      antialias: true,
      preserveDrawingBuffer: true,
    });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    this.scene.background = new THREE.Color(0x0d1017);
    this.scene.add(this.group);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.addEventListener('change', this.requestRender);
    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointerup', this.onPointerUp);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas.parentElement ?? canvas);
    this.resize();
  }

  setLayers(layers: readonly StackLayer[], image: ImageBitmap | null): void {
    this.clear();
    const outlineGeometry = new THREE.BufferGeometry().setFromPoints(
      [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, 1],
      ].map(([y, z]) => new THREE.Vector3(0, (y! * LAYER_SIDE) / 2, (z! * LAYER_SIDE) / 2)),
    );
    layers.forEach((layer, i) => {
      const material = new THREE.MeshBasicMaterial({
        map: layerTexture(image, layer.mask),
        transparent: true,
        opacity: layer.skipped ? 0.25 : 1,
        side: THREE.DoubleSide,
        depthWrite: false,
      });
      const plane = new THREE.Mesh(new THREE.PlaneGeometry(LAYER_SIDE, LAYER_SIDE), material);
      // Faces −x, towards block 0 and the camera; the image reads left to right from there.
      plane.rotation.y = -Math.PI / 2;
      plane.position.x = i * LAYER_GAP;
      plane.renderOrder = i;
      plane.userData.block = i;
      const outline = new THREE.LineLoop(
        outlineGeometry,
        new THREE.LineBasicMaterial({ color: 0x3a4556, transparent: true, opacity: 0.9 }),
      );
      outline.position.x = i * LAYER_GAP;
      this.group.add(plane, outline);
      this.planes.push(plane);
      this.outlines.push(outline);
    });
    if (layers.length !== this.framedFor) {
      this.framedFor = layers.length;
      this.frameAll();
    }
    this.applySelection();
  }

  setSelected(block: number): void {
    this.selected = block;
    this.applySelection();
  }

  frameAll(): void {
    const length = Math.max(1, this.planes.length - 1) * LAYER_GAP;
    const center = new THREE.Vector3(length / 2, 0, 0);
    const radius = Math.hypot(LAYER_SIDE / 2, length / 2);
    const distance = (radius / Math.sin(THREE.MathUtils.degToRad(this.camera.fov / 2))) * 0.62;
    // From the front-left and a little above, like the CNN 3D view: every layer is seen at an angle.
    const direction = new THREE.Vector3(-0.62, 0.3, 0.72).normalize();
    this.camera.position.copy(center).addScaledVector(direction, distance);
    this.controls.target.copy(center);
    this.controls.update();
    this.requestRender();
  }

  renderNow(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.renderer.render(this.scene, this.camera);
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    this.canvas.removeEventListener('pointerdown', this.onPointerDown);
    this.canvas.removeEventListener('pointerup', this.onPointerUp);
    this.controls.removeEventListener('change', this.requestRender);
    this.controls.dispose();
    this.clear();
    this.renderer.dispose();
  }

  private applySelection(): void {
    this.outlines.forEach((o, i) => {
      const m = o.material as THREE.LineBasicMaterial;
      m.color.set(i === this.selected ? 0x6ea8ff : 0x3a4556);
    });
    this.requestRender();
  }

  private clear(): void {
    for (const p of this.planes) {
      const m = p.material as THREE.MeshBasicMaterial;
      m.map?.dispose();
      m.dispose();
      p.geometry.dispose();
    }
    const geometries = new Set(this.outlines.map((o) => o.geometry));
    for (const o of this.outlines) (o.material as THREE.Material).dispose();
    for (const g of geometries) g.dispose();
    this.group.clear();
    this.planes = [];
    this.outlines = [];
  }

  private readonly requestRender = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderer.render(this.scene, this.camera);
    });
  };

  private resize(): void {
    const host = this.canvas.parentElement ?? this.canvas;
    const width = Math.max(1, host.clientWidth);
    const height = Math.max(1, host.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.renderNow();
  }

  private readonly onPointerDown = (e: PointerEvent) => {
    this.pointerDown = { x: e.clientX, y: e.clientY };
  };

  private readonly onPointerUp = (e: PointerEvent) => {
    const start = this.pointerDown;
    this.pointerDown = null;
    if (!start || Math.hypot(e.clientX - start.x, e.clientY - start.y) > 4) return;
    const rect = this.canvas.getBoundingClientRect();
    const ndc = new THREE.Vector2(
      ((e.clientX - rect.left) / rect.width) * 2 - 1,
      -((e.clientY - rect.top) / rect.height) * 2 + 1,
    );
    const raycaster = new THREE.Raycaster();
    raycaster.setFromCamera(ndc, this.camera);
    // The topmost layer under the pointer (the camera looks down on the stack).
    const hit = raycaster.intersectObjects(this.planes, false)[0];
    const block = hit?.object.userData.block as number | undefined;
    if (block !== undefined) this.onPick(block);
  };
}
