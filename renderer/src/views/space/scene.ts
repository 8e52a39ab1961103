/**
 * The 3D view's content: the network as feature-map planes along its depth (x axis), stage after stage,
 * each block a plane at its resolution textured with its mask; skipped blocks translucent; blocks with
 * channel masks drawn as a stack of slabs with gaps where groups are skipped. Builds plain three.js
 * objects (no renderer), so it is unit-tested in Node.
 */
import * as THREE from 'three';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { blockSkipped } from '../masks/selection';
import {
  blockTexturePixels,
  channelSlabs,
  downsampleRgba,
  flipRows,
  stageColour,
  texturePalette,
  writeBlockTexture,
  type TexturePalette,
} from './textures';

/** Side of the largest plane (the stage-1 maps) in scene units. */
const MAX_PLANE = 4;
/** Distance between consecutive blocks, relative to their plane side (big planes need room to be seen). */
const BLOCK_PITCH_PER_SIDE = 0.3;
const MIN_BLOCK_PITCH = 0.5;
/** Extra gap between stages. */
const STAGE_GAP = 1.4;
/** Depth of a slab stack (channel masks) relative to its plane side, and the most slabs drawn. */
const SLAB_DEPTH_PER_SIDE = 0.3;
const MAX_SLABS = 16;
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

/** Where a stage sits, for its label. */
export interface StageSpan {
  stage: number;
  /** Centre of the stage along x. */
  x: number;
  /** Largest plane side of the stage. */
  side: number;
  /** Map resolution of the stage's blocks. */
  outSize: number;
}

export interface SpaceContent {
  group: THREE.Group;
  blocks: BlockVisual[];
  stages: StageSpan[];
  /** Meshes a click can hit; `userData.blockKey` names the block. */
  pickables: THREE.Object3D[];
  /** Sphere that holds everything (camera framing). */
  bounds: THREE.Sphere;
  /**
   * Shows new masks of the same blocks in place: re-uploads only the textures whose mask changed and
   * fades blocks that became skipped. Returns false (nothing changed) when the blocks differ in a way
   * that needs a rebuild: other blocks, sizes, or a channel-slab stack that changed.
   */
  update: (blocks: readonly BlockMaskSet[]) => boolean;
  /** Moves the selection outline to a block (null hides it). */
  setSelected: (key: string | null) => void;
  /** Frees every geometry, material and texture this content created. */
  dispose: () => void;
}

/** Plane side of a block whose map is `outSize` wide, relative to the largest map: √ keeps stage 4 readable. */
export function planeSide(outSize: number, largest: number): number {
  return MAX_PLANE * Math.sqrt(outSize / Math.max(1, largest));
}

/** What a block's scene objects were built from, to update them in place. */
interface BlockParts {
  block: BlockMaskSet;
  outSize: number;
  texture: THREE.DataTexture;
  material: THREE.MeshBasicMaterial;
  /** The slab stack drawn (channel masks), as text: a change needs new meshes. */
  stack: string;
}

/** The slab stack a block is drawn as ('' for a single plane). */
function slabSignature(block: BlockMaskSet, skipped: boolean): string {
  return block.channel && !skipped ? channelSlabs(block.channel, MAX_SLABS).join(',') : '';
}

