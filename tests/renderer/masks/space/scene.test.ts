import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { setStageMode, setStageRate } from '../../../../renderer/src/store/configEdits';
import { proxyMasksFor } from '../../../../renderer/src/worker/masksCompute';
import {
  buildSpaceContent,
  planeSide,
  SKIPPED_OPACITY,
} from '../../../../renderer/src/views/space/scene';
import {
  blockTexturePixels,
  channelSlabs,
  downsampleRgba,
  flipRows,
} from '../../../../renderer/src/views/space/textures';
import { rampSaliency, stage1Config } from '../helpers';

function materialOf(mesh: THREE.Mesh): THREE.MeshBasicMaterial {
  return mesh.material as THREE.MeshBasicMaterial;
}

describe('buildSpaceContent', () => {
  it('draws one plane per spatial block, at a size that shrinks with the resolution', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config());
    const content = buildSpaceContent(blocks, null);
    expect(content.blocks).toHaveLength(16);
    for (const visual of content.blocks) expect(visual.meshes).toHaveLength(1);
    const sides = [0, 1, 2, 3].map(
      (s) => content.blocks.find((b) => b.key === `stage${s + 1}/0`)?.side ?? 0,
    );
    expect(sides[0]).toBeCloseTo(4, 9);
    expect(sides[1]! > sides[2]! && sides[2]! > sides[3]!).toBe(true);
    // Blocks follow the network's order along x.
    const xs = content.blocks.map((b) => b.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    content.dispose();
  });

  it('draws skipped layer-gated blocks translucent, running ones opaque', () => {
    let config = setStageMode(stage1Config(), 2, 'layer');
    config = setStageRate(config, 2, 0.5);
    const { blocks } = proxyMasksFor(rampSaliency(), config);
    const content = buildSpaceContent(blocks, null);
    const stage3 = content.blocks.filter((b) => b.key.startsWith('stage3/'));
    const skipped = stage3.filter((b) => b.skipped);
    const running = stage3.filter((b) => !b.skipped);
    expect(skipped.length).toBeGreaterThan(0);
    expect(running.length).toBeGreaterThan(0);
    for (const b of skipped) expect(materialOf(b.meshes[0]!).opacity).toBe(SKIPPED_OPACITY);
    for (const b of running) expect(materialOf(b.meshes[0]!).opacity).toBe(1);
    content.dispose();
  });

  it('draws channel-masked blocks as slabs with gaps for skipped groups', () => {
    let config = setStageMode(stage1Config(), 1, 'channel');
    config = setStageRate(config, 1, 0.25);
    const { blocks } = proxyMasksFor(rampSaliency(), config);
    const content = buildSpaceContent(blocks, null);
    const first = content.blocks.find((b) => b.key === 'stage2/0')!;
    // m = 128, G = 2: 64 groups in 16 bins of 4; a bin with no kept group leaves a gap.
    const groups = blocks.find((b) => b.key === 'stage2/0')!.channel!;
    const fractions: number[] = [];
    for (let bin = 0; bin < 16; bin++) {
      const kept = groups.subarray(4 * bin, 4 * bin + 4).filter((g) => g !== 0).length;
      if (kept > 0) fractions.push(kept / 4);
    }
    expect(first.slabs).toBe(fractions.length);
    expect(first.slabs).toBeLessThan(16);
    expect(first.meshes.every((m) => m.geometry instanceof THREE.BoxGeometry)).toBe(true);
    // Each slab is as thick as the kept fraction of its bin: thickness / fraction is the same for all.
    const perFraction = first.meshes.map((m, i) => m.scale.x / fractions[i]!);
    for (const v of perFraction) expect(v).toBeCloseTo(perFraction[0]!, 5);
    content.dispose();
  });

  it('places one label anchor per stage, at the middle of its blocks', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config());
    const content = buildSpaceContent(blocks, null);
    expect(content.stages.map((s) => s.outSize)).toEqual([56, 28, 14, 7]);
    const stage2 = content.blocks.filter((b) => b.key.startsWith('stage2/'));
    expect(content.stages[1]!.x).toBeCloseTo((stage2[0]!.x + stage2[3]!.x) / 2, 9);
    content.dispose();
  });

  it('outlines the selected block and hides the outline for an unknown key', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config());
    const content = buildSpaceContent(blocks, null);
    const outline = content.group.getObjectByName('selection')!;
    content.setSelected('stage2/1');
    expect(outline.visible).toBe(true);
    expect(outline.position.x).toBe(content.blocks.find((b) => b.key === 'stage2/1')!.x);
    content.setSelected('stage9/9');
    expect(outline.visible).toBe(false);
    content.dispose();
  });

  it('adds the input image as the first plane when given', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config());
    const input = new Uint8ClampedArray(224 * 224 * 4).fill(200);
    const content = buildSpaceContent(blocks, input);
    const plane = content.group.getObjectByName('input') as THREE.Mesh;
    expect(plane).toBeDefined();
    expect(plane.position.x).toBeLessThan(content.blocks[0]!.x);
    content.dispose();
  });

  it('frees every material and texture on dispose', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config());
    const content = buildSpaceContent(blocks, null);
    let disposed = 0;
    for (const visual of content.blocks) {
      for (const mesh of visual.meshes)
        materialOf(mesh).addEventListener('dispose', () => disposed++);
    }
    content.dispose();
    expect(disposed).toBe(16);
    expect(content.group.children).toHaveLength(0);
  });
});

describe('textures', () => {
  it('box-filters an image down', () => {
    const rgba = Uint8ClampedArray.of(
      0,
      0,
      0,
      255,
      100,
      100,
      100,
      255,
      200,
      200,
      200,
      255,
      100,
      100,
      100,
      255,
    );
    expect(Array.from(downsampleRgba(rgba, 2, 1))).toEqual([100, 100, 100, 255]);
  });

  it('reverses row order for WebGL', () => {
    const rgba = Uint8ClampedArray.of(1, 1, 1, 1, 2, 2, 2, 2);
    expect(Array.from(flipRows(rgba, 1, 2))).toEqual([2, 2, 2, 2, 1, 1, 1, 1]);
  });

  it('tints kept positions with the stage colour and darkens skipped ones', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config({ S: 28, rate: 0.5 }));
    const block = blocks[0]!; // 2×2 grid on 56×56, two cells kept (the bottom row of a ramp)
    const px = blockTexturePixels(block, 56, [255, 0, 0], null);
    const top = Array.from(px.subarray(0, 3));
    const bottom = Array.from(px.subarray(55 * 56 * 4, 55 * 56 * 4 + 3));
    expect(bottom[0]).toBeGreaterThan(bottom[1]!); // red-tinted: kept
    expect(top[0]).toBeLessThan(60); // dark: skipped
  });

  it('bins channel groups into at most 16 slabs', () => {
    expect(channelSlabs(Uint8Array.of(1, 1, 0, 0), 2)).toEqual([1, 0]);
    expect(channelSlabs(new Uint8Array(64).fill(1))).toHaveLength(16);
  });

  it('sizes planes by the square root of the resolution', () => {
    expect(planeSide(56, 56)).toBe(4);
    expect(planeSide(14, 56)).toBe(2);
  });
});
