/**
 * networkFlops keeps the rate-free counts of an architecture (block list, static MACs, stem and head,
 * conv1's reader cells per S): configurations of one architecture with other rates, modes and S, and
 * other architecture objects of the same model, must give what the direct route gives — each block
 * counted on its own with `blockFlops` and `expectedConv1Density` (no memo), and the reference counts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockGeometry, findBuiltinArchitecture, type ArchitectureSpec } from '../../../core/arch';
import { architectureAtInputSize } from '../../../core/config/resolve';
import { blockFlops, type BlockDynamics, type DynamicMode } from '../../../core/flops/block';
import { networkFlops } from '../../../core/flops/network';
import {
  conv1DensityFromTerms,
  conv1DensityTerms,
  expectedConv1Density,
} from '../../../core/masks/geometry';

function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const MODES: DynamicMode[] = ['static', 'spatial', 'channel', 'layer', 'spatial+channel'];

describe('conv1 density terms', () => {
  it('give expectedConv1Density bit for bit (square and not, strides 1 and 2, any S)', () => {
    const shapes = [
      { inSize: 56, outSize: 56, stride: 1 },
      { inSize: 56, outSize: 28, stride: 2 },
      { inSize: 14, outSize: 7, stride: 2 },
      { inSize: 64, outSize: 32, stride: 2, inWidth: 96, outWidth: 48 },
      { inSize: 13, outSize: 13, stride: 1, inWidth: 20, outWidth: 20 },
    ];
    const rates = [0, 1, -0.1, 1.2, 1e-9, 0.0144, 0.25, 0.5, 0.7071, 0.99];
    for (const shape of shapes) {
      for (const S of [1, 2, 3, 4, 5, 7, 8, 14, 28, 56]) {
        const terms = conv1DensityTerms(S, shape);
        for (const r of rates) {
          expect(conv1DensityFromTerms(r, terms), `${JSON.stringify(shape)} S=${S} r=${r}`).toBe(
            expectedConv1Density(r, S, shape),
          );
        }
      }
    }
  });
});

/** Each block counted on its own: fresh geometry, no shared counts, conv1 by expectedConv1Density. */
function directBlocks(arch: ArchitectureSpec, dyn: (stage: number) => BlockDynamics) {
  const out = [];
  let g = 0;
  for (let s = 0; s < arch.stages.length; s++) {
    for (let b = 0; b < arch.stages[s]!.blocks; b++) {
      out.push(blockFlops(blockGeometry(arch, s, b, g++), dyn(s)));
    }
  }
  return out;
}

describe('networkFlops with its per-architecture counts', () => {
  it('interleaved configurations of four architecture objects equal the direct count block by block', () => {
    const r50 = findBuiltinArchitecture('resnet50')!;
    const archs = [
      r50,
      architectureAtInputSize(r50, 320),
      architectureAtInputSize(r50, [256, 384]),
      findBuiltinArchitecture('regnety008')!,
    ];
    const rnd = sequence(21);
    for (let i = 0; i < 120; i++) {
      const arch = archs[i % archs.length]!;
      // S up to 40 on every stage: more values per block than a slot keeps (its table starts again).
      const settings = arch.stages.map((): BlockDynamics => ({
        mode: MODES[Math.floor(rnd() * MODES.length)]!,
        spatialGranularity: 1 + Math.floor(rnd() * 40),
        channelGroupSize: [1, 2, 4][Math.floor(rnd() * 3)]!,
        rate: i % 10 === 0 ? 0 : Number(rnd().toFixed(4)),
        channelRate: Number(rnd().toFixed(4)),
      }));
      const memo = networkFlops(arch, (b) => settings[b.stage]!);
      const direct = directBlocks(arch, (s) => settings[s]!);
      expect(memo.blocks.length).toBe(direct.length);
      memo.blocks.forEach((b, k) => {
        const d = direct[k]!;
        expect(b.densities, `${i} ${b.key}`).toEqual(d.densities);
        expect(b.dynamicMacs, `${i} ${b.key}`).toEqual(d.dynamicMacs);
        expect(b.staticMacs, `${i} ${b.key}`).toEqual(d.staticMacs);
        expect(b.conv1OverheadMacs).toBe(d.conv1OverheadMacs);
        expect(b.ratio).toBe(d.ratio);
      });
    }
  });

  it('reference rows (flops_vectors.csv) in a shuffled order stay within 1e-6', () => {
    const csv = readFileSync(
      new URL('../../data/reference/flops_vectors.csv', import.meta.url),
      'utf8',
    );
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    const cols = header!.split(',');
    const at = (cells: string[], name: string) => cells[cols.indexOf(name)] ?? '';
    const list = (t: string) => (t === '' ? [1, 1, 1, 1] : t.split('-').map(Number));
    const modeOf: Record<string, DynamicMode> = {
      static: 'static',
      spatial: 'spatial',
      layer: 'layer',
      channel: 'channel',
      both: 'spatial+channel',
    };
    const rnd = sequence(8);
    const rows = lines.map((l) => ({ cells: l.split(','), k: rnd() })).sort((a, b) => a.k - b.k);
    expect(rows.length).toBe(135);
    for (const { cells } of rows) {
      const arch = findBuiltinArchitecture(at(cells, 'model'))!;
      const S = list(at(cells, 'granularity'));
      const G = list(at(cells, 'channel_granularity'));
      const rate = at(cells, 'rate') === '' ? 1 : Number(at(cells, 'rate'));
      const mode = modeOf[at(cells, 'mode')]!;
      const flops = networkFlops(arch, (b) => ({
        mode,
        spatialGranularity: S[b.stage]!,
        channelGroupSize: G[b.stage]!,
        rate,
        channelRate: rate,
      }));
      const official = Number(at(cells, 'official_macs'));
      const what = `${at(cells, 'model')} ${mode} S=${S.join('-')} rate=${rate}`;
      expect(Math.abs(flops.dynamicMacs - official) / official, what).toBeLessThan(1e-6);
    }
  });
});