/** True when two masks hold the same decisions. */
function sameMask(a: BlockMaskSet['conv2'], b: BlockMaskSet['conv2']): boolean {
  if (a === b) return true;
  if (!a || !b || a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
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
export function buildSpaceContent(
  blocks: readonly BlockMaskSet[],
  input: Uint8ClampedArray | null,
  inputSide = 224,
): SpaceContent {
  const group = new THREE.Group();
  const disposables: { dispose: () => void }[] = [];
  const pickables: THREE.Object3D[] = [];
  const visuals: BlockVisual[] = [];
  const parts: BlockParts[] = [];
  const spans: StageSpan[] = [];
  const stageStart = new Map<number, number>();
  const largest = Math.max(
    1,
    ...blocks.map((b) => b.conv2?.height ?? 0),
    ...blocks.map((b) => b.conv1?.height ?? 0),
  );
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

  // Per side and stage: both looks of every texel, so a new mask only picks one per texel.
  const palettes = new Map<string, TexturePalette>();
  const paletteFor = (side: number, stage: number) => {
    const key = `${side}:${stage}`;
    let palette = palettes.get(key);
    if (!palette) {
      palette = texturePalette(side, stageColour(stage), imageAt(side));
      palettes.set(key, palette);
    }
    return palette;
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
    x += STAGE_GAP + MIN_BLOCK_PITCH;
  }

  let previousStage: number | null = null;
  for (const block of blocks) {
    if (previousStage !== null && block.stage !== previousStage) x += STAGE_GAP;
    previousStage = block.stage;
    const outSize = block.conv2?.height ?? Math.max(1, Math.round(largest / 2 ** block.stage));
    const side = planeSide(outSize, largest);
    const colour = stageColour(block.stage);
    const texture = dataTexture(
      blockTexturePixels(block, outSize, colour, imageAt(outSize)),
      outSize,
    );
    disposables.push(texture);
    const skipped = blockSkipped(block);
    const meshes: THREE.Mesh[] = [];
    const translucent = skipped;
    const faceMaterial = new THREE.MeshBasicMaterial({
      map: texture,
      side: THREE.DoubleSide,
      transparent: translucent,
      opacity: translucent ? SKIPPED_OPACITY : 1,
      depthWrite: !translucent,
    });
    disposables.push(faceMaterial);
    let edgeMaterial: THREE.MeshBasicMaterial | null = null;
    const addMesh = (geometry: THREE.BufferGeometry, at: number, depth: number) => {
      let mesh: THREE.Mesh;
      if (geometry === plane) {
        mesh = new THREE.Mesh(geometry, faceMaterial);
        mesh.scale.set(side, side, 1);
        mesh.rotation.y = Math.PI / 2;
      } else {
        // Slab: the mask on its two big faces, a darker stage colour on its edges so that each slab,
        // and each gap between slabs, stays visible from an angle.
        edgeMaterial ??= new THREE.MeshBasicMaterial({
          color: new THREE.Color(colour[0] / 255, colour[1] / 255, colour[2] / 255).multiplyScalar(
            0.55,
          ),
        });
        const edges = edgeMaterial;
        mesh = new THREE.Mesh(geometry, [faceMaterial, faceMaterial, edges, edges, edges, edges]);
        mesh.scale.set(depth, side, side);
      }
      mesh.position.set(at, 0, 0);
      mesh.userData = { blockKey: block.key };
      group.add(mesh);
      pickables.push(mesh);
      meshes.push(mesh);
    };

    let slabs = 0;
    const stackDepth = side * SLAB_DEPTH_PER_SIDE;
    if (block.channel && !skipped) {
      // One slab per bin of groups, as thick as the fraction of the bin that is kept: skipped groups
      // leave gaps, fully skipped bins leave the slab out.
      const fractions = channelSlabs(block.channel, MAX_SLABS);
      const pitch = stackDepth / fractions.length;
      fractions.forEach((kept, i) => {
        if (kept === 0) return;
        addMesh(slabBox, x - stackDepth / 2 + (i + 0.5) * pitch, pitch * 0.7 * kept);
        slabs++;
      });
    } else {
      addMesh(plane, x, 0);
    }
    if (edgeMaterial) disposables.push(edgeMaterial);
    visuals.push({ key: block.key, x, side, skipped, slabs, meshes });
    parts.push({
      block,
      outSize,
      texture,
      material: faceMaterial,
      stack: slabSignature(block, skipped),
    });
    const span = spans.find((st) => st.stage === block.stage);
    if (!span) spans.push({ stage: block.stage, x, side, outSize });
    else span.x = ((stageStart.get(block.stage) ?? x) + x) / 2;
    if (!stageStart.has(block.stage)) stageStart.set(block.stage, x);
    x += Math.max(
      MIN_BLOCK_PITCH,
      side * BLOCK_PITCH_PER_SIDE,
      block.channel ? stackDepth + 0.3 : 0,
    );
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
    stages: spans,
    pickables,
    bounds,
    update(next) {
      if (next.length !== parts.length) return false;
      const changed: number[] = [];
      for (let i = 0; i < next.length; i++) {
        const block = next[i]!;
        const part = parts[i]!;
        if (block === part.block) continue;
        if (
          block.key !== part.block.key ||
          (block.conv2?.height ?? 0) !== (part.block.conv2?.height ?? 0)
        )
          return false;
        if (slabSignature(block, blockSkipped(block)) !== part.stack) return false;
        changed.push(i);
      }
      for (const i of changed) {
        const block = next[i]!;
        const part = parts[i]!;
        const visual = visuals[i]!;
        if (!sameMask(block.conv2, part.block.conv2)) {
          const data = part.texture.image.data as Uint8Array;
          writeBlockTexture(block, paletteFor(part.outSize, block.stage), data);
          part.texture.needsUpdate = true;
        }
        const skipped = blockSkipped(block);
        if (skipped !== visual.skipped) {
          part.material.transparent = skipped;
          part.material.opacity = skipped ? SKIPPED_OPACITY : 1;
          part.material.depthWrite = !skipped;
          part.material.needsUpdate = true;
          visual.skipped = skipped;
        }
        part.block = block;
      }
      return true;
    },
    setSelected(key) {
      const visual = key === null ? undefined : visuals.find((v) => v.key === key);
      outline.visible = visual !== undefined;
      if (!visual) return;
      const depth = visual.slabs > 0 ? visual.side * SLAB_DEPTH_PER_SIDE + 0.12 : 0.16;
      outline.position.set(visual.x, 0, 0);
      outline.scale.set(depth, visual.side + 0.16, visual.side + 0.16);
    },
    dispose() {
      for (const d of disposables) d.dispose();
      group.clear();
    },
  };
}
