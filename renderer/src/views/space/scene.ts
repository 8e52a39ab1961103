/**
 * The 3D view's content: the network as feature-map planes along its depth (x axis), stage after stage,
 * each block a plane at its resolution textured with its mask; skipped blocks translucent; blocks with
 * channel masks drawn as a stack of slabs with gaps where groups are skipped. Builds plain three.js
 * objects (no renderer), so it is unit-tested in Node.
 */
import * as THREE from 'three';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { blockSkipped } from '../masks/selection';
import { blockTexturePixels, channelSlabs, downsampleRgba, flipRows, stageColour } from './textures';

/** Side of the largest plane (the stage-1 maps) in scene units. */
const MAX_PLANE = 4;
/** Distance between consecutive blocks of a stage, and the extra gap between stages. */
const BLOCK_PITCH = 0.6;
const STAGE_GAP = 1.4;
/** Depth taken by a slab stack (channel masks). */
const SLAB_DEPTH = 0.36;
/** Opacity of blocks that do not run at all on this image. */
export const SKIPPED_OPACITY = 0.16;

export interface BlockVisual {
  key: string;
  /** Centre of the block's plane or slab stack. */
  x: number;
  side: number;
  skipped: boolean;
  /** Slabs drawn (channel masks), 0 for a single plane. */
  slabs: number;
  meshes: THREE.Mesh[];
}

export interface SpaceContent {
  group: THREE.Group;
  blocks: BlockVisual[];
  /** Meshes a click can hit; `userData.blockKey` names the block. */
  pickables: THREE.Object3D[];
  /** Sphere that holds everything (camera framing). */
  bounds: THREE.Sphere;
  /** Moves the selection outline to a block (null hides it). */
  setSelected: (key: string | null) => void;
  /** Frees every geometry, material and texture this content created. */
  dispose: () => void;
}

/** Plane side of a block whose map is `outSize` wide, relative to the largest map: √ keeps stage 4 readable. */
export function planeSide(outSize: number, largest: number): number {
  return MAX_PLANE * Math.sqrt(outSize / Math.max(1, largest));
}

function dataTexture(pixels: Uint8ClampedArray, side: number): THREE.DataTexture {
  const texture = new THREE.DataTexture(flipRows(pixels, side, side), side, side, THREE.RGBAFormat);
  texture.magFilter = THREE.NearestFilter;
  texture.minFilter = THREE.LinearFilter;
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.needsUpdate = true;
  return texture;
}

/**
 * Builds the scene content for `blocks` over `input` (the 224×224 RGBA network input, or null).
 * Planes face the x axis (the network's depth), centred on y = 0.
 */
export function buildSpaceContent(blocks: readonly BlockMaskSet[], input: Uint8ClampedArray | null, inputSide = 224): SpaceContent {
  const group = new THREE.Group();
  const disposables: { dispose: () => void }[] = [];
  const pickables: THREE.Object3D[] = [];
  const visuals: BlockVisual[] = [];
  const largest = Math.max(1, ...blocks.map((b) => b.conv2?.height ?? 0), ...blocks.map((b) => b.conv1?.height ?? 0));
  const plane = new THREE.PlaneGeometry(1, 1);
  const slabBox = new THREE.BoxGeometry(1, 1, 1);
  disposables.push(plane, slabBox);
  const resized = new Map<number, Uint8ClampedArray | null>();
  const imageAt = (side: number) => {
    if (!input) return null;
    let hit = resized.get(side);
    if (hit === undefined) {
      hit = downsampleRgba(input, inputSide, side);
      resized.set(side, hit);
    }
    return hit;
  };

  let x = 0;
  if (input) {
    // The network input first, as the reference every mask is drawn over.
    const texture = dataTexture(input, inputSide);
    const material = new THREE.MeshBasicMaterial({ map: texture, side: THREE.DoubleSide });
    const mesh = new THREE.Mesh(plane, material);
    mesh.scale.set(MAX_PLANE, MAX_PLANE, 1);
    mesh.rotation.y = Math.PI / 2;
    mesh.name = 'input';
    group.add(mesh);
    disposables.push(texture, material);
    x += STAGE_GAP + BLOCK_PITCH;
  }

  let previousStage: number | null = null;
  for (const block of blocks) {
    if (previousStage !== null && block.stage !== previousStage) x += STAGE_GAP;
    previousStage = block.stage;
    const outSize = block.conv2?.height ?? Math.max(1, Math.round(largest / 2 ** block.stage));
    const side = planeSide(outSize, largest);
    const colour = stageColour(block.stage);
    const texture = dataTexture(blockTexturePixels(block, outSize, colour, imageAt(outSize)), outSize);
    disposables.push(texture);
    const skipped = blockSkipped(block);
    const meshes: THREE.Mesh[] = [];
    const addMesh = (geometry: THREE.BufferGeometry, opacity: number, at: number, depth: number) => {
      const translucent = opacity < 1;
      const material = new THREE.MeshBasicMaterial({
        map: texture,
        side: THREE.DoubleSide,
        transparent: translucent,
        opacity,
        depthWrite: !translucent,
      });
      disposables.push(material);
      const mesh = new THREE.Mesh(geometry, material);
      if (geometry === plane) {
        mesh.scale.set(side, side, 1);
        mesh.rotation.y = Math.PI / 2;
      } else {
        mesh.scale.set(depth, side, side);
      }
      mesh.position.set(at, 0, 0);
      mesh.userData = { blockKey: block.key };
      group.add(mesh);
      pickables.push(mesh);
      meshes.push(mesh);
    };

    let slabs = 0;
    if (block.channel && !skipped) {
      const fractions = channelSlabs(block.channel);
      const pitch = SLAB_DEPTH / fractions.length;
      fractions.forEach((kept, i) => {
        if (kept === 0) return; // a gap: these channel groups are skipped
        addMesh(slabBox, Math.max(0.35, kept), x - SLAB_DEPTH / 2 + (i + 0.5) * pitch, pitch * 0.55);
        slabs++;
      });
    } else {
      addMesh(plane, skipped ? SKIPPED_OPACITY : 1, x, 0);
    }
    visuals.push({ key: block.key, x, side, skipped, slabs, meshes });
    x += BLOCK_PITCH;
  }

  // Selection outline: a wire box around the selected block.
  const unitBox = new THREE.BoxGeometry(1, 1, 1);
  const outlineGeometry = new THREE.EdgesGeometry(unitBox);
  unitBox.dispose();
  const outlineMaterial = new THREE.LineBasicMaterial({ color: 0xffffff });
  disposables.push(outlineGeometry, outlineMaterial);
  const outline = new THREE.LineSegments(outlineGeometry, outlineMaterial);
  outline.name = 'selection';
  outline.visible = false;
  group.add(outline);

  const box = new THREE.Box3().setFromObject(group);
  const bounds = box.getBoundingSphere(new THREE.Sphere());

  return {
    group,
    blocks: visuals,
    pickables,
    bounds,
    setSelected(key) {
      const visual = key === null ? undefined : visuals.find((v) => v.key === key);
      outline.visible = visual !== undefined;
      if (!visual) return;
      const depth = visual.slabs > 0 ? SLAB_DEPTH + 0.12 : 0.16;
      outline.position.set(visual.x, 0, 0);
      outline.scale.set(depth, visual.side + 0.16, visual.side + 0.16);
    },
    dispose() {
      for (const d of disposables) d.dispose();
      group.clear();
    },
  };
}
