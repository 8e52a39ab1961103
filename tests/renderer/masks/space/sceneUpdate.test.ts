import { describe, expect, it } from 'vitest';
import type * as THREE from 'three';
import {
  setStageMode,
  setStageRate,
  setTargetRate,
} from '../../../../renderer/src/store/configEdits';
import { proxyMasksFor } from '../../../../renderer/src/worker/masksCompute';
import { buildSpaceContent, SKIPPED_OPACITY } from '../../../../renderer/src/views/space/scene';
import {
  blockTexturePixels,
  downsampleRgba,
  flipRows,
  stageColour,
  texturePalette,
  writeBlockTexture,
} from '../../../../renderer/src/views/space/textures';
import { rampSaliency, stage1Config } from '../helpers';

function faceOf(content: ReturnType<typeof buildSpaceContent>, key: string) {
  const visual = content.blocks.find((b) => b.key === key)!;
  const material = visual.meshes[0]!.material as THREE.MeshBasicMaterial;
  return { visual, material, texture: material.map as THREE.DataTexture };
}

/** A 224×224 photo of varied colours (independent of the code under test). */
function photo(): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(224 * 224 * 4);
  for (let i = 0; i < 224 * 224; i++) {
    rgba[4 * i] = (i * 7) % 256;
    rgba[4 * i + 1] = (i * 13 + 40) % 256;
    rgba[4 * i + 2] = (i * 29 + 90) % 256;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

describe('writeBlockTexture', () => {
  it('writes the pixels of blockTexturePixels, bottom row first, over an image and without one', () => {
    const blocks = proxyMasksFor(rampSaliency(), setTargetRate(stage1Config(), 0.4)).blocks;
    const image = photo();
    let checked = 0;
    for (const block of blocks) {
      const side = block.conv2?.height;
      if (!side) continue;
      for (const input of [downsampleRgba(image, 224, side), null]) {
        const colour = stageColour(block.stage);
        const want = flipRows(blockTexturePixels(block, side, colour, input), side, side);
        const got = new Uint8Array(side * side * 4);
        writeBlockTexture(block, texturePalette(side, colour, input), got);
        expect(Array.from(got), `${block.key}`).toEqual(Array.from(want));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('SpaceContent.update (a rate drag)', () => {
  it('re-uploads only the textures whose mask changed, keeping every mesh and texture object', () => {
    const saliency = rampSaliency();
    const before = proxyMasksFor(saliency, setTargetRate(stage1Config(), 0.3)).blocks;
    const after = proxyMasksFor(saliency, setTargetRate(stage1Config(), 0.7)).blocks;
    const content = buildSpaceContent(before, null);
    const meshes = content.blocks.flatMap((b) => b.meshes);
    const textures = content.blocks.map((b) => faceOf(content, b.key).texture);
    const versions = textures.map((t) => t.version);
    expect(content.update(after)).toBe(true);
    // Same objects: nothing rebuilt.
    expect(content.blocks.flatMap((b) => b.meshes)).toEqual(meshes);
    let changed = 0;
    after.forEach((block, i) => {
      const texture = textures[i]!;
      const side = block.conv2?.height ?? 0;
      if (side === 0) return;
      // The texture holds the new mask's pixels, bottom row first.
      const expected = flipRows(
        blockTexturePixels(block, side, stageColour(block.stage), null),
        side,
        side,
      );
      expect(Array.from(texture.image.data as Uint8Array)).toEqual(Array.from(expected));
      const same = before[i]!.conv2!.data.every((v, j) => v === block.conv2!.data[j]);
      if (same) expect(texture.version).toBe(versions[i]);
      else {
        expect(texture.version).toBeGreaterThan(versions[i]!);
        changed++;
      }
    });
    expect(changed).toBeGreaterThan(0);
    // Unchanged masks: nothing to do, still in place.
    const v2 = textures.map((t) => t.version);
    expect(content.update(after)).toBe(true);
    expect(textures.map((t) => t.version)).toEqual(v2);
    content.dispose();
  });

  it('fades blocks that become skipped in place', () => {
    const saliency = rampSaliency();
    const base = setStageMode(stage1Config(), 2, 'layer');
    const open = proxyMasksFor(saliency, setStageRate(base, 2, 1)).blocks;
    const gated = proxyMasksFor(saliency, setStageRate(base, 2, 0.4)).blocks;
    const content = buildSpaceContent(open, null);
    expect(content.update(gated)).toBe(true);
    const skippedKeys = content.blocks.filter((b) => b.skipped).map((b) => b.key);
    expect(skippedKeys.length).toBeGreaterThan(0);
    for (const key of skippedKeys) {
      const { material } = faceOf(content, key);
      expect(material.opacity).toBe(SKIPPED_OPACITY);
      expect(material.transparent).toBe(true);
    }
    content.dispose();
  });

  it('asks for a rebuild when the blocks or a channel-slab stack change', () => {
    const saliency = rampSaliency();
    const spatial = proxyMasksFor(saliency, stage1Config()).blocks;
    const content = buildSpaceContent(spatial, null);
    expect(content.update(spatial.slice(1))).toBe(false);
    const channel = setStageMode(stage1Config(), 1, 'channel');
    const a = proxyMasksFor(saliency, setStageRate(channel, 1, 0.25)).blocks;
    const b = proxyMasksFor(saliency, setStageRate(channel, 1, 0.75)).blocks;
    const slabs = buildSpaceContent(a, null);
    expect(slabs.update(b)).toBe(false);
    content.dispose();
    slabs.dispose();
  });
});
